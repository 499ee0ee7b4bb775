/** `chat/moveQueued`: Moves a queued follow-up one place up or down. */
import { defineHandler } from "./context";

export const chatMoveQueued = defineHandler("chat/moveQueued", (context, params) => {
  context.bridge.threads.followUps.move(params.queuedId, params.offset);
  return {};
});
