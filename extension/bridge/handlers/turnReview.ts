/** `turn/review`: the turn's checkpoint (whole files, before and after) in the multi-file diff editor. */
import { defineHandler } from "./context";
import { turnActionsOf } from "./turnActionsOf";

export const turnReview = defineHandler("turn/review", async (context, params) => {
  await turnActionsOf(context).review(params.turnId);
  return {};
});
