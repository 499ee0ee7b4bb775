/** `turn/undo`: the host previews the undo and asks natively before overwriting the user's edits. */
import { defineHandler } from "./context";
import { turnActionsOf } from "./turnActionsOf";

export const turnUndo = defineHandler("turn/undo", async (context, params) => {
  const result = await turnActionsOf(context).undo(params.turnId);
  return { undone: result !== null };
});
