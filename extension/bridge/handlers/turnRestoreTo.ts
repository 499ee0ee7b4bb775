/** `turn/restoreTo`: files and conversation back to before the turn's message. */
import { defineHandler } from "./context";
import { turnActionsOf } from "./turnActionsOf";

export const turnRestoreTo = defineHandler("turn/restoreTo", async (context, params) => {
  const restored = await turnActionsOf(context).restoreTo(params.turnId);
  return { text: restored?.text ?? null };
});
