import assert from "node:assert/strict";

import { AppServerRpcError } from "../../../extension/appServer/errors";
import { ChatState, emptyThread } from "../../../extension/bridge/chatState";
import { ModelController } from "../../../extension/bridge/models";
import {
  PlanModeController,
  planCommentsText,
  withPlanComment,
  type PlanTurnStartParams,
} from "../../../extension/bridge/planMode";
import type { HandlerContext } from "../../../extension/bridge/handlers/context";
import { planImplement } from "../../../extension/bridge/handlers/planImplement";
import { UserFacingError } from "../../../extension/bridge/userFacingError";
import type { ChatMode, PlanCommentView } from "../../../protocol/webview/viewModel";
import { parseSlashCommand } from "../../../protocol/webview/slashCommands";
import { fakePort, nullLogger } from "./fakePort";

const comment = (step: number, text: string, itemId = "plan-1"): PlanCommentView => ({
  itemId,
  step,
  stepText: `Step text ${step + 1}`,
  text,
});

function setUp() {
  const port = fakePort();
  const state = new ChatState();
  const saved: unknown[] = [];
  let confirmations = 0;
  const models = new ModelController({
    port,
    state,
    logger: nullLogger(),
    confirmFullAccess: async () => {
      confirmations++;
      return true;
    },
    saveChoice: (choice) => saved.push(choice),
  });
  const plan = new PlanModeController({ port, state, logger: nullLogger() });
  const turn = (mode: ChatMode, threadId = "t1"): PlanTurnStartParams => {
    const params: PlanTurnStartParams = {
      threadId,
      input: [{ type: "text", text: "hello", text_elements: [] }],
    };
    plan.prepare(params, mode).sent();
    return params;
  };
  return { port, state, models, plan, saved, turn, confirmations: () => confirmations };
}

describe("plan mode (host)", () => {
  it("/plan and /goal take the rest of the line as one argument", () => {
    assert.deepEqual(parseSlashCommand("/plan Add a  greeting, then test it"), {
      command: "plan",
      args: ["Add a  greeting, then test it"],
    });
    assert.deepEqual(parseSlashCommand("/plan"), { command: "plan", args: [] });
    assert.deepEqual(parseSlashCommand("  /goal clear "), { command: "goal", args: ["clear"] });
    assert.equal(parseSlashCommand("/goal one\ntwo"), null, "one line only");
  });

  it("offers Plan only when codex lists the plan collaboration mode", async () => {
    const { port, state, plan } = setUp();
    port.answer("collaborationMode/list" as never, {
      data: [
        { name: "Plan", mode: "plan", model: null, reasoning_effort: "medium" },
        { name: "Default", mode: "default", model: null, reasoning_effort: null },
      ],
    });
    await plan.refresh();
    assert.equal(state.snapshot.modelChoice.planModeSupported, true);

    port.answer("collaborationMode/list" as never, () => {
      throw new AppServerRpcError(-32600, "collaborationMode/list requires experimentalApi");
    });
    await plan.refresh();
    assert.equal(state.snapshot.modelChoice.planModeSupported, false);

    // codex not reachable: unknown, not "unsupported".
    port.answer("collaborationMode/list" as never, () => {
      throw new Error("app-server stopped");
    });
    await plan.refresh();
    assert.equal(state.snapshot.modelChoice.planModeSupported, false, "left as it was");
  });

  it("sends plan on plan turns, default once to end it, then nothing", async () => {
    const { port, plan, turn } = setUp();
    port.answer("collaborationMode/list" as never, {
      data: [{ name: "Plan", mode: "plan", model: null, reasoning_effort: "medium" }],
    });
    await plan.refresh();
    plan.threadLoaded("t1", "gpt-5-codex");

    assert.equal(turn("agent").collaborationMode, undefined, "a thread never in plan mode");
    assert.deepEqual(turn("plan").collaborationMode, {
      mode: "plan",
      settings: { model: "gpt-5-codex", reasoning_effort: "medium", developer_instructions: null },
    });
    assert.equal(turn("plan").collaborationMode?.mode, "plan", "every plan turn says so");
    assert.deepEqual(turn("chat").collaborationMode, {
      mode: "default",
      settings: { model: "gpt-5-codex", reasoning_effort: null, developer_instructions: null },
    });
    assert.equal(turn("chat").collaborationMode, undefined, "ended once is enough");
  });

  it("knows a resumed thread left in plan mode from codex's thread settings", () => {
    const { plan, turn } = setUp();
    const settings = {
      threadId: "t9",
      threadSettings: {
        model: "gpt-5-mini",
        collaborationMode: {
          mode: "plan",
          settings: { model: "gpt-5-mini", reasoning_effort: null, developer_instructions: null },
        },
      },
    };
    // The dispatcher hands the bridge's handlers their notification's params.
    plan.notifications["thread/settings/updated"]!(settings as never);
    assert.equal(turn("agent", "t9").collaborationMode?.mode, "default");
  });

  it("prepends the step comments to the next message, clears them, restores them on failure", () => {
    const { state, plan } = setUp();
    state.setThread({
      ...emptyThread("t1", "/w"),
      planComments: [comment(2, "Use node:test"), comment(0, "Start with the README")],
    });
    const params: PlanTurnStartParams = {
      threadId: "t1",
      input: [{ type: "text", text: "Implement the plan.", text_elements: [] }],
    };
    const outcome = plan.prepare(params, "agent");
    assert.deepEqual(
      params.input.map((part) => (part.type === "text" ? part.text : part.type)),
      [
        'My comments on the plan:\n- Step 1 ("Step text 1"): Start with the README\n- Step 3 ("Step text 3"): Use node:test',
        "Implement the plan.",
      ],
    );
    assert.deepEqual(state.thread?.planComments, []);
    outcome.failed();
    assert.equal(state.thread?.planComments?.length, 2, "not lost when the send failed");
  });

  it("a comment replaces the step's earlier one; an empty one removes it", () => {
    let comments = withPlanComment([], comment(1, " first "));
    comments = withPlanComment(comments, comment(1, "second"));
    comments = withPlanComment(comments, comment(1, "other plan", "plan-2"));
    assert.deepEqual(
      comments.map((c) => [c.itemId, c.text]),
      [
        ["plan-1", "second"],
        ["plan-2", "other plan"],
      ],
    );
    assert.deepEqual(withPlanComment(comments, comment(1, "  ")), [comments[1]]);
    assert.equal(planCommentsText([]), null);
  });

  it("Plan remembers the mode before it; coming back to full access asks no second time", async () => {
    const { state, models, saved, confirmations } = setUp();
    await models.choose({ mode: "agentFullAccess" });
    assert.equal(confirmations(), 1);
    await models.choose({ mode: "plan" });
    assert.equal(state.snapshot.modelChoice.modeBeforePlan, "agentFullAccess");
    // Plan is not kept across a reload: the mode to come back to is what is saved.
    assert.deepEqual(saved.at(-1), { model: null, effort: null, mode: "agentFullAccess" });
    await models.choose({ mode: "agentFullAccess" });
    assert.equal(confirmations(), 1, "no second confirmation");
    assert.equal(state.snapshot.modelChoice.modeBeforePlan, undefined);
  });

  it("Plan is allowed in Restricted Mode (read-only) and refused when codex has none", async () => {
    const { state, models } = setUp();
    state.setWorkspaceTrusted(false);
    assert.equal(await models.choose({ mode: "plan" }), true);
    await models.choose({ mode: "chat" });
    state.setModelChoice({ ...state.snapshot.modelChoice, planModeSupported: false });
    await assert.rejects(models.choose({ mode: "plan" }), UserFacingError);
  });

  it("Implement this plan in Restricted Mode goes back to Chat, not the Agent mode before Plan", async () => {
    const { state, models } = setUp();
    state.setWorkspaceTrusted(false);
    assert.equal(state.snapshot.modelChoice.mode, "agent");
    await models.choose({ mode: "plan" });
    assert.equal(state.snapshot.modelChoice.modeBeforePlan, "agent");
    const sent: string[] = [];
    const threads = { send: async (text: string) => void sent.push(text) };
    const context = { bridge: { models, state, threads } } as unknown as HandlerContext;
    assert.deepEqual(await planImplement.handle(context, {}), { applied: true });
    assert.equal(state.snapshot.modelChoice.mode, "chat");
    assert.deepEqual(sent, ["Implement the plan."]);
  });
});
