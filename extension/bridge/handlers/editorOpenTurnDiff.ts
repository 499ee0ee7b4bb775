/**
 * `editor/openTurnDiff` and `turn/review`: every file a turn changed, whole, in VS Code's
 * multi-file diff editor, never as a raw patch document. One path: the turn's checkpoint when
 * the store has one (TurnActions.review), else the patch fallback (review/patchReview.ts).
 */
import { reviewFromPatches } from "../../review/patchReview";
import { defineHandler, type HandlerContext } from "./context";

export async function reviewTurn(context: HandlerContext, turnId: string): Promise<object> {
  const read = (path: string) => context.editor.readText(path);
  if (context.turns) await context.turns(context.bridge).review(turnId, read);
  else {
    // No checkpoint services at all (a host without a store): the turn's patches only.
    const turn = context.bridge.state.thread?.turns.find((t) => t.id === turnId);
    await reviewFromPatches(turn, read, (files, title) => context.editor.openChanges(files, title));
  }
  return {};
}

export const editorOpenTurnDiff = defineHandler("editor/openTurnDiff", (context, params) =>
  reviewTurn(context, params.turnId),
);
