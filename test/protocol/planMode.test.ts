/**
 * Plan mode and goals against the real, pinned codex and the mock model, through the webview
 * requests a user's clicks send (`chat/slashCommand`, `plan/comment`, `plan/implement`):
 *
 * - `/plan <task>` runs a turn in codex's plan collaboration mode: the model gets codex's plan
 *   instructions and a read-only sandbox, and its `<proposed_plan>` block comes back as a `plan`
 *   item (the document the view renders).
 * - A comment on a step and "Implement this plan" send one message in the same thread, in the
 *   mode from before Plan, and codex tells the model that plan mode is over.
 * - `/goal` sets and clears the thread's goal; codex's notifications put it on the thread.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import {
  registerWebviewHandlers,
  type HandlerContext,
} from "../../extension/bridge/handlers/index";
import { HostChannel } from "../../protocol/webview/channel";
import type { WebviewRequestMethod } from "../../protocol/webview/messages";
import type { ChatViewState } from "../../protocol/webview/viewModel";
import { text, type ResponsesRequest } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { itemsOf, turnsDone, waitForState } from "../support/bridgeState";

const PLAN = "# Greeting\n\n1. Read `app.js`\n2. Add a `greet()` function\n3. Test it\n";

/** Every developer-role text of a model request, in order. */
function developerTexts(request: ResponsesRequest | undefined): string[] {
  const input = (request?.input ?? []) as { role?: string; content?: { text?: string }[] }[];
  return input
    .filter((item) => item.role === "developer")
    .flatMap((item) => (item.content ?? []).map((part) => part.text ?? ""));
}

/** The texts of the last user message of a model request. */
function lastUserText(request: ResponsesRequest | undefined): string {
  const input = (request?.input ?? []) as { role?: string; content?: { text?: string }[] }[];
  const user = input.filter((item) => item.role === "user").at(-1);
  return (user?.content ?? []).map((part) => part.text ?? "").join("\n");
}

describe("plan mode and goals against the real codex", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;
  let call: <M extends WebviewRequestMethod>(
    method: M,
    params: unknown,
  ) => Promise<{ ok: boolean; result?: unknown; error?: string }>;

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "on-request", sandboxMode: "read-only" });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    await bridge.refreshAfterConnect();
    const posted: { id?: number; ok?: boolean; result?: unknown; error?: string }[] = [];
    const channel = new HostChannel((message) => posted.push(message as never), {
      warn: () => undefined,
    });
    // The plan and goal handlers use only the bridge.
    registerWebviewHandlers(channel, { bridge } as unknown as HandlerContext);
    let nextId = 1;
    call = async (method, params) => {
      const id = nextId++;
      await channel.receive({ kind: "request", id, method, params } as never);
      const response = posted.find((message) => message.id === id);
      return { ok: response?.ok === true, result: response?.result, error: response?.error };
    };
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-60).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  const slash = (command: string, args: string[] = []) =>
    call("chat/slashCommand", { command, args });

  it("plans in plan mode, then a step comment and Implement this plan continue the thread", async () => {
    // codex 0.169.0 has the plan mode (collaborationMode/list, experimental API opted in).
    assert.equal(bridge.state.snapshot.modelChoice.planModeSupported, true);
    await bridge.models.choose({ mode: "chat" });

    harness.model.enqueue(text(`Here is the plan.\n\n<proposed_plan>\n${PLAN}</proposed_plan>\n`));
    const planned = await slash("plan", ["Add a greeting to app.js"]);
    assert.equal(planned.ok, true, planned.error);
    assert.equal(bridge.state.snapshot.modelChoice.mode, "plan");
    assert.equal(bridge.state.snapshot.modelChoice.modeBeforePlan, "chat");
    let state = await waitForState(bridge, turnsDone(1), "the plan turn");

    // What the model received: codex's plan-mode instructions and a read-only sandbox.
    const first = harness.model.requests[0];
    const developer = developerTexts(first).join("\n");
    assert.match(developer, /<collaboration_mode># Plan Mode/);
    assert.match(developer, /`sandbox_mode` is `read-only`/);
    assert.match(lastUserText(first), /Add a greeting to app\.js/);
    // What came back: the proposed plan as a plan item, apart from the message around it.
    const [plan] = itemsOf(state, "plan");
    assert.ok(plan, `a plan item; items: ${JSON.stringify(state.thread?.turns)}`);
    assert.equal(plan.text, PLAN);
    assert.equal(itemsOf(state, "agentMessage")[0]?.text.includes("<proposed_plan>"), false);

    // A comment on step 2, changed once, and one on step 3 removed again.
    const comment = (step: number, stepText: string, body: string) =>
      call("plan/comment", { itemId: plan.id, step, stepText, text: body });
    assert.equal((await comment(1, "Add a `greet()` function", "name it hello()")).ok, true);
    assert.equal((await comment(1, "Add a `greet()` function", "Name it hello().")).ok, true);
    await comment(2, "Test it", "with node:test");
    await comment(2, "Test it", "");
    assert.deepEqual(
      bridge.state.thread?.planComments?.map((c) => [c.step, c.text]),
      [[1, "Name it hello()."]],
    );

    harness.model.enqueue(text("Implemented."));
    const implement = await call("plan/implement", {});
    assert.equal(implement.ok, true, implement.error);
    assert.deepEqual(implement.result, { applied: true });
    state = await waitForState(bridge, turnsDone(2), "the implementing turn");
    // Back in the mode from before Plan, the same thread, the comments sent and cleared.
    assert.equal(state.modelChoice.mode, "chat");
    assert.equal(state.modelChoice.modeBeforePlan, undefined);
    assert.equal(state.thread?.turns.length, 2);
    assert.deepEqual(state.thread?.planComments, []);
    const second = harness.model.requests[1];
    const message = lastUserText(second);
    assert.match(message, /My comments on the plan:/);
    assert.match(message, /- Step 2 \("Add a `greet\(\)` function"\): Name it hello\(\)\./);
    assert.doesNotMatch(message, /Test it/);
    assert.match(message, /Implement the plan\./);
    // codex told the model plan mode is over: the default mode's instructions follow the plan's.
    const modes = developerTexts(second).filter((t) => t.includes("<collaboration_mode>"));
    assert.equal(modes.length, 2, modes.map((t) => t.slice(0, 80)).join(" | "));
    assert.doesNotMatch(modes[1]!, /# Plan Mode/);
  });

  it("/plan without a task only switches; leaving plan mode ends it for codex too", async () => {
    const switched = await slash("plan");
    assert.equal(switched.ok, true, switched.error);
    assert.equal(bridge.state.snapshot.modelChoice.mode, "plan");
    assert.equal(harness.model.requests.length, 0, "no turn without a task");

    harness.model.enqueue(text("A question first: which file?"));
    await bridge.threads.send("Plan a refactor", []);
    await waitForState(bridge, turnsDone(1), "the plan turn");
    // One click leaves plan mode (the bar's button chooses the mode from before).
    await bridge.models.choose({ mode: "agent" });
    harness.model.enqueue(text("Done."));
    await bridge.threads.send("Just rename it", []);
    await waitForState(bridge, turnsDone(2), "the agent turn");
    const modes = developerTexts(harness.model.requests[1]).filter((t) =>
      t.includes("<collaboration_mode>"),
    );
    assert.equal(modes.length, 2);
    assert.doesNotMatch(modes[1]!, /# Plan Mode/);
    // A third turn carries no collaboration mode at all: nothing new for the model.
    harness.model.enqueue(text("Done again."));
    await bridge.threads.send("And again", []);
    await waitForState(bridge, turnsDone(3), "the third turn");
    const third = developerTexts(harness.model.requests[2]).filter((t) =>
      t.includes("<collaboration_mode>"),
    );
    assert.equal(third.length, 2, "no further mode message");
  });

  it("a thread resumed from the history plans too, with the model codex reports for it", async () => {
    harness.model.enqueue(text("Hello."));
    await bridge.threads.send("Hi", []);
    const threadId = (await waitForState(bridge, turnsDone(1), "the first turn")).thread!.id;
    // A fresh bridge knows nothing of the thread but what resuming it tells.
    bridge.dispose();
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    await bridge.history.resume(threadId);
    await bridge.models.choose({ mode: "plan" });
    harness.model.enqueue(text("<proposed_plan>\n1. One step\n</proposed_plan>\n"));
    await bridge.threads.send("Plan the next step", []);
    const state = await waitForState(bridge, turnsDone(2), "the plan turn");
    assert.match(developerTexts(harness.model.requests[1]).join("\n"), /# Plan Mode/);
    assert.equal(itemsOf(state, "plan")[0]?.text, "1. One step\n");
  });

  it("/goal sets the thread's goal with codex's status, /goal clear clears it", async () => {
    const hasGoal = (objective: string | null) => (state: ChatViewState) =>
      (state.thread?.goal?.objective ?? null) === objective;
    // Before the first message: the thread starts for the goal.
    const set = await slash("goal", ["Ship plan mode with tests"]);
    assert.equal(set.ok, true, set.error);
    let state = await waitForState(bridge, hasGoal("Ship plan mode with tests"), "the goal");
    assert.equal(state.thread?.goal?.status, "active");
    const threadId = state.thread!.id;

    // Shown again from the history: codex sends the goal with the resumed thread.
    bridge.threads.newThread();
    assert.equal(bridge.state.thread, null);
    await bridge.history.resume(threadId);
    state = await waitForState(bridge, hasGoal("Ship plan mode with tests"), "the goal again");

    const cleared = await slash("goal", ["clear"]);
    assert.equal(cleared.ok, true, cleared.error);
    state = await waitForState(bridge, hasGoal(null), "no goal");
    assert.equal(state.thread?.goal ?? null, null);
    const again = await slash("goal", ["clear"]);
    assert.equal(again.ok, true, again.error);
  });
});
