/**
 * The bridge (without VS Code) against the real, pinned codex app-server and the mock model:
 * streamed text, command approvals, accept-for-session, and an app-server killed mid-approval.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { ChatStateChange } from "../../extension/bridge/chatState";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { shellCall, text } from "../support/mockModel/script";
import {
  waitForState,
  lastTurn,
  turnsDone,
  pendingApproval,
  itemsOf,
} from "../support/bridgeState";

describe("bridge against the real codex", function () {
  this.timeout(60_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;
  let changes: ChatStateChange[];
  let approvalsSeen: Set<string>;

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "on-request", sandboxMode: "read-only" });
    const log: string[] = [];
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    // Chat mode: read-only sandbox, asks before escalating.
    await bridge.models.choose({ mode: "chat" });
    changes = [];
    approvalsSeen = new Set();
    bridge.state.onDidChange((change) => {
      changes.push(change);
      for (const approval of bridge.state.snapshot.approvals) approvalsSeen.add(approval.id);
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  it("streams an answer into the ChatViewState in batches", async () => {
    harness.model.enqueue(text("Streaming hello from the real codex.", { chunks: 6 }));
    assert.deepEqual(await bridge.threads.send("Say hello", []), { queued: false });
    const state = await waitForState(bridge, turnsDone(1), "the turn to complete");
    assert.equal(lastTurn(state)?.status, "completed");
    const [user] = itemsOf(state, "userMessage");
    assert.deepEqual(user?.content, [{ type: "text", text: "Say hello", text_elements: [] }]);
    const [agent] = itemsOf(state, "agentMessage");
    assert.equal(agent?.text, "Streaming hello from the real codex.");
    const eventPosts = changes.filter((change) => change.kind === "events");
    assert.ok(eventPosts.length > 0, "streamed as thread events");
    const wholeThreadPosts = changes.filter(
      (change) => change.kind === "patch" && change.patch.thread !== undefined,
    );
    assert.equal(wholeThreadPosts.length, 1, "the whole thread is posted once (when it starts)");
    assert.ok(state.thread?.tokenUsage, "token usage arrived");
  });

  it("shows a command approval, and accepting runs it and shows the output", async () => {
    harness.model.enqueue(shellCall({ cmd: "echo approved-output" }), text("Ran it."));
    await bridge.threads.send("Run echo", []);
    const asking = await waitForState(bridge, (s) => !!pendingApproval(s), "an approval");
    const approval = pendingApproval(asking)!;
    assert.equal(approval.request.kind, "command");
    assert.equal(approval.threadId, asking.thread?.id);
    assert.match(
      approval.request.kind === "command" ? (approval.request.params.command ?? "") : "",
      /echo approved-output/,
    );
    bridge.approvals.answer(approval.id, { kind: "decision", decision: "accept" });
    const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
    const [command] = itemsOf(done, "commandExecution");
    assert.equal(command?.status, "completed");
    assert.match(command?.aggregatedOutput ?? "", /approved-output/);
    assert.equal(done.approvals.filter((a) => a.status === "pending").length, 0);
  });

  it("accept for session stops the same prompt from coming back in that thread", async () => {
    harness.model.enqueue(
      shellCall({ cmd: "echo same-command", callId: "call_first" }),
      text("First run done."),
      shellCall({ cmd: "echo same-command", callId: "call_second" }),
      text("Second run done."),
    );
    await bridge.threads.send("Run it once", []);
    const asking = await waitForState(bridge, (s) => !!pendingApproval(s), "the first approval");
    bridge.approvals.answer(pendingApproval(asking)!.id, {
      kind: "decision",
      decision: "acceptForSession",
    });
    await waitForState(bridge, turnsDone(1), "the first turn");

    await bridge.threads.send("Run it again", []);
    const done = await waitForState(
      bridge,
      (s) => turnsDone(2)(s) || !!pendingApproval(s),
      "the second turn (or a second prompt)",
    );
    assert.equal(pendingApproval(done), undefined, "codex asked again for the same command");
    assert.equal(approvalsSeen.size, 1, "exactly one approval was shown");
    const commands = itemsOf(done, "commandExecution");
    assert.equal(commands.length, 2);
    assert.ok(
      commands.every(
        (c) => c.status === "completed" && /same-command/.test(c.aggregatedOutput ?? ""),
      ),
    );
  });

  it("an approval pending when the app-server dies shows as cancelled, never accepted", async () => {
    harness.model.enqueue(shellCall({ cmd: "echo never-run" }), text("Should not get here."));
    await bridge.threads.send("Run something", []);
    const asking = await waitForState(bridge, (s) => !!pendingApproval(s), "an approval");
    const id = pendingApproval(asking)!.id;
    const pid = harness.supervisor.pid;
    assert.ok(pid, "the app-server runs");
    process.kill(pid, "SIGKILL");
    const after = await waitForState(
      bridge,
      (s) =>
        s.approvals.find((a) => a.id === id)?.status === "cancelled" &&
        lastTurn(s)?.status === "interrupted",
      "the approval to be cancelled and the turn interrupted",
    );
    assert.ok(after.notices.some((n) => /interrupted/.test(n.message)));
    assert.throws(
      () => bridge.approvals.answer(id, { kind: "decision", decision: "accept" }),
      /no longer waiting/,
    );
    // The supervisor restarts it; the transcript stays.
    await waitForState(bridge, (s) => s.connection.kind === "ready", "the restart");
    assert.equal(bridge.state.snapshot.thread?.id, asking.thread?.id);
    const commands = itemsOf(bridge.state.snapshot, "commandExecution");
    assert.ok(commands.every((c) => !/never-run/.test(c.aggregatedOutput ?? "")));
  });
  it("resumes a past thread from history with its turns, without codex's deprecation notice", async () => {
    harness.model.enqueue(text("First answer.", { chunks: 2 }));
    await bridge.threads.send("First question", []);
    const first = await waitForState(bridge, turnsDone(1), "the first turn");
    const threadId = first.thread!.id;

    bridge.threads.newThread();
    assert.equal(bridge.state.snapshot.thread, null);
    const { threads } = await bridge.history.list(null, null);
    assert.ok(
      threads.some((summary) => summary.id === threadId),
      "the thread is in history",
    );

    await bridge.history.resume(threadId);
    const resumed = bridge.state.snapshot;
    assert.equal(resumed.thread?.id, threadId);
    assert.equal(itemsOf(resumed, "agentMessage")[0]?.text, "First answer.");
    assert.deepEqual(
      resumed.notices.filter((notice) => /deprecat/i.test(notice.message)),
      [],
      "no deprecation notice reaches the user",
    );
    const withUsage = await waitForState(
      bridge,
      (state) => state.thread?.id === threadId && state.thread.tokenUsage !== null,
      "the resumed thread's token usage (the context meter)",
      10_000,
    );
    assert.ok(withUsage.thread!.tokenUsage!.total.totalTokens > 0);

    harness.model.enqueue(text("Second answer."));
    await bridge.threads.send("Follow-up", []);
    const next = await waitForState(bridge, turnsDone(2), "the follow-up turn");
    assert.equal(next.thread?.id, threadId, "the follow-up continues the resumed thread");
  });
});
