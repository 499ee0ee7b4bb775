/**
 * The three questions codex asks besides command and file approvals, against the real, pinned
 * codex (0.169.0), answered from the bridge the way the webview's cards answer them
 * (`bridge.approvals.answer`), with codex's next step observed:
 *
 * - `item/permissions/requestApproval`: the model calls `request_permissions` (offered only with
 *   `[features] request_permissions_tool = true`). The grant comes back to the model in the
 *   tool output, and a sandboxed (read-only) command can then write to the granted folder.
 * - `item/tool/requestUserInput`: the model calls `request_user_input`. In the default
 *   collaboration mode (the bridge's) codex answers the model "request_user_input is unavailable
 *   in Default mode" unless `[features] default_mode_request_user_input = true`.
 * - `mcpServer/elicitation/request`: a stdio MCP server (test/support/mcpServer, `--elicit`)
 *   sends `elicitation/create` while running a tool. With `approval_policy = "never"` codex
 *   declines it on its own; with `on-request` it asks the client. The server receives the answer.
 *   codex also asks through this request before it runs an MCP tool that is not marked
 *   read-only (`_meta.codex_approval_kind: "mcp_tool_call"`, a form without fields).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { ApprovalView } from "../../protocol/webview/viewModel";
import {
  callOutputText,
  findCallOutput,
  functionCall,
  mcpToolCall,
  shellCall,
  text,
} from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import {
  scratchWorkspace,
  type CodexHomeOptions,
  type ScratchWorkspace,
} from "../support/codexHome";
import {
  itemsOf,
  lastTurn,
  pendingApproval,
  turnsDone,
  waitForState,
} from "../support/bridgeState";

const ECHO_SERVER = path.resolve(__dirname, "../support/mcpServer/echoMcpServer.mjs");

const QUESTION = {
  id: "deploy_target",
  header: "Target",
  question: "Where should it deploy?",
  options: [
    { label: "Staging (Recommended)", description: "Try it first." },
    { label: "Production", description: "Go live." },
  ],
};

describe("permissions, user input and MCP elicitation requests (real codex, via the bridge)", function () {
  this.timeout(60_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;

  async function setup(homeOptions: Omit<CodexHomeOptions, "modelUrl">): Promise<void> {
    harness = await startCodexHarness({
      approvalPolicy: "on-request",
      sandboxMode: "read-only",
      ...homeOptions,
    });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    // Chat mode: read-only sandbox, codex asks (on-request).
    await bridge.models.choose({ mode: "chat" });
  }

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  async function pending<K extends ApprovalView["request"]["kind"]>(
    kind: K,
  ): Promise<ApprovalView & { request: Extract<ApprovalView["request"], { kind: K }> }> {
    const state = await waitForState(bridge, (s) => !!pendingApproval(s), `a ${kind} request`);
    const approval = pendingApproval(state)!;
    assert.equal(approval.request.kind, kind, `codex asked: ${JSON.stringify(approval.request)}`);
    assert.equal(approval.threadId, state.thread?.id);
    return approval as never;
  }

  /** The tool output codex sent the model for `callId` (in the request after the call). */
  function outputFor(callId: string): string | undefined {
    for (const request of harness.model.requests) {
      const output = callOutputText(findCallOutput(request, callId));
      if (output !== undefined) return output;
    }
    return undefined;
  }

  describe("item/permissions/requestApproval", () => {
    const requestWrite = () =>
      functionCall(
        "request_permissions",
        { reason: "Write the build output", permissions: { file_system: { write: ["."] } } },
        { callId: "call_permissions" },
      );
    const writeInSandbox = () =>
      shellCall({ cmd: "echo granted > granted.txt", justification: null, callId: "call_write" });

    it("granting for the turn reaches codex: the tool output carries it and the sandbox allows the write", async () => {
      await setup({ features: { request_permissions_tool: true } });
      harness.model.enqueue(requestWrite(), writeInSandbox(), text("Wrote it."));
      await bridge.threads.send("Build it", []);

      const approval = await pending("permissions");
      assert.equal(approval.request.params.reason, "Write the build output");
      assert.deepEqual(approval.request.params.permissions.fileSystem?.write, [
        harness.workspace.dir,
      ]);
      bridge.approvals.answer(approval.id, { kind: "permissions", grant: true, scope: "turn" });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.equal(lastTurn(done)?.status, "completed");
      assert.deepEqual(JSON.parse(outputFor("call_permissions") ?? "null"), {
        permissions: { network: null, file_system: { write: [harness.workspace.dir] } },
        scope: "turn",
      });
      // The sandboxed command ran without a second question and could write.
      const [command] = itemsOf(done, "commandExecution");
      assert.equal(command?.status, "completed", JSON.stringify(command));
      assert.equal(
        await readFile(path.join(harness.workspace.dir, "granted.txt"), "utf8"),
        "granted\n",
      );
    });

    it("denying grants nothing: codex tells the model so and the sandbox stays read-only", async () => {
      await setup({ features: { request_permissions_tool: true } });
      harness.model.enqueue(requestWrite(), writeInSandbox(), text("Could not write."));
      await bridge.threads.send("Build it", []);

      const approval = await pending("permissions");
      bridge.approvals.answer(approval.id, { kind: "decision", decision: "decline" });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.deepEqual(JSON.parse(outputFor("call_permissions") ?? "null"), {
        permissions: { network: null, file_system: null },
        scope: "turn",
      });
      const [command] = itemsOf(done, "commandExecution");
      assert.notEqual(command?.exitCode, 0, JSON.stringify(command));
      await assert.rejects(readFile(path.join(harness.workspace.dir, "granted.txt")), {
        code: "ENOENT",
      });
    });
  });

  describe("item/tool/requestUserInput", () => {
    it("the chosen option goes back to the model as codex's tool output", async () => {
      await setup({ features: { default_mode_request_user_input: true } });
      harness.model.enqueue(
        functionCall("request_user_input", { questions: [QUESTION] }, { callId: "call_ask" }),
        text("Deploying to production."),
      );
      await bridge.threads.send("Deploy it", []);

      const approval = await pending("userInput");
      const [question] = approval.request.params.questions;
      assert.equal(question?.question, "Where should it deploy?");
      assert.deepEqual(
        question?.options?.map((option) => option.label),
        ["Staging (Recommended)", "Production"],
      );
      bridge.approvals.answer(approval.id, {
        kind: "userInput",
        answers: { deploy_target: ["Production"] },
      });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.equal(lastTurn(done)?.status, "completed");
      assert.deepEqual(JSON.parse(outputFor("call_ask") ?? "null"), {
        answers: { deploy_target: { answers: ["Production"] } },
      });
      assert.equal(itemsOf(done, "agentMessage").at(-1)?.text, "Deploying to production.");
    });

    it("dismissing the question answers codex with no answers, and the turn goes on", async () => {
      await setup({ features: { default_mode_request_user_input: true } });
      harness.model.enqueue(
        functionCall("request_user_input", { questions: [QUESTION] }, { callId: "call_ask" }),
        text("No answer, stopping."),
      );
      await bridge.threads.send("Deploy it", []);
      const approval = await pending("userInput");
      bridge.approvals.answer(approval.id, { kind: "decision", decision: "cancel" });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.equal(lastTurn(done)?.status, "completed");
      assert.deepEqual(JSON.parse(outputFor("call_ask") ?? "null"), { answers: {} });
    });
  });

  describe("mcpServer/elicitation/request", () => {
    let logDir: ScratchWorkspace | undefined;
    let elicitationLog: string;

    afterEach(async () => {
      await logDir?.dispose();
      logDir = undefined;
    });

    async function setupWithMcpServer(): Promise<void> {
      logDir = await scratchWorkspace("codex-elicitations-");
      elicitationLog = path.join(logDir.dir, "elicitations.jsonl");
      await setup({
        extraToml: `
[mcp_servers.forms]
command = ${JSON.stringify(process.execPath)}
args = [${JSON.stringify(ECHO_SERVER)}, "forms-fixture", "--elicit", ${JSON.stringify(elicitationLog)}]
`,
      });
    }

    const callConfirm = () =>
      mcpToolCall(
        "forms",
        "confirm_action",
        { action: "deploy to production" },
        { callId: "call_confirm" },
      );

    async function elicitationsReceived(): Promise<unknown[]> {
      const lines = (await readFile(elicitationLog, "utf8")).trim().split("\n");
      return lines.map((line) => (JSON.parse(line) as { result: unknown }).result);
    }

    it("accepting the form sends its content to the MCP server, whose tool result reaches the model", async () => {
      await setupWithMcpServer();
      harness.model.enqueue(callConfirm(), text("Confirmed."));
      await bridge.threads.send("Deploy it", []);

      const approval = await pending("elicitation");
      const params = approval.request.params;
      assert.equal(params.serverName, "forms");
      assert.ok(params.mode === "form");
      assert.equal(params.message, "Confirm: deploy to production");
      assert.deepEqual(params.requestedSchema.required, ["confirmed"]);
      bridge.approvals.answer(approval.id, {
        kind: "elicitation",
        action: "accept",
        content: { confirmed: true, note: "after the freeze" },
      });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.equal(lastTurn(done)?.status, "completed");
      assert.deepEqual(await elicitationsReceived(), [
        { action: "accept", content: { confirmed: true, note: "after the freeze" } },
      ]);
      assert.match(
        outputFor("call_confirm") ?? "",
        /elicitation accept \{"confirmed":true,"note":"after the freeze"\}$/,
      );
      const [call] = itemsOf(done, "mcpToolCall");
      assert.equal(call?.status, "completed");
    });

    it("a tool that is not read-only: codex asks through an elicitation of its own; accepting runs it", async () => {
      await setupWithMcpServer();
      harness.model.enqueue(
        mcpToolCall("forms", "echo", { text: "ran after approval" }, { callId: "call_echo" }),
        text("Echoed."),
      );
      await bridge.threads.send("Echo it", []);

      const approval = await pending("elicitation");
      const params = approval.request.params;
      assert.ok(params.mode === "form");
      assert.equal(params.message, 'Allow the forms MCP server to run tool "echo"?');
      assert.deepEqual(params.requestedSchema, { type: "object", properties: {} });
      assert.equal(
        (params._meta as { codex_approval_kind?: string } | null)?.codex_approval_kind,
        "mcp_tool_call",
      );
      // What the card sends for a form without fields.
      bridge.approvals.answer(approval.id, { kind: "elicitation", action: "accept", content: {} });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.match(outputFor("call_echo") ?? "", /ran after approval$/);
      assert.equal(itemsOf(done, "mcpToolCall")[0]?.status, "completed");
    });

    it("a tool that is not read-only: declining codex's elicitation does not run it", async () => {
      await setupWithMcpServer();
      harness.model.enqueue(
        mcpToolCall("forms", "echo", { text: "must not run" }, { callId: "call_echo" }),
        text("Not echoed."),
      );
      await bridge.threads.send("Echo it", []);
      const approval = await pending("elicitation");
      bridge.approvals.answer(approval.id, {
        kind: "elicitation",
        action: "decline",
        content: null,
      });

      const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.match(outputFor("call_echo") ?? "", /user rejected MCP tool call$/);
      const [call] = itemsOf(done, "mcpToolCall");
      assert.equal(call?.status, "failed");
      assert.equal(call?.result, null, "the server never ran the tool");
    });

    it("declining sends no content to the MCP server", async () => {
      await setupWithMcpServer();
      harness.model.enqueue(callConfirm(), text("Not confirmed."));
      await bridge.threads.send("Deploy it", []);

      const approval = await pending("elicitation");
      bridge.approvals.answer(approval.id, { kind: "decision", decision: "decline" });

      await waitForState(bridge, turnsDone(1), "the turn to complete");
      assert.deepEqual(await elicitationsReceived(), [{ action: "decline" }]);
      assert.match(outputFor("call_confirm") ?? "", /elicitation decline null$/);
    });
  });
});
