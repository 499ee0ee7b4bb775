/**
 * The checkpoint lifecycle glue with a fake port and a real CheckpointStore on a temp folder:
 * begin before turn/start, bind to codex's turn id, record a patch's paths, finish on the turn's
 * end (or the app-server's loss), never break a turn when the store fails.
 */
import assert from "node:assert/strict";

import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { CheckpointStore } from "../../../extension/checkpoints";
import { silentLogger } from "../../../extension/log";
import { noteText, ReviewNotes } from "../../../extension/review/reviewNotes";
import {
  TurnCheckpoints,
  type CheckpointChange,
  type CheckpointStoreApi,
} from "../../../extension/review/turnCheckpoints";
import { emptyThread } from "../../../extension/bridge/chatState";
import { fakePort, type FakePort } from "../bridge/fakePort";
import { sandbox, type Sandbox } from "../checkpoints/treeSnapshot";
import { waitUntil } from "../../support/waitUntil";

const THREAD = "thread-1";

function completed(turnId: string, status: "completed" | "failed" = "completed") {
  return {
    method: "turn/completed",
    params: { threadId: THREAD, turn: { id: turnId, status, error: null, items: [] } },
  } as unknown as ServerNotification;
}

function started(turnId: string): ServerNotification {
  return {
    method: "turn/started",
    params: {
      threadId: THREAD,
      turn: { id: turnId, status: "inProgress", error: null, items: [] },
    },
  } as unknown as ServerNotification;
}

function fileChangeStarted(turnId: string, path: string): ServerNotification {
  return {
    method: "item/started",
    params: {
      threadId: THREAD,
      turnId,
      item: {
        type: "fileChange",
        id: "fc1",
        status: "inProgress",
        changes: [{ path, kind: { type: "update", move_path: null }, diff: "" }],
      },
    },
  } as unknown as ServerNotification;
}

describe("turn checkpoints (lifecycle glue)", () => {
  let box: Sandbox;
  let store: CheckpointStore;
  let port: FakePort;
  let glue: TurnCheckpoints;
  let changes: CheckpointChange[];
  let storeFor: () => CheckpointStoreApi | undefined;

  beforeEach(async () => {
    box = sandbox();
    box.write("a.txt", "alpha\n");
    box.write("b.txt", "bravo\n");
    store = await CheckpointStore.open(box.storage, box.root);
    await store.prepare();
    port = fakePort();
    storeFor = () => store;
    glue = new TurnCheckpoints(() => storeFor(), silentLogger);
    glue.attach(port);
    changes = [];
    glue.onDidChange((change) => changes.push(change));
  });

  afterEach(async () => {
    await glue.settled();
    await store.close();
    box.dispose();
  });

  it("checkpoints a turn begun before turn/start, named by codex's answer, shell changes included", async () => {
    const ticket = await glue.begin(THREAD);
    ticket.bind("turn-1");
    port.emit(started("turn-1"));
    box.sh("printf 'changed\\n' > a.txt && rm b.txt && printf 'new\\n' > c.txt");
    port.emit(completed("turn-1"));
    await waitUntil(() => changes.length === 1, "the turn's summary");
    const [change] = changes;
    assert.equal(change?.turnId, "turn-1");
    assert.deepEqual(change?.checkpoint.files.map((f) => [f.path, f.kind]).sort(), [
      ["a.txt", "modified"],
      ["b.txt", "deleted"],
      ["c.txt", "added"],
    ]);
    assert.equal(change?.checkpoint.incomplete, false);
    // Persisted under codex's id: a resumed thread gets its summary back.
    const view = glue.decorate({
      ...emptyThread(THREAD, box.root),
      turns: [
        { id: "turn-1", status: "completed", error: null, items: [], diff: null, plan: null },
      ],
    });
    assert.equal(view.turns[0]?.checkpoint?.files.length, 3);
    const undo = await store.undoTurn(THREAD, "turn-1");
    assert.equal(undo.complete, true);
    assert.equal(box.read("a.txt").toString(), "alpha\n");
    assert.equal(box.read("b.txt").toString(), "bravo\n");
  });

  it("binds to turn/started when it arrives before codex's answer, and records a patch's paths", async () => {
    const ticket = await glue.begin(THREAD);
    port.emit(started("turn-2"));
    port.emit(fileChangeStarted("turn-2", `${box.root}/a.txt`));
    box.write("a.txt", "patched\n");
    ticket.bind("turn-2");
    port.emit(completed("turn-2"));
    await waitUntil(() => changes.length === 1, "the turn's summary");
    assert.deepEqual(
      changes[0]?.checkpoint.files.map((f) => f.path),
      ["a.txt"],
    );
  });

  it("a turn without file changes posts no summary", async () => {
    const ticket = await glue.begin(THREAD);
    ticket.bind("turn-3");
    port.emit(completed("turn-3"));
    await glue.settled();
    assert.equal(changes.length, 0);
  });

  it("a store that fails never blocks the turn: its summary says incomplete", async () => {
    storeFor = () => ({
      ...store,
      beginTurn: () => Promise.reject(new Error("disk full")),
      recordPatch: (...args) => store.recordPatch(...args),
      finishTurn: (...args) => store.finishTurn(...args),
      listTurns: (threadId) => store.listTurns(threadId),
      getTurn: (threadId, turnId) => store.getTurn(threadId, turnId),
    });
    const ticket = await glue.begin(THREAD);
    ticket.bind("turn-4");
    port.emit(completed("turn-4"));
    await waitUntil(() => changes.length === 1, "the incomplete summary");
    assert.deepEqual(changes[0]?.checkpoint, { files: [], incomplete: true, undone: null });
  });

  it("a turn it did not see begin is checkpointed from turn/started and marked incomplete", async () => {
    port.emit(started("turn-5"));
    // The late begin's scan is queued first: once a later scan is done, so is it.
    await store.rescan();
    box.write("a.txt", "late\n");
    port.emit(completed("turn-5"));
    await waitUntil(() => changes.length === 1, "the summary");
    assert.equal(changes[0]?.checkpoint.incomplete, true);
  });

  it("the app-server's loss finishes the running turn's checkpoint", async () => {
    const ticket = await glue.begin(THREAD);
    ticket.bind("turn-6");
    box.write("a.txt", "before the crash\n");
    port.setState({ kind: "restarting", attempt: 1, reason: "crashed" });
    await waitUntil(() => changes.length === 1, "the summary");
    assert.equal(changes[0]?.checkpoint.incomplete, true);
    assert.deepEqual(
      changes[0]?.checkpoint.files.map((f) => f.path),
      ["a.txt"],
    );
  });

  it("checkpoints off: begin is a no-op", async () => {
    storeFor = () => undefined;
    const ticket = await glue.begin(THREAD);
    ticket.bind("turn-7");
    port.emit(completed("turn-7"));
    await glue.settled();
    assert.equal(changes.length, 0);
  });
});

describe("review notes", () => {
  it("tell codex what the user undid, once, and can be put back", () => {
    const notes = new ReviewNotes();
    notes.record(THREAD, [
      { kind: "undid", path: "src/a.ts" },
      { kind: "undid", path: "src/b.ts" },
    ]);
    const taken = notes.take(THREAD);
    assert.equal(
      noteText(taken),
      "Note: the user undid your changes to src/a.ts and src/b.ts since your last turn.",
    );
    assert.deepEqual(notes.take(THREAD), []);
    notes.requeue(THREAD, taken);
    assert.equal(notes.take(THREAD).length, 2);
    assert.equal(noteText([]), null);
  });
});
