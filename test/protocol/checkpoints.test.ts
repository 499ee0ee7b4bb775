/**
 * A checkpoint for every turn, against the real codex and the mock model (issue 14): turns that
 * edit through apply_patch and through shell commands (rewrite, rm, mv, create), one whose
 * command fails half way; undo restores byte for byte and the next message tells codex; Restore
 * to here rewinds files and conversation (the next model request lacks the dropped turns).
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import { CheckpointStore } from "../../extension/checkpoints";
import { ReviewNotes } from "../../extension/review/reviewNotes";
import {
  turnActionsFor,
  type TurnActions,
  type UndoChoice,
} from "../../extension/review/turnActions";
import { TurnCheckpoints } from "../../extension/review/turnCheckpoints";
import type { ReviewFile } from "../../extension/bridge/handlers/context";
import type { Disposable } from "../../extension/connection/port";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { applyPatch, shellCall, text } from "../support/mockModel/script";
import { lastTurn, turnsDone, waitForState } from "../support/bridgeState";

describe("checkpoints against the real codex", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let storage: string;
  let store: CheckpointStore;
  let checkpoints: TurnCheckpoints;
  let notes: ReviewNotes;
  let bridge: ChatBridge;
  let actions: TurnActions;
  let attached: Disposable;
  let opened: ReviewFile[][];
  let answer: UndoChoice;

  const ws = (name: string) => path.join(harness.workspace.dir, name);
  const read = (name: string) => readFile(ws(name));
  const list = async () => (await readdir(harness.workspace.dir)).sort();
  const hasCheckpoint = (state: Parameters<typeof lastTurn>[0]) =>
    lastTurn(state)?.checkpoint !== undefined;

  beforeEach(async () => {
    harness = await startCodexHarness({
      approvalPolicy: "never",
      sandboxMode: "danger-full-access",
    });
    storage = await mkdtemp(path.join(tmpdir(), "codex-checkpoints-"));
    await writeFile(ws("a.txt"), "alpha\n");
    await writeFile(ws("b.txt"), "bravo\n");
    await writeFile(ws("c.txt"), "charlie\n");
    await writeFile(ws("bin.dat"), Buffer.from([0, 1, 2, 255, 254]));
    store = await CheckpointStore.open(storage, harness.workspace.dir);
    await store.prepare();
    const log: string[] = [];
    checkpoints = new TurnCheckpoints(() => store, memoryLogger(log));
    attached = checkpoints.attach(harness.port);
    notes = new ReviewNotes();
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
      checkpoints,
      reviewNotes: notes,
    });
    await bridge.models.choose({ mode: "agentFullAccess" });
    opened = [];
    answer = "keep";
    actions = turnActionsFor(
      {
        store: () => store,
        port: harness.port,
        checkpoints,
        reviewNotes: notes,
        openChanges: async (files) => void opened.push([...files]),
        confirmUndo: async () => answer,
        logger: memoryLogger(log),
      },
      bridge,
    );
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    await checkpoints.settled();
    attached.dispose();
    bridge.dispose();
    await store.close();
    await harness.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  it("a shell command's rewrite, rm, mv and create are summarised and undone byte for byte", async () => {
    harness.model.enqueue(
      shellCall({
        justification: null,
        cmd: "printf 'rewritten\\n' > a.txt && rm b.txt && mv c.txt d.txt && printf 'new\\n' > e.txt",
      }),
      text("Done."),
    );
    const started = Date.now();
    await bridge.threads.send("Shuffle the files", []);
    const done = await waitForState(
      bridge,
      (s) => turnsDone(1)(s) && hasCheckpoint(s),
      "the summary",
    );
    const elapsed = Date.now() - started;
    const checkpoint = lastTurn(done)!.checkpoint!;
    const kinds = Object.fromEntries(checkpoint.files.map((f) => [f.path, f.kind]));
    assert.deepEqual(kinds, {
      "a.txt": "modified",
      "b.txt": "deleted",
      "d.txt": "renamed",
      "e.txt": "added",
    });
    assert.equal(checkpoint.files.find((f) => f.path === "d.txt")?.previousPath, "c.txt");
    assert.equal(checkpoint.incomplete, false);
    console.log(`      shell turn with checkpoint: ${elapsed} ms end to end`);

    await actions.review(lastTurn(done)!.id);
    assert.equal(opened.length, 1);
    const a = opened[0]!.find((file) => file.path === ws("a.txt"));
    assert.deepEqual(a && { before: a.before, after: a.after }, {
      before: "alpha\n",
      after: "rewritten\n",
    });

    const result = await actions.undo(lastTurn(done)!.id);
    assert.equal(result?.complete, true);
    assert.deepEqual(await list(), ["a.txt", "b.txt", "bin.dat", "c.txt"]);
    assert.equal((await read("a.txt")).toString(), "alpha\n");
    assert.equal((await read("b.txt")).toString(), "bravo\n");
    assert.equal((await read("c.txt")).toString(), "charlie\n");
    const undone = await waitForState(
      bridge,
      (s) =>
        lastTurn(s)?.checkpoint?.undone !== null && lastTurn(s)?.checkpoint?.undone !== undefined,
      "the summary to say undone",
    );
    assert.ok(lastTurn(undone)!.checkpoint!.undone!.every((f) => f.outcome === "restored"));

    // The next message tells codex what the user undid.
    await bridge.threads.send("Next", []);
    await waitForState(bridge, turnsDone(2), "the second turn");
    const request = JSON.stringify(harness.model.requests.at(-1));
    assert.match(request, /Note: the user undid your changes to a\.txt/);
  });

  it("an apply_patch turn (binary file untouched) undoes exactly, keeping a later user edit when asked to", async () => {
    harness.model.enqueue(
      applyPatch(
        [
          "*** Begin Patch",
          "*** Update File: a.txt",
          "@@",
          "-alpha",
          "+ALPHA",
          "*** Add File: f.txt",
          "+fresh",
          "*** End Patch",
        ].join("\n"),
      ),
      text("Patched."),
    );
    await bridge.threads.send("Patch it", []);
    const done = await waitForState(
      bridge,
      (s) => turnsDone(1)(s) && hasCheckpoint(s),
      "the summary",
    );
    const turnId = lastTurn(done)!.id;
    assert.deepEqual(
      lastTurn(done)!
        .checkpoint!.files.map((f) => [f.path, f.kind, f.added, f.removed])
        .sort(),
      [
        ["a.txt", "modified", 1, 1],
        ["f.txt", "added", 1, 0],
      ],
    );
    // Without a checkpoint (checkpoints off), Review takes the patch fallback: the same files.
    const withoutStore = turnActionsFor(
      {
        store: () => undefined,
        port: harness.port,
        checkpoints,
        reviewNotes: notes,
        openChanges: async (files) => void opened.push([...files]),
        confirmUndo: async () => answer,
        logger: memoryLogger([]),
      },
      bridge,
    );
    await actions.review(turnId);
    await withoutStore.review(turnId);
    const sides = opened.map((files) =>
      files.map((f) => [path.basename(f.path), f.before, f.after]),
    );
    assert.deepEqual(sides[0]!.sort(), [
      ["a.txt", "alpha\n", "ALPHA\n"],
      ["f.txt", "", "fresh\n"],
    ]);
    assert.deepEqual(
      sides[1]!.map(([name, before]) => [name, before]).sort(),
      [
        ["a.txt", "alpha\n"],
        ["f.txt", ""],
      ],
      "the patch fallback rebuilds the same before-texts",
    );
    // The user edits f.txt after the turn: undo asks, and by default keeps the edit.
    await writeFile(ws("f.txt"), "fresh\nmine\n");
    answer = "keep";
    const result = await actions.undo(turnId);
    assert.equal(result?.complete, false);
    assert.equal((await read("a.txt")).toString(), "alpha\n");
    assert.equal((await read("f.txt")).toString(), "fresh\nmine\n");
    assert.deepEqual(await read("bin.dat"), Buffer.from([0, 1, 2, 255, 254]));
    const kept = result?.files.find((f) => f.path === "f.txt");
    assert.equal(kept?.outcome, "kept-user-edit");
  });

  it("a command that fails half way is undone too", async () => {
    harness.model.enqueue(
      shellCall({
        justification: null,
        cmd: "printf 'half\\n' > a.txt && rm c.txt && false && printf 'never\\n' > b.txt",
      }),
      text("It failed."),
    );
    await bridge.threads.send("Try it", []);
    const done = await waitForState(
      bridge,
      (s) => turnsDone(1)(s) && hasCheckpoint(s),
      "the summary",
    );
    assert.deepEqual(
      lastTurn(done)!
        .checkpoint!.files.map((f) => f.path)
        .sort(),
      ["a.txt", "c.txt"],
    );
    await actions.undo(lastTurn(done)!.id);
    assert.equal((await read("a.txt")).toString(), "alpha\n");
    assert.equal((await read("c.txt")).toString(), "charlie\n");
    assert.equal((await read("b.txt")).toString(), "bravo\n");
  });

  it("Restore to here rewinds the files and the conversation", async () => {
    harness.model.enqueue(text("First answer."));
    await bridge.threads.send("first message", []);
    await waitForState(bridge, turnsDone(1), "the first turn");
    harness.model.enqueue(
      shellCall({ justification: null, cmd: "printf 'second\\n' > a.txt" }),
      text("Second answer."),
    );
    await bridge.threads.send("second message", []);
    const second = await waitForState(
      bridge,
      (s) => turnsDone(2)(s) && hasCheckpoint(s),
      "the summary",
    );
    const secondId = lastTurn(second)!.id;
    assert.equal((await read("a.txt")).toString(), "second\n");

    const restored = await actions.restoreTo(secondId);
    assert.deepEqual(restored, { text: "second message" });
    assert.equal((await read("a.txt")).toString(), "alpha\n");
    assert.equal(bridge.state.thread?.turns.length, 1);

    harness.model.enqueue(text("Third answer."));
    const before = harness.model.requests.length;
    await bridge.threads.send("third message", []);
    await waitForState(bridge, turnsDone(2), "the third turn");
    const request = JSON.stringify(harness.model.requests[before]);
    assert.match(request, /first message/);
    assert.match(request, /third message/);
    assert.doesNotMatch(
      request,
      /second message/,
      "the dropped turn is gone from the model's context",
    );
    assert.doesNotMatch(request, /Second answer/);
  });
});
