/** `chat/newThread`: Clears the transcript; the codex thread starts with the next message. */
import { defineHandler } from "./context";

export const chatNewThread = defineHandler("chat/newThread", (context) => {
  context.bridge.threads.newThread();
  return {};
});
