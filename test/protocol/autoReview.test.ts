/**
 * Auto-review against the real, pinned codex (0.169.0): with `chatgpt.approvalsReviewer:
 * auto_review` the bridge sends `approvalsReviewer` on thread and turn start, codex hands the
 * escalated command to its reviewer sub-agent (the mock model answers with the assessment JSON
 * codex's output schema asks for), and the decision reaches the view as a review, with no
 * approval card. A denied action approved anyway (`thread/approveGuardianDeniedAction`) is told
 * to the model in the next turn.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import { shellCall, text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";
import { itemsOf, pendingApproval, turnsDone, waitForState } from "../support/bridgeState";

/** What codex's reviewer must answer (its `codex_output_schema`). */
function assessment(outcome: "allow" | "deny", risk: string, rationale: string) {
  return text(JSON.stringify({ risk_level: risk, user_authorization: "low", outcome, rationale }));
}

describe("auto-review: codex's approvals reviewer (real codex)", function () {
  this.timeout(90_000);
  let harness: CodexHarness;
  let bridge: ChatBridge;

  beforeEach(async () => {
    harness = await startCodexHarness({ approvalPolicy: "on-request", sandboxMode: "read-only" });
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
      approvalsReviewer: () => "auto_review",
    });
    await bridge.models.choose({ mode: "chat" });
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    bridge.dispose();
    await harness.dispose();
  });

  it("an approved action runs without a card; the review shows in the thread", async () => {
    harness.model.enqueue(
      shellCall({ cmd: "echo reviewed-and-allowed", callId: "call_ok" }),
      assessment("allow", "low", "The user asked for this echo."),
      text("Ran it."),
    );
    await bridge.threads.send("Echo something", []);
    const done = await waitForState(bridge, turnsDone(1), "the turn");
    assert.equal(pendingApproval(done), undefined, "no approval card");
    const [review] = done.reviews ?? [];
    assert.equal(review?.status, "approved");
    assert.equal(review?.targetItemId, "call_ok");
    assert.equal(review?.riskLevel, "low");
    const [command] = itemsOf(done, "commandExecution");
    assert.match(command?.aggregatedOutput ?? "", /reviewed-and-allowed/);
  });

  it("a denied action is explained; Approve anyway tells the model in the next turn", async () => {
    harness.model.enqueue(
      shellCall({ cmd: "rm -rf ./build-output", callId: "call_rm" }),
      assessment("deny", "high", "Deletes files the user did not ask to delete."),
      text("The reviewer said no."),
    );
    await bridge.threads.send("Clean up", []);
    const done = await waitForState(bridge, turnsDone(1), "the turn");
    assert.equal(pendingApproval(done), undefined, "no approval card");
    const review = done.reviews?.find((each) => each.targetItemId === "call_rm");
    assert.equal(review?.status, "denied");
    assert.equal(review?.rationale, "Deletes files the user did not ask to delete.");
    assert.equal(review?.action.type, "command");
    assert.equal(itemsOf(done, "commandExecution")[0]?.status, "declined");

    await bridge.autoReviews.approve(review!.id, async () => true);
    assert.equal(bridge.state.findReview(review!.id)?.overridden, true);

    harness.model.enqueue(text("Understood."));
    const before = harness.model.requests.length;
    await bridge.threads.send("Go ahead", []);
    await waitForState(bridge, turnsDone(2), "the next turn");
    const next = JSON.stringify(harness.model.requests[before]?.input ?? []);
    assert.match(next, /The user has manually approved a specific action/);
    assert.match(next, /rm -rf \.\/build-output/);
  });
});
