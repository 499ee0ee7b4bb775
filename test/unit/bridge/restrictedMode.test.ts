/**
 * What the webview cannot decide alone: account changes need the host's native confirmation, and
 * an untrusted workspace (Restricted Mode) keeps codex read-only whatever the webview asks.
 */
import assert from "node:assert/strict";

import { handlerHarness } from "./handlerHarness";

const signedIn = { status: "signedIn", account: { type: "apiKey" } } as const;

function answerThreadAndTurn(port: ReturnType<typeof handlerHarness>["port"]): void {
  port.answer("thread/start", { thread: { id: "t1", name: null }, cwd: "/w", model: "m" });
  port.answer("turn/start", { turn: { id: "turn-1", status: "inProgress" } });
}

describe("host guard", () => {
  describe("account changes", () => {
    it("signs out only when the user confirms in the native dialog", async () => {
      const declined = handlerHarness({ confirmAccountChange: false });
      declined.port.answer("account/logout", {});
      assert.equal((await declined.request("account/logout", {})).ok, true);
      assert.deepEqual(declined.events, ["confirm signOut"]);
      assert.equal(declined.port.calls.length, 0, "nothing reached codex");

      const confirmed = handlerHarness({ confirmAccountChange: true });
      confirmed.port.answer("account/logout", {});
      confirmed.port.answer("account/read", { account: null, requiresOpenaiAuth: true });
      await confirmed.request("account/logout", {});
      assert.ok(confirmed.port.calls.some((call) => call.method === "account/logout"));
    });

    it("asks before an API key replaces a signed-in account", async () => {
      const { bridge, port, request, events } = handlerHarness({ confirmAccountChange: false });
      bridge.state.setAccount(signedIn);
      port.answer("account/login/start", { type: "apiKey" });
      await request("account/login", { method: "apiKey", apiKey: "sk-attacker" });
      assert.deepEqual(events, ["confirm replaceSignIn"]);
      assert.equal(port.calls.length, 0, "the key never reached codex");
      assert.equal(bridge.state.snapshot.account.status, "signedIn");
    });

    it("signs a signed-out user in with their key without a second question", async () => {
      const { port, request, events } = handlerHarness({ confirmAccountChange: false });
      port.answer("account/login/start", { type: "apiKey" });
      port.answer("account/read", { account: { type: "apiKey" }, requiresOpenaiAuth: true });
      await request("account/login", { method: "apiKey", apiKey: "sk-mine" });
      assert.deepEqual(events, []);
      assert.ok(port.calls.some((call) => call.method === "account/login/start"));
    });
  });

  describe("Restricted Mode", () => {
    it("runs codex read-only and asking, whatever mode the picker holds", async () => {
      const { bridge, port, request } = handlerHarness();
      bridge.state.setWorkspaceTrusted(false);
      answerThreadAndTurn(port);
      assert.equal((await request("chat/send", { text: "hi", attachments: [] })).ok, true);
      const start = port.calls.find((call) => call.method === "thread/start");
      assert.deepEqual(
        { ...(start?.params as object) },
        {
          cwd: "/w",
          approvalPolicy: "on-request",
          sandbox: "read-only",
          approvalsReviewer: "user",
        },
      );
      assert.equal(bridge.state.snapshot.modelChoice.mode, "agent", "the user's choice is kept");
    });

    it("refuses Agent and Full access from the webview until the folder is trusted", async () => {
      const { bridge, request } = handlerHarness();
      bridge.state.setWorkspaceTrusted(false);
      for (const mode of ["agent", "agentFullAccess"]) {
        const answer = await request("models/choose", { mode });
        assert.equal(answer.ok, false);
        assert.match(answer.error ?? "", /Restricted Mode/);
      }
      assert.equal((await request("models/choose", { mode: "chat" })).ok, true);
    });

    it("switches to the chosen mode on the next turn once the folder is trusted", async () => {
      const { bridge, port, request } = handlerHarness();
      bridge.state.setWorkspaceTrusted(false);
      answerThreadAndTurn(port);
      // A turn that is over at once, so the second message is sent rather than queued.
      port.answer("turn/start", { turn: { id: "turn-1", status: "completed" } });
      await request("chat/send", { text: "first", attachments: [] });
      bridge.state.setWorkspaceTrusted(true);
      await request("chat/send", { text: "second", attachments: [] });
      const turns = port.calls.filter((call) => call.method === "turn/start");
      const second = turns.at(-1)?.params as { approvalPolicy?: string; sandboxPolicy?: object };
      assert.equal(second.approvalPolicy, "on-request");
      assert.equal((second.sandboxPolicy as { type: string } | undefined)?.type, "workspaceWrite");
    });

    it("refuses Always allow (a rule codex keeps for every workspace); Allow once still answers", async () => {
      const { bridge, port, request } = handlerHarness();
      bridge.state.setWorkspaceTrusted(false);
      const pending = port.serverRequest("item/commandExecution/requestApproval", {
        threadId: "t",
        turnId: "u",
        itemId: "c1",
        command: "npm test",
        cwd: "/w",
        proposedExecpolicyAmendment: ["npm", "test"],
        availableDecisions: [
          "accept",
          { acceptWithExecpolicyAmendment: { execpolicy_amendment: ["npm", "test"] } },
          "cancel",
        ],
      });
      const approvalId = bridge.state.snapshot.approvals[0]!.id;
      const always = await request("approval/answer", {
        approvalId,
        answer: { kind: "execpolicyAmendment", prefix: ["npm", "test"] },
      });
      assert.equal(always.ok, false);
      assert.match(always.error ?? "", /Restricted Mode/);
      assert.equal(bridge.state.snapshot.approvals.length, 1, "the card still waits");
      const once = await request("approval/answer", {
        approvalId,
        answer: { kind: "decision", decision: "accept" },
      });
      assert.equal(once.ok, true);
      assert.deepEqual(await pending.result, { decision: "accept" });
    });

    it("leaves no approval to the auto-reviewer: the user answers them all", async () => {
      const { bridge, port, request } = handlerHarness({ approvalsReviewer: "auto_review" });
      bridge.state.setWorkspaceTrusted(false);
      answerThreadAndTurn(port);
      port.answer("turn/start", { turn: { id: "turn-1", status: "completed" } });
      await request("chat/send", { text: "first", attachments: [] });
      const reviewers = () =>
        port.calls
          .filter((call) => call.method === "thread/start" || call.method === "turn/start")
          .map((call) => (call.params as { approvalsReviewer?: string }).approvalsReviewer);
      assert.deepEqual(reviewers(), ["user", "user"]);
      bridge.state.setWorkspaceTrusted(true);
      await request("chat/send", { text: "second", attachments: [] });
      assert.deepEqual(reviewers(), ["user", "user", "auto_review"], "the setting once trusted");
    });

    it("opens VS Code's trust dialog when the webview asks", async () => {
      const { request, events } = handlerHarness();
      assert.equal((await request("workspace/manageTrust", {})).ok, true);
      assert.deepEqual(events, ["manage trust"]);
    });
  });
});
