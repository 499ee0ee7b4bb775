/**
 * Auto-review decisions in the host: shown for the thread on screen only, gone with it; the
 * override sends codex's own assessment event back, and only for a denial.
 */
import assert from "node:assert/strict";

import {
  assessmentEvent,
  AutoReviews,
  describeReviewedAction,
  type DeniedActionQuestion,
} from "../../../extension/bridge/autoReviews";
import { ChatState, emptyThread } from "../../../extension/bridge/chatState";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import type { ItemGuardianApprovalReviewCompletedNotification } from "../../../protocol/codex/v2/ItemGuardianApprovalReviewCompletedNotification";

import { fakePort, nullLogger } from "./fakePort";
import { handlerHarness } from "./handlerHarness";

/** As codex 0.169.0 sent it for a denied `rm -rf` (seen in a protocol run). */
const denied: ItemGuardianApprovalReviewCompletedNotification = {
  threadId: "thread-1",
  turnId: "turn-1",
  startedAtMs: 10,
  completedAtMs: 20,
  reviewId: "review-1",
  targetItemId: "call_rm",
  decisionSource: "agent",
  review: {
    status: "denied",
    riskLevel: "high",
    userAuthorization: "low",
    rationale: "Deletes files the user did not ask to delete.",
  },
  action: {
    type: "command",
    source: "unifiedExec",
    command: "/bin/bash -c 'rm -rf ./out'",
    cwd: "/w",
  },
};

function setup() {
  const port = fakePort();
  const state = new ChatState();
  state.setThread(emptyThread("thread-1", "/w", null));
  const reviews = new AutoReviews({ port, state, logger: nullLogger() });
  port.onNotification(notificationDispatcher([reviews.notifications]));
  return { port, state, reviews };
}

/** Approve anyway on review-1, declined at the native question: the questions asked. */
async function declinedQuestions(reviews: AutoReviews): Promise<DeniedActionQuestion[]> {
  const asked: DeniedActionQuestion[] = [];
  await reviews.approve("review-1", async (question) => {
    asked.push(question);
    return false;
  });
  return asked;
}

describe("auto-reviews", () => {
  it("serialises the assessment the way codex does (snake_case keys and values)", () => {
    assert.deepEqual(assessmentEvent(denied), {
      id: "review-1",
      target_item_id: "call_rm",
      turn_id: "turn-1",
      started_at_ms: 10,
      completed_at_ms: 20,
      status: "denied",
      risk_level: "high",
      user_authorization: "low",
      rationale: "Deletes files the user did not ask to delete.",
      decision_source: "agent",
      action: {
        type: "command",
        source: "unified_exec",
        command: "/bin/bash -c 'rm -rf ./out'",
        cwd: "/w",
      },
    });
    assert.equal(
      (
        assessmentEvent({
          ...denied,
          action: {
            type: "mcpToolCall",
            server: "s",
            toolName: "t",
            connectorId: null,
            connectorName: null,
            toolTitle: null,
          },
        }) as { action: Record<string, unknown> }
      ).action.type,
      "mcp_tool_call",
    );
  });

  it("shows started then completed reviews for the thread on screen, and drops them with it", () => {
    const { port, state } = setup();
    port.emit({
      method: "item/autoApprovalReview/started",
      params: {
        ...denied,
        review: { status: "inProgress", riskLevel: null, userAuthorization: null, rationale: null },
      },
    });
    assert.equal(state.snapshot.reviews?.[0]?.status, "inProgress");
    port.emit({ method: "item/autoApprovalReview/completed", params: denied });
    assert.equal(state.snapshot.reviews?.length, 1);
    assert.equal(state.snapshot.reviews?.[0]?.status, "denied");
    port.emit({
      method: "item/autoApprovalReview/completed",
      params: { ...denied, threadId: "other", reviewId: "r2" },
    });
    assert.equal(state.snapshot.reviews?.length, 1, "another thread's review is not shown here");
    state.setThread(emptyThread("thread-2", "/w", null));
    assert.deepEqual(state.snapshot.reviews, []);
  });

  it("Approve anyway: only a denial, once, with codex's event", async () => {
    const { port, state, reviews } = setup();
    port.emit({
      method: "item/autoApprovalReview/completed",
      params: { ...denied, reviewId: "ok", review: { ...denied.review, status: "approved" } },
    });
    const yes = async () => true;
    await assert.rejects(reviews.approve("ok", yes), /Only an action the auto-reviewer denied/);
    await assert.rejects(
      reviews.approve("made-up", yes),
      /Only an action the auto-reviewer denied/,
    );
    port.emit({ method: "item/autoApprovalReview/completed", params: denied });
    port.answer("thread/approveGuardianDeniedAction", {});
    await reviews.approve("review-1", yes);
    await reviews.approve("review-1", yes);
    const calls = port.calls.filter((call) => call.method === "thread/approveGuardianDeniedAction");
    assert.equal(calls.length, 1, "sent once");
    assert.deepEqual(calls[0]!.params, { threadId: "thread-1", event: assessmentEvent(denied) });
    assert.equal(state.findReview("review-1")?.overridden, true);
  });

  it("Approve anyway asks first, with the action and the reason; declined, nothing is sent", async () => {
    const { port, state, reviews } = setup();
    port.emit({ method: "item/autoApprovalReview/completed", params: denied });
    port.answer("thread/approveGuardianDeniedAction", {});
    assert.deepEqual(await declinedQuestions(reviews), [
      {
        action: "rm -rf ./out",
        rationale: "Deletes files the user did not ask to delete.",
      },
    ]);
    assert.deepEqual(
      port.calls.filter((call) => call.method === "thread/approveGuardianDeniedAction"),
      [],
    );
    assert.notEqual(state.findReview("review-1")?.overridden, true);
  });

  it("the native question shows what the card shows: no shell wrapper, hidden characters marked", async () => {
    const { port, reviews } = setup();
    const tricky: ItemGuardianApprovalReviewCompletedNotification = {
      ...denied,
      // U+202E turns "gpj.sh" into what reads as "hs.jpg"; U+200B hides inside "rm".
      action: {
        type: "command",
        source: "unifiedExec",
        command: "/bin/bash -lc 'r\u200bm -rf ~ && ./\u202Egpj.sh'",
        cwd: "/w",
      },
      review: { ...denied.review, rationale: "Looks safe\u202E, but is not.\u0007" },
    };
    port.emit({ method: "item/autoApprovalReview/completed", params: tricky });
    assert.deepEqual(await declinedQuestions(reviews), [
      {
        action: "r[U+200B]m -rf ~ && ./[U+202E]gpj.sh",
        rationale: "Looks safe[U+202E], but is not.[U+0007]",
      },
    ]);
    const stdin = describeReviewedAction({
      type: "writeStdin",
      approvalId: "a",
      processId: "p",
      stdin: "y\n\u001b[2K",
      cwd: "/w",
    });
    assert.equal(stdin, "Input to a running command\ny\n[U+001B][2K", "lines stay, ESC is marked");
  });

  it("the webview's Approve anyway goes through the host's confirmation: declined, nothing is sent", async () => {
    for (const confirmApproveDenied of [false, true]) {
      const { bridge, port, request, events } = handlerHarness({ confirmApproveDenied });
      bridge.state.setThread(emptyThread("thread-1", "/w", null));
      port.emit({ method: "item/autoApprovalReview/completed", params: denied });
      port.answer("thread/approveGuardianDeniedAction", {});
      const response = await request("autoReview/approve", { reviewId: "review-1" });
      assert.equal(response.ok, true);
      assert.deepEqual(events, ["confirm approve anyway: rm -rf ./out"]);
      const sent = port.calls.filter((c) => c.method === "thread/approveGuardianDeniedAction");
      assert.equal(sent.length, confirmApproveDenied ? 1 : 0);
    }
  });
});
