/** `chat/sendQueued`: Sends a follow-up held after Stop, now. */
import { defineHandler } from "./context";

export const chatSendQueued = defineHandler("chat/sendQueued", (context, params) =>
  context.bridge.threads.followUps.sendNow(params.queuedId),
);
