/** `chat/cancelQueued`: Drops a follow-up that waits for the running turn. */
import { defineHandler } from "./context";

export const chatCancelQueued = defineHandler("chat/cancelQueued", (context, params) => {
  context.bridge.threads.followUps.cancel(params.queuedId);
  return {};
});
