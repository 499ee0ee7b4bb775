/** `chat/interrupt`: Interrupts the running turn. */
import { defineHandler } from "./context";

export const chatInterrupt = defineHandler("chat/interrupt", async (context) => {
  await context.bridge.threads.interrupt();
  return {};
});
