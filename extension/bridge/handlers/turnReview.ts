/** `turn/review`: the same review as `editor/openTurnDiff` (see there). */
import { defineHandler } from "./context";
import { reviewTurn } from "./editorOpenTurnDiff";

export const turnReview = defineHandler("turn/review", (context, params) =>
  reviewTurn(context, params.turnId),
);
