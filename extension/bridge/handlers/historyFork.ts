/** `history/fork`: Forks a thread; the copy becomes the current thread. */
import { defineHandler } from "./context";

export const historyFork = defineHandler("history/fork", async (context, params) => {
  await context.bridge.history.fork(params.threadId);
  return {};
});
