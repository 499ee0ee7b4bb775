/** `history/archive`: Archives a thread. */
import { defineHandler } from "./context";

export const historyArchive = defineHandler("history/archive", async (context, params) => {
  await context.bridge.history.archive(params.threadId);
  return {};
});
