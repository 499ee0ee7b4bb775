/**
 * The history against the real, pinned codex and the mock model: this workspace's threads by
 * default (`thread/list` with the folders as `cwd`), every project's on request, and a resumed
 * thread shown from its latest page of turns, the older pages fetched one by one
 * (`thread/turns/list` with the cursor) until its first message.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import { ThreadHistory } from "../../extension/bridge/threadHistory";
import { scratchWorkspace, type ScratchWorkspace } from "../support/codexHome";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { text } from "../support/mockModel/script";
import { itemsOf, turnsDone, waitForState } from "../support/bridgeState";

describe("history against the real codex", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let other: ScratchWorkspace;
  const bridges: ChatBridge[] = [];

  function bridgeIn(dir: string): ChatBridge {
    const bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => dir,
      workspaceFolders: () => [{ name: "ws", path: dir }],
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    bridges.push(bridge);
    return bridge;
  }

  async function say(bridge: ChatBridge, message: string, count: number): Promise<string> {
    harness.model.enqueue(text(`answer to ${message}`));
    await bridge.threads.send(message, []);
    const state = await waitForState(bridge, turnsDone(count), `turn ${count}`);
    return state.thread!.id;
  }

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "never", sandboxMode: "read-only" });
    other = await scratchWorkspace("codex-other-");
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    for (const bridge of bridges.splice(0)) bridge.dispose();
    await harness.dispose();
    await other.dispose();
  });

  it("lists this workspace's threads by default and every project's on request", async () => {
    const here = bridgeIn(harness.workspace.dir);
    const elsewhere = bridgeIn(other.dir);
    const mine = await say(here, "in this workspace", 1);
    const theirs = await say(elsewhere, "in another project", 1);

    const workspace = await here.history.list(null, null);
    const ids = workspace.threads.map((thread) => thread.id);
    assert.ok(ids.includes(mine), "this workspace's thread is listed");
    assert.ok(!ids.includes(theirs), "another project's thread is not");
    assert.ok(workspace.threads.every((thread) => thread.cwd === harness.workspace.dir));

    const all = await here.history.list(null, null, true);
    const allIds = all.threads.map((thread) => thread.id);
    assert.ok(allIds.includes(mine) && allIds.includes(theirs), "all projects: both");
  });

  it("resumes from the latest page and pages back to the first message", async () => {
    const bridge = bridgeIn(harness.workspace.dir);
    let threadId = "";
    for (let i = 1; i <= 7; i++) threadId = await say(bridge, `message ${i}`, i);
    bridge.threads.newThread();

    const history = new ThreadHistory({
      port: harness.port,
      state: bridge.state,
      session: bridge.threads,
      turnPageSize: 3,
    });
    await history.resume(threadId);
    const userTexts = () =>
      itemsOf(bridge.state.snapshot, "userMessage").map((item) =>
        item.content.map((part) => (part.type === "text" ? part.text : "")).join(""),
      );
    assert.deepEqual(userTexts(), ["message 5", "message 6", "message 7"], "the latest page");
    assert.equal(bridge.state.snapshot.thread?.olderTurns, true);

    // Scrolling fires more than once: one page is fetched.
    await Promise.all([history.loadOlder(threadId), history.loadOlder(threadId)]);
    assert.deepEqual(userTexts(), [
      "message 2",
      "message 3",
      "message 4",
      "message 5",
      "message 6",
      "message 7",
    ]);
    assert.equal(bridge.state.snapshot.thread?.olderTurns, true);

    await history.loadOlder(threadId);
    assert.deepEqual(
      userTexts(),
      [1, 2, 3, 4, 5, 6, 7].map((i) => `message ${i}`),
      "read to its start, in order",
    );
    assert.equal(bridge.state.snapshot.thread?.olderTurns, false, "nothing older is left");
    assert.equal(
      itemsOf(bridge.state.snapshot, "agentMessage")[0]?.text,
      "answer to message 1",
      "turns come with their items",
    );
    await history.loadOlder(threadId);
    assert.equal(bridge.state.snapshot.thread?.turns.length, 7, "no page after the first");

    // The resumed thread goes on where it ended.
    harness.model.enqueue(text("answer to message 8"));
    await bridge.threads.send("message 8", []);
    await waitForState(bridge, turnsDone(8), "the follow-up turn");
    assert.equal(userTexts().at(-1), "message 8");
  });
});
