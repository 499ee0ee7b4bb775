import assert from "node:assert/strict";

import { ChatState } from "../../../extension/bridge/chatState";
import {
  ModelController,
  modeParams,
  sandboxPolicyFor,
  toModelOptions,
  turnModelParams,
} from "../../../extension/bridge/models";
import type { Model } from "../../../protocol/codex/v2/Model";
import { UserFacingError } from "../../../extension/bridge/userFacingError";
import { fakePort, nullLogger } from "./fakePort";

function model(slug: string, extra: Partial<Model> = {}): Model {
  return {
    id: slug,
    model: slug,
    upgrade: null,
    upgradeInfo: null,
    availabilityNux: null,
    displayName: slug.toUpperCase(),
    description: `${slug} model`,
    modelSpecialty: null,
    hidden: false,
    supportedReasoningEfforts: [{ reasoningEffort: "low", description: "Fast" }],
    defaultReasoningEffort: "low",
    inputModalities: ["text"],
    supportsPersonality: false,
    multiAgentVersion: null,
    additionalSpeedTiers: [],
    serviceTiers: [],
    defaultServiceTier: null,
    availableAccessPrograms: null,
    isDefault: false,
    ...extra,
  };
}

describe("models", () => {
  it("maps each mode to its approval policy and sandbox", () => {
    assert.deepEqual(modeParams("chat"), { approvalPolicy: "on-request", sandbox: "read-only" });
    assert.deepEqual(modeParams("agent"), {
      approvalPolicy: "on-request",
      sandbox: "workspace-write",
    });
    assert.deepEqual(modeParams("agentFullAccess"), {
      approvalPolicy: "never",
      sandbox: "danger-full-access",
    });
    assert.equal(sandboxPolicyFor("read-only").type, "readOnly");
    assert.equal(sandboxPolicyFor("workspace-write").type, "workspaceWrite");
    assert.equal(sandboxPolicyFor("danger-full-access").type, "dangerFullAccess");
  });

  it("sends no model or effort unless the user chose one", () => {
    assert.deepEqual(turnModelParams({ models: [], model: null, effort: null, mode: "agent" }), {});
    assert.deepEqual(
      turnModelParams({ models: [], model: "gpt-x", effort: "high", mode: "agent" }),
      { model: "gpt-x", effort: "high" },
    );
  });

  it("turns model/list into picker options, hiding hidden models", () => {
    const options = toModelOptions([model("a", { isDefault: true }), model("b", { hidden: true })]);
    assert.deepEqual(options, [
      {
        model: "a",
        displayName: "A",
        description: "a model",
        efforts: [{ effort: "low", description: "Fast" }],
        defaultEffort: "low",
        isDefault: true,
      },
    ]);
  });

  describe("ModelController", () => {
    function setup(confirm = true) {
      const port = fakePort();
      const state = new ChatState();
      const asked: number[] = [];
      const controller = new ModelController({
        port,
        state,
        logger: nullLogger(),
        confirmFullAccess: async () => {
          asked.push(1);
          return confirm;
        },
      });
      return { port, state, controller, asked };
    }

    it("reads every page of model/list", async () => {
      const { port, state, controller } = setup();
      port.answer("model/list", (params: { cursor: string | null }) =>
        params.cursor === null
          ? { data: [model("a")], nextCursor: "p2" }
          : { data: [model("b")], nextCursor: null },
      );
      await controller.refresh();
      assert.deepEqual(
        state.snapshot.modelChoice.models.map((m) => m.model),
        ["a", "b"],
      );
    });

    it("forgets a chosen model codex no longer offers", async () => {
      const { port, state, controller } = setup();
      state.setModelChoice({ models: [], model: "gone", effort: "low", mode: "agent" });
      port.answer("model/list", { data: [model("a")], nextCursor: null });
      await controller.refresh();
      assert.equal(state.snapshot.modelChoice.model, null);
      assert.equal(state.snapshot.modelChoice.effort, null);
    });

    it("asks before full access and keeps the mode when declined", async () => {
      const declined = setup(false);
      assert.equal(await declined.controller.choose({ mode: "agentFullAccess" }), false);
      assert.equal(declined.state.snapshot.modelChoice.mode, "agent");
      assert.equal(declined.asked.length, 1);

      const accepted = setup(true);
      assert.equal(await accepted.controller.choose({ mode: "agentFullAccess" }), true);
      assert.equal(accepted.state.snapshot.modelChoice.mode, "agentFullAccess");
      assert.equal(await accepted.controller.choose({ mode: "agentFullAccess" }), true);
      assert.equal(accepted.asked.length, 1, "no second confirmation while already in full access");
    });

    it("does not ask for the other modes; rejects unknown models", async () => {
      const { state, controller, asked } = setup();
      state.setModelChoice({ ...state.snapshot.modelChoice, models: toModelOptions([model("a")]) });
      assert.equal(await controller.choose({ mode: "chat", model: "a" }), true);
      assert.equal(asked.length, 0);
      await assert.rejects(controller.choose({ model: "nope" }), UserFacingError);
      assert.equal(await controller.choose({ model: null }), true);
      assert.equal(state.snapshot.modelChoice.model, null);
    });
  });
});
