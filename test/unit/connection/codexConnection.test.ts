import assert from "node:assert/strict";

import { ChatBridge } from "../../../extension/bridge/bridge";
import { emptyThread } from "../../../extension/bridge/chatState";
import { CodexConnection, threadIdOf } from "../../../extension/connection/codexConnection";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import { fakePort, nullLogger } from "../bridge/fakePort";

function commandApproval(threadId: string, itemId = "call-1") {
  return {
    threadId,
    turnId: "turn-1",
    itemId,
    reason: null,
    command: "echo hi",
    cwd: "/w",
    commandActions: [],
  };
}

function twoBridges() {
  const port = fakePort();
  const connection = new CodexConnection(port);
  const make = (fallback: boolean) =>
    new ChatBridge({
      port: connection,
      fallback,
      logger: nullLogger(),
      cwd: () => "/w",
      openExternal: async () => true,
      confirmFullAccess: async () => true,
    });
  const sidebar = make(true);
  const panel = make(false);
  sidebar.state.setThread(emptyThread("thread-sidebar", "/w"));
  panel.state.setThread(emptyThread("thread-panel", "/w"));
  return { port, connection, sidebar, panel };
}

describe("codex connection: routing", () => {
  it("reads threadId from params", () => {
    assert.equal(threadIdOf({ threadId: "t" }), "t");
    assert.equal(threadIdOf({ threadId: "" }), undefined);
    assert.equal(threadIdOf({}), undefined);
    assert.equal(threadIdOf(null), undefined);
    assert.equal(threadIdOf("t"), undefined);
  });

  it("registers one handler per method on the shared port, however many bridges", () => {
    const { connection } = twoBridges();
    assert.equal(connection.ownerCount("item/commandExecution/requestApproval"), 2);
    assert.equal(connection.ownerCount("mcpServer/elicitation/request"), 2);
  });

  it("hands an approval to the bridge that shows its thread, and only to it", async () => {
    const { port, sidebar, panel } = twoBridges();
    const request = port.serverRequest(
      "item/commandExecution/requestApproval",
      commandApproval("thread-panel"),
    );
    assert.equal(panel.state.snapshot.approvals.length, 1);
    assert.equal(sidebar.state.snapshot.approvals.length, 0);
    const [approval] = panel.state.snapshot.approvals;
    panel.approvals.answer(approval!.id, { kind: "decision", decision: "accept" });
    assert.deepEqual(await request.result, { decision: "accept" });

    port.serverRequest("item/commandExecution/requestApproval", commandApproval("thread-sidebar"));
    assert.equal(sidebar.state.snapshot.approvals.length, 1);
    assert.equal(panel.state.snapshot.approvals.length, 1, "the panel's answered card only");
  });

  it("sends requests for threads nobody shows to the fallback (sidebar) bridge", () => {
    const { port, sidebar, panel } = twoBridges();
    port.serverRequest(
      "item/commandExecution/requestApproval",
      commandApproval("thread-elsewhere"),
    );
    assert.equal(sidebar.state.snapshot.approvals.length, 1);
    assert.equal(panel.state.snapshot.approvals.length, 0);
  });

  it("follows a bridge switching threads", () => {
    const { port, sidebar, panel } = twoBridges();
    panel.state.setThread(emptyThread("thread-new", "/w"));
    port.serverRequest("item/commandExecution/requestApproval", commandApproval("thread-new"));
    assert.equal(panel.state.snapshot.approvals.length, 1);
    port.serverRequest("item/commandExecution/requestApproval", commandApproval("thread-panel"));
    assert.equal(sidebar.state.snapshot.approvals.length, 1, "the old thread is nobody's now");
  });

  it("a closed panel's routes go away; its pending approvals are cancelled, not left hanging", async () => {
    const { port, connection, sidebar, panel } = twoBridges();
    const pending = port.serverRequest(
      "item/commandExecution/requestApproval",
      commandApproval("thread-panel"),
    );
    panel.dispose();
    assert.deepEqual(await pending.result, { decision: "cancel" });
    assert.equal(connection.ownerCount("item/commandExecution/requestApproval"), 1);
    port.serverRequest("item/commandExecution/requestApproval", commandApproval("thread-panel"));
    assert.equal(sidebar.state.snapshot.approvals.length, 1);
    sidebar.dispose();
    assert.equal(connection.ownerCount("item/commandExecution/requestApproval"), 0);
    assert.throws(
      () => port.serverRequest("item/commandExecution/requestApproval", {}),
      /no handler/,
    );
  });

  it("thread notifications only change the bridge that shows the thread", () => {
    const { port, sidebar, panel } = twoBridges();
    const delta = (threadId: string): ServerNotification[] => [
      { method: "turn/started", params: { threadId, turn: turnOf("turn-x") } },
      {
        method: "item/started",
        params: {
          threadId,
          turnId: "turn-x",
          startedAtMs: 0,
          item: {
            type: "agentMessage",
            id: "m1",
            text: `hello ${threadId}`,
            moderation: null,
            phase: null,
            memoryCitation: null,
            delivery: null,
            questions: null,
          },
        },
      } as unknown as ServerNotification,
    ];
    for (const n of delta("thread-panel")) port.emit(n);
    sidebar.batcher.flush();
    panel.batcher.flush();
    assert.equal(panel.state.thread?.turns.length, 1);
    assert.equal(sidebar.state.thread?.turns.length, 0);
  });

  it("a notice for no thread shows once, in the sidebar; a thread's notice where it is shown", () => {
    const { port, sidebar, panel } = twoBridges();
    port.emit({
      method: "configWarning",
      params: { summary: "unknown key", details: null, path: "/c.toml" },
    } as ServerNotification);
    port.emit({
      method: "warning",
      params: { threadId: "thread-panel", message: "careful" },
    } as ServerNotification);
    const messages = (bridge: ChatBridge) =>
      bridge.state.snapshot.notices.map((notice) => notice.message);
    assert.deepEqual(messages(sidebar), ["unknown key\n/c.toml"]);
    assert.deepEqual(messages(panel), ["careful"]);
  });
});

function turnOf(id: string) {
  return {
    id,
    items: [],
    status: "inProgress" as const,
    error: null,
    startedAt: null,
    completedAt: null,
    durationMs: null,
  } as unknown as Extract<ServerNotification, { method: "turn/started" }>["params"]["turn"];
}

describe("codex connection: notification dispatch", () => {
  it("calls each view's consumers in the declared order, typed per method", () => {
    const order: string[] = [];
    const dispatch = notificationDispatcher([
      { "turn/completed": ({ turn }) => order.push(`first ${turn.id}`) },
      { "turn/started": () => order.push("never: another method") },
      (n) => order.push(`sink ${n.method}`),
      { "turn/completed": () => order.push("last") },
    ]);
    dispatch({
      method: "turn/completed",
      params: { threadId: "t", turn: turnOf("u") },
    } as ServerNotification);
    assert.deepEqual(order, ["first u", "sink turn/completed", "last"]);
  });

  it("a bridge's session sees a turn end before its transcript folds the completion", () => {
    const { port, panel } = twoBridges();
    port.answer("turn/start", { turn: { id: "turn-2", status: "inProgress" } });
    port.emit({
      method: "turn/started",
      params: { threadId: "thread-panel", turn: turnOf("turn-1") },
    } as ServerNotification);
    assert.equal(panel.threads.runningTurnId, "turn-1");
    port.emit({
      method: "turn/completed",
      params: { threadId: "thread-panel", turn: { ...turnOf("turn-1"), status: "completed" } },
    } as ServerNotification);
    assert.equal(panel.threads.runningTurnId, undefined);
  });
});
