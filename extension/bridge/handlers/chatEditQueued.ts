/** `chat/editQueued`: New text for a follow-up that waits in the queue. */
import { defineHandler } from "./context";

export const chatEditQueued = defineHandler("chat/editQueued", (context, params) => {
  context.bridge.threads.followUps.edit(params.queuedId, params.text);
  return {};
});
