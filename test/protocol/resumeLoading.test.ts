/**
 * Resuming a thread in a codex process that has not loaded it yet, against the real codex and the
 * mock model: one codex process writes the thread (two turns, then a third it is killed during),
 * a fresh one resumes it. ThreadHistory.open and settle rely on what this pins:
 * - `thread/read` and `thread/turns/list` sent before `thread/resume` are answered while the
 *   resume is still pending; a `thread/read` sent after it waits for the load;
 * - the unfinished last turn is `interrupted` before the load and after it;
 * - a rollout codex has not indexed yet (written elsewhere, a copied CODEX_HOME) pages as empty
 *   until codex has loaded it.
 * Through the bridge: the early page is shown, and a message sent during the load starts its turn
 * once codex has answered the resume.
 */
import assert from "node:assert/strict";
import { cp, readdir, readFile } from "node:fs/promises";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { AppServerPort } from "../../extension/connection/port";
import type { Turn } from "../../protocol/codex/v2/Turn";
import { killAllCodex, spawnCodex, type CodexSession } from "../support/appServerHarness";
import { itemsOf, turnsDone, waitForState } from "../support/bridgeState";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { text } from "../support/mockModel/script";
import { waitUntil } from "../support/waitUntil";

const userInput = (message: string) => [
  { type: "text" as const, text: message, text_elements: [] },
];
const latestPage = (threadId: string) =>
  ({ threadId, cursor: null, limit: 20, sortDirection: "desc", itemsView: "full" }) as const;
/** The turns' states, oldest first, of a page codex lists newest first. */
const statuses = (turns: readonly Turn[]) =>
  turns
    .slice()
    .reverse()
    .map((turn) => turn.status);

async function rolloutFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * A thread written by its own codex process: two answered turns, then a third whose answer the
 * model holds back until that process is killed (SIGKILL: a crash or a closed window).
 */
async function writeThread(harness: CodexHarness): Promise<string> {
  const writer = await spawnCodex({ codexHome: harness.home.dir });
  const { thread } = await writer.client.request("thread/start", { cwd: harness.workspace.dir });
  for (let i = 1; i <= 2; i++) {
    harness.model.enqueue(text(`answer ${i}`));
    await writer.client.request("turn/start", {
      threadId: thread.id,
      input: userInput(`message ${i}`),
    });
    await waitUntil(
      () => writer.notifications.filter((n) => n.method === "turn/completed").length === i,
      `turn ${i} completed`,
    );
  }
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  harness.model.onRequest(async () => {
    await held;
    return text("never seen");
  });
  await writer.client.request("turn/start", { threadId: thread.id, input: userInput("message 3") });
  await harness.model.waitForRequests(3);
  // Killed once the rollout holds the third message.
  const sessions = path.join(harness.home.dir, "sessions");
  await waitUntil(async () => {
    const [file] = await rolloutFiles(sessions);
    return file !== undefined && (await readFile(file, "utf8")).includes("message 3");
  }, "the third message in the rollout");
  writer.child.kill("SIGKILL");
  await writer.kill();
  harness.model.onRequest(undefined);
  release();
  return thread.id;
}

/** `port`, with every request and its answer logged in order (`→ method`, `← method`). */
function recordingPort(port: AppServerPort, log: string[]): AppServerPort {
  return new Proxy(port, {
    get(target, key) {
      if (key !== "request") {
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      }
      const request: AppServerPort["request"] = (method, ...rest) => {
        log.push(`→ ${method}`);
        const answer = target.request(method, ...rest);
        answer.then(
          () => log.push(`← ${method}`),
          () => log.push(`✗ ${method}`),
        );
        return answer;
      };
      return request;
    },
  });
}

describe("resuming a thread in a fresh codex process", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  const extra: CodexHarness[] = [];
  const bridges: ChatBridge[] = [];
  let threadId = "";

  function bridgeOn(target: CodexHarness, port: AppServerPort): ChatBridge {
    const bridge = new ChatBridge({
      port,
      logger: memoryLogger(target.log),
      cwd: () => target.workspace.dir,
      workspaceFolders: () => [{ name: "ws", path: target.workspace.dir }],
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    bridges.push(bridge);
    return bridge;
  }

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "never", sandboxMode: "read-only" });
    threadId = await writeThread(harness);
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    for (const bridge of bridges.splice(0)) bridge.dispose();
    await killAllCodex();
    for (const other of extra.splice(0)) await other.dispose();
    await harness.dispose();
  });

  it("answers thread/read and thread/turns/list sent before thread/resume while it loads; a read sent after waits", async () => {
    const reader: CodexSession = await spawnCodex({ codexHome: harness.home.dir });
    const answered: string[] = [];
    const ask = <T>(label: string, request: Promise<T>): Promise<T> =>
      request.then((answer) => {
        answered.push(label);
        return answer;
      });
    const { client } = reader;
    // In the order ThreadHistory.open sends them, then a read behind the resume.
    const [before, early, resumed, after] = await Promise.all([
      ask("read before", client.request("thread/read", { threadId, includeTurns: false })),
      ask("turns before", client.request("thread/turns/list", latestPage(threadId))),
      ask("resume", client.request("thread/resume", { threadId, excludeTurns: true })),
      ask("read after", client.request("thread/read", { threadId, includeTurns: false })),
    ]);
    const at = (label: string) => answered.indexOf(label);
    // codex serialises a read behind the thread's load; the reads sent before it race the load
    // (answered first in every run seen, by 100 ms or more), so only what they say is checked.
    assert.ok(at("read after") > at("resume"), `answered in the order ${answered.join(", ")}`);
    if (at("read before") < at("resume")) {
      assert.equal(before.thread.status.type, "notLoaded", "read before the load");
    }
    assert.equal(after.thread.status.type, "idle", "read after the load");
    assert.equal(resumed.thread.turns.length, 0, "excludeTurns");

    assert.deepEqual(
      statuses(early.data),
      ["completed", "completed", "interrupted"],
      "the unfinished turn, before the load",
    );
    const loaded = await client.request("thread/turns/list", latestPage(threadId));
    assert.deepEqual(
      loaded.data.map((turn) => `${turn.id}:${turn.status}`),
      early.data.map((turn) => `${turn.id}:${turn.status}`),
      "the same turns and states once loaded",
    );
    assert.ok(
      early.data[0]!.items.some((item) => item.type === "userMessage"),
      "the unfinished turn has its message",
    );
  });

  it("the bridge shows the early page; a message sent during the load starts its turn once codex has loaded the thread", async () => {
    const log: string[] = [];
    const bridge = bridgeOn(harness, recordingPort(harness.port, log));
    await bridge.history.resume(threadId);
    assert.deepEqual(
      bridge.state.snapshot.thread?.turns.map((turn) => turn.status),
      ["completed", "completed", "interrupted"],
      "shown from the early page",
    );
    assert.equal(bridge.threads.runningTurnId, undefined, "nothing runs in the resumed thread");
    // The early page races the load; while the load runs, the thread says so.
    if (!log.includes("← thread/resume")) {
      assert.ok(bridge.threads.isLoading(threadId), "shown while codex still loads it");
      assert.equal(bridge.state.snapshot.thread?.loading, true, "the composer can say so");
    }

    harness.model.enqueue(text("answer 4"));
    await bridge.threads.send("message 4", []);
    assert.ok(
      log.indexOf("← thread/resume") < log.indexOf("→ turn/start"),
      `the turn starts after the load: ${log.join(", ")}`,
    );
    assert.equal(bridge.state.snapshot.thread?.loading, false);
    await waitForState(bridge, turnsDone(4), "the turn sent during the load");
    assert.deepEqual(
      bridge.state.snapshot.thread?.turns.map((turn) => turn.status),
      ["completed", "completed", "interrupted", "completed"],
    );
    assert.equal(itemsOf(bridge.state.snapshot, "agentMessage").at(-1)?.text, "answer 4");
  });

  it("a rollout codex has not indexed pages as empty until codex has loaded it; the bridge then shows its turns", async () => {
    // The same rollout in a CODEX_HOME whose index has never seen it.
    const copy = await startCodexHarness({ approvalPolicy: "never", sandboxMode: "read-only" });
    extra.push(copy);
    await cp(path.join(harness.home.dir, "sessions"), path.join(copy.home.dir, "sessions"), {
      recursive: true,
    });
    const log: string[] = [];
    const bridge = bridgeOn(copy, recordingPort(copy.port, log));
    await bridge.history.resume(threadId);
    assert.ok(
      log.indexOf("← thread/turns/list") < log.indexOf("← thread/resume") ||
        !log.includes("← thread/resume"),
      `the early page came first: ${log.join(", ")}`,
    );
    assert.deepEqual(bridge.state.snapshot.thread?.turns, [], "codex's early page is empty");
    const state = await waitForState(
      bridge,
      (view) => view.thread?.turns.length === 3,
      "codex's page once loaded",
    );
    assert.deepEqual(
      state.thread?.turns.map((turn) => turn.status),
      ["completed", "completed", "interrupted"],
    );
    await waitUntil(() => !bridge.threads.isLoading(threadId), "the load settled");
  });
});
