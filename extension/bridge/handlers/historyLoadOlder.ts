/** `history/loadOlder`: The page of turns before the first one shown (scrolled to the top). */
import { defineHandler } from "./context";

export const historyLoadOlder = defineHandler("history/loadOlder", async (context, params) => {
  await context.bridge.history.loadOlder(params.threadId);
  return {};
});
