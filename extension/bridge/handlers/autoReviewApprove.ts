/**
 * `autoReview/approve`: "Approve anyway" on an action codex's auto-reviewer denied, once the user
 * confirms it in a native dialog.
 */
import { defineHandler } from "./context";

export const autoReviewApprove = defineHandler("autoReview/approve", async (context, params) => {
  await context.bridge.autoReviews.approve(params.reviewId, (question) =>
    context.guard.confirmApproveDenied(question),
  );
  return {};
});
