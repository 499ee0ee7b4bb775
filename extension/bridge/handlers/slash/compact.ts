/** `/compact`: codex summarises the conversation so far to free up context (`thread/compact/start`). */
import type { SlashHandler } from "./types";

export const compact: SlashHandler = async (context) => {
  await context.bridge.threads.compact();
};
