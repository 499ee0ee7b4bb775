/**
 * `/review [base-branch]`: codex reviews the uncommitted changes, or the diff against a base
 * branch. `chatgpt.reviewDelivery` decides where: `inline` in the thread on screen, `detached` in
 * a new thread.
 */
import type { ReviewTarget } from "../../../../protocol/codex/v2/ReviewTarget";
import type { SlashHandler } from "./types";

export function reviewTarget(args: readonly string[]): ReviewTarget {
  const [branch] = args;
  return branch ? { type: "baseBranch", branch } : { type: "uncommittedChanges" };
}

export const review: SlashHandler = async (context, args) => {
  await context.bridge.threads.review(reviewTarget(args), context.slash.reviewDelivery());
};
