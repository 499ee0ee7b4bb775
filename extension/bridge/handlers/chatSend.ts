/** `chat/send`: Sends a message, starting the thread on first use; queued or steered while a turn runs. */
import { defineHandler } from "./context";

export const chatSend = defineHandler("chat/send", (context, params) =>
  context.bridge.threads.send(params.text, params.attachments),
);
