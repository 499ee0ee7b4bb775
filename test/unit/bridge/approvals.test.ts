import assert from "node:assert/strict";

import {
  ApprovalBroker,
  elicitationResponse,
  permissionsResponse,
  responseFor,
  userInputResponse,
} from "../../../extension/bridge/approvals";
import { ChatBridge } from "../../../extension/bridge/bridge";
import { ChatState } from "../../../extension/bridge/chatState";
import type { CommandExecutionRequestApprovalParams } from "../../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import type { PermissionsRequestApprovalParams } from "../../../protocol/codex/v2/PermissionsRequestApprovalParams";
import { UserFacingError } from "../../../extension/bridge/userFacingError";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import { closedError, fakePort, nullLogger } from "./fakePort";
import { loadStream } from "./streams";
import { quickCommandApproval } from "../../../extension/threads/quickCommandApproval";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";

const commandParams = loadStream("commandApproval").serverRequests[0]!
  .params as CommandExecutionRequestApprovalParams;

const permissionParams: PermissionsRequestApprovalParams = {
  threadId: "t",
  turnId: "u",
  itemId: "i",
  environmentId: null,
  startedAtMs: 0,
  cwd: "/w",
  reason: "needs network",
  permissions: { network: { enabled: true }, fileSystem: null },
};

describe("approvals", () => {
  describe("answer → codex response", () => {
    it("passes command and file-change decisions through as codex's decision strings", () => {
      for (const decision of ["accept", "acceptForSession", "decline", "cancel"] as const) {
        assert.deepEqual(
          responseFor({ kind: "command", params: commandParams }, { kind: "decision", decision }),
          { decision },
        );
        assert.deepEqual(
          responseFor(
            {
              kind: "fileChange",
              params: { threadId: "t", turnId: "u", itemId: "i", startedAtMs: 0 },
            },
            { kind: "decision", decision },
          ),
          { decision },
        );
      }
    });

    it("grants exactly the requested permissions, for the chosen scope", () => {
      assert.deepEqual(
        permissionsResponse(permissionParams, {
          kind: "permissions",
          grant: true,
          scope: "session",
        }),
        { permissions: { network: { enabled: true } }, scope: "session" },
      );
      assert.deepEqual(
        permissionsResponse(permissionParams, {
          kind: "permissions",
          grant: false,
          scope: "session",
        }),
        { permissions: {}, scope: "turn" },
      );
      assert.deepEqual(
        permissionsResponse(permissionParams, { kind: "decision", decision: "acceptForSession" }),
        { permissions: { network: { enabled: true } }, scope: "session" },
      );
    });

    it("maps user input answers and elicitations", () => {
      assert.deepEqual(
        userInputResponse({ kind: "userInput", answers: { q1: ["yes"], q2: ["a", "b"] } }),
        { answers: { q1: { answers: ["yes"] }, q2: { answers: ["a", "b"] } } },
      );
      assert.deepEqual(userInputResponse({ kind: "decision", decision: "cancel" }), {
        answers: {},
      });
      assert.deepEqual(
        elicitationResponse({ kind: "elicitation", action: "accept", content: { name: "x" } }),
        { action: "accept", content: { name: "x" }, _meta: null },
      );
      assert.deepEqual(
        elicitationResponse({ kind: "elicitation", action: "decline", content: { name: "x" } }),
        { action: "decline", content: null, _meta: null },
      );
    });

    it("rejects an answer of the wrong kind", () => {
      assert.throws(
        () =>
          responseFor(
            { kind: "command", params: commandParams },
            { kind: "userInput", answers: {} },
          ),
        UserFacingError,
      );
    });
  });

  describe("ApprovalBroker", () => {
    function setup() {
      const port = fakePort();
      const state = new ChatState();
      const broker = new ApprovalBroker({ port, state, logger: nullLogger() });
      broker.register();
      port.onNotification(notificationDispatcher([broker.notifications]));
      return { port, state, broker };
    }

    it("shows a request as a pending ApprovalView and answers codex with the decision", async () => {
      const { port, state, broker } = setup();
      const { result } = port.serverRequest("item/commandExecution/requestApproval", commandParams);
      const [view] = state.snapshot.approvals;
      assert.equal(view?.status, "pending");
      assert.equal(view?.threadId, "thread-1");
      assert.equal(view?.request.kind, "command");
      assert.ok(!view?.id.includes("call_echo"), "host-assigned id");
      broker.answer(view!.id, { kind: "decision", decision: "acceptForSession" });
      assert.deepEqual(await result, { decision: "acceptForSession" });
      assert.equal(state.findApproval(view!.id)?.status, "answered");
    });

    it("gives each card the workspace folders as they were when codex asked", () => {
      const port = fakePort();
      const state = new ChatState();
      const folders = [{ name: "app", path: "/work/app" }];
      const workspaceFolders = () => folders;
      new ApprovalBroker({ port, state, logger: nullLogger(), workspaceFolders }).register();
      port.serverRequest("item/commandExecution/requestApproval", commandParams);
      folders.push({ name: "later", path: "/work/later" });
      assert.deepEqual(state.snapshot.approvals[0]?.workspaceFolders, [
        { name: "app", path: "/work/app" },
      ]);
    });

    it("the view has today's workspace folders too, for the command rows", () => {
      const folders = [{ name: "app", path: "/work/app" }];
      const bridge = new ChatBridge({
        port: fakePort(),
        logger: nullLogger(),
        cwd: () => "/work/app",
        workspaceFolders: () => folders,
        openExternal: async () => true,
        confirmFullAccess: async () => false,
      });
      assert.deepEqual(bridge.state.snapshot.workspaceFolders, [
        { name: "app", path: "/work/app" },
      ]);
      folders.push({ name: "later", path: "/work/later" });
      bridge.refreshWorkspaceFolders();
      assert.deepEqual(bridge.state.snapshot.workspaceFolders, folders);
      bridge.dispose();
    });

    it("cancels (never accepts) when the connection closes", async () => {
      const { port, state, broker } = setup();
      const { result, abort } = port.serverRequest("item/fileChange/requestApproval", {
        threadId: "t",
        turnId: "u",
        itemId: "i",
        startedAtMs: 0,
      });
      const id = state.snapshot.approvals[0]!.id;
      abort(closedError());
      await assert.rejects(result);
      assert.equal(state.findApproval(id)?.status, "cancelled");
      assert.throws(
        () => broker.answer(id, { kind: "decision", decision: "accept" }),
        /no longer waiting/,
      );
    });

    it("removes an approval codex resolved elsewhere", async () => {
      const { port, state } = setup();
      const { result, abort } = port.serverRequest("item/tool/requestUserInput", {
        threadId: "t",
        turnId: "u",
        itemId: "i",
        questions: [],
        isBlocking: true,
        autoResolutionMs: null,
      });
      abort();
      await assert.rejects(result);
      assert.deepEqual(state.snapshot.approvals, []);
    });

    it("marks it cancelled when aborted while the port is not ready", async () => {
      const { port, state } = setup();
      const { result, abort } = port.serverRequest(
        "item/permissions/requestApproval",
        permissionParams,
      );
      port.setState({ kind: "restarting", attempt: 1, reason: "exited" });
      abort();
      await assert.rejects(result);
      assert.equal(state.snapshot.approvals[0]?.status, "cancelled");
    });

    it("codex asking again about an item still waiting replaces its card; one answer settles both", async () => {
      const { port, state, broker } = setup();
      const first = port.serverRequest("item/commandExecution/requestApproval", commandParams);
      const firstId = state.snapshot.approvals[0]!.id;
      // Resuming the thread (Show from the Threads view) makes codex ask again.
      const again = port.serverRequest("item/commandExecution/requestApproval", commandParams);
      assert.deepEqual(
        state.snapshot.approvals.map((approval) => approval.id),
        [state.snapshot.approvals.at(-1)!.id],
        "one card",
      );
      const id = state.snapshot.approvals[0]!.id;
      assert.notEqual(id, firstId);
      broker.answer(id, { kind: "decision", decision: "accept" });
      assert.deepEqual(await again.result, { decision: "accept" });
      assert.deepEqual(
        await first.result,
        { decision: "accept" },
        "codex's first ask is answered too",
      );
      assert.equal(broker.pendingCount, 0);
      // Another item of the same thread keeps its own card.
      port.serverRequest("item/commandExecution/requestApproval", {
        ...commandParams,
        itemId: "other",
      });
      port.serverRequest("item/commandExecution/requestApproval", {
        ...commandParams,
        itemId: "third",
      });
      assert.equal(state.snapshot.approvals.filter((a) => a.status === "pending").length, 2);
    });

    it("rejects unknown ids and a second answer", async () => {
      const { port, state, broker } = setup();
      assert.throws(
        () => broker.answer("nope", { kind: "decision", decision: "accept" }),
        UserFacingError,
      );
      const { result } = port.serverRequest("item/commandExecution/requestApproval", commandParams);
      const id = state.snapshot.approvals[0]!.id;
      broker.answer(id, { kind: "decision", decision: "decline" });
      await result;
      assert.throws(
        () => broker.answer(id, { kind: "decision", decision: "accept" }),
        /already answered/,
      );
    });

    it("a wrong-kind answer leaves the request pending", () => {
      const { port, state, broker } = setup();
      port.serverRequest("item/commandExecution/requestApproval", commandParams);
      const id = state.snapshot.approvals[0]!.id;
      assert.throws(() => broker.answer(id, { kind: "userInput", answers: {} }), UserFacingError);
      assert.equal(state.findApproval(id)?.status, "pending");
      assert.equal(broker.pendingCount, 1);
    });

    describe("answered from a notification (Approve / Decline)", () => {
      function notificationSetup() {
        const port = fakePort();
        const state = new ChatState();
        const logger = nullLogger();
        const broker = new ApprovalBroker({ port, state, logger });
        broker.register();
        const quick = () =>
          quickCommandApproval(
            broker.waitingIn("thread-1").map(({ approvalId, request }) => ({
              request,
              answer: (answer: ApprovalAnswer) => broker.answerIfWaiting(approvalId, answer),
            })),
          );
        const answersLogged = () =>
          logger.lines.filter((line) => / \(command\): (accept|decline)/.test(line));
        return { port, state, broker, quick, answersLogged };
      }

      it("Approve answers codex exactly once, as the card's Accept (once, never always), and settles the card", async () => {
        const { port, state, broker, quick, answersLogged } = notificationSetup();
        const { result } = port.serverRequest(
          "item/commandExecution/requestApproval",
          commandParams,
        );
        const offered = quick();
        assert.equal(offered?.command, "echo hello-from-codex");
        assert.equal(offered.approve(), true);
        assert.deepEqual(await result, { decision: "accept" });
        assert.equal(state.snapshot.approvals[0]?.status, "answered");
        assert.equal(offered.approve(), false, "a second click sends nothing");
        assert.equal(offered.decline(), false);
        assert.equal(answersLogged().length, 1);
        assert.equal(broker.pendingCount, 0);
        assert.deepEqual(broker.waitingIn("thread-1"), []);
      });

      it("Decline answers as the card's Decline", async () => {
        const { port, quick } = notificationSetup();
        const { result } = port.serverRequest(
          "item/commandExecution/requestApproval",
          commandParams,
        );
        assert.equal(quick()?.decline(), true);
        assert.deepEqual(await result, { decision: "decline" });
      });

      it("does nothing when the card answered first", async () => {
        const { port, state, broker, quick, answersLogged } = notificationSetup();
        const { result } = port.serverRequest(
          "item/commandExecution/requestApproval",
          commandParams,
        );
        const offered = quick();
        broker.answer(state.snapshot.approvals[0]!.id, { kind: "decision", decision: "decline" });
        assert.deepEqual(await result, { decision: "decline" });
        assert.equal(offered?.approve(), false);
        assert.equal(answersLogged().length, 1);
      });

      it("reports a request once its card is pending, and again when it stops waiting", async () => {
        const port = fakePort();
        const state = new ChatState();
        const reported: { threadId: string; waiting: number }[] = [];
        const broker = new ApprovalBroker({
          port,
          state,
          logger: nullLogger(),
          onWaitingChanged: (threadId) =>
            reported.push({ threadId, waiting: broker.waitingIn(threadId).length }),
        });
        broker.register();
        const answered = port.serverRequest("item/commandExecution/requestApproval", commandParams);
        assert.deepEqual(reported, [{ threadId: "thread-1", waiting: 1 }]);
        broker.answer(state.snapshot.approvals[0]!.id, { kind: "decision", decision: "accept" });
        await answered.result;
        const resolved = port.serverRequest("item/commandExecution/requestApproval", {
          ...commandParams,
          itemId: "other",
        });
        resolved.abort(new Error("resolved elsewhere"));
        await assert.rejects(resolved.result);
        assert.deepEqual(reported, [
          { threadId: "thread-1", waiting: 1 },
          { threadId: "thread-1", waiting: 0 },
          { threadId: "thread-1", waiting: 1 },
          { threadId: "thread-1", waiting: 0 },
        ]);
      });

      it("counts one card when codex asked again about the same item, none of other threads", () => {
        const { port, broker } = notificationSetup();
        port.serverRequest("item/commandExecution/requestApproval", commandParams);
        port.serverRequest("item/commandExecution/requestApproval", commandParams);
        assert.equal(broker.pendingCount, 2);
        assert.equal(broker.waitingIn("thread-1").length, 1);
        assert.deepEqual(broker.waitingIn("thread-2"), []);
      });
    });

    it("drops settled cards when the thread's next turn starts", async () => {
      const { port, state, broker } = setup();
      const { result } = port.serverRequest("item/commandExecution/requestApproval", commandParams);
      broker.answer(state.snapshot.approvals[0]!.id, { kind: "decision", decision: "accept" });
      await result;
      port.emit(loadStream("text").notifications.find((n) => n.method === "turn/started")!);
      assert.deepEqual(state.snapshot.approvals, []);
    });
  });
});
