/** `history/resume`: Opens a past thread and shows its transcript. */
import { defineHandler } from "./context";

export const historyResume = defineHandler("history/resume", async (context, params) => {
  await context.bridge.history.resume(params.threadId);
  return {};
});
