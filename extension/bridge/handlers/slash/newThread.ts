/** `/new`: an empty transcript; the codex thread starts with the next message. */
import type { SlashHandler } from "./types";

export const newThread: SlashHandler = async (context) => {
  context.bridge.threads.newThread();
};
