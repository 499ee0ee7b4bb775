/** `autoReview/approve`: "Approve anyway" on an action codex's auto-reviewer denied. */
import { defineHandler } from "./context";

export const autoReviewApprove = defineHandler("autoReview/approve", async (context, params) => {
  await context.bridge.autoReviews.approve(params.reviewId);
  return {};
});
