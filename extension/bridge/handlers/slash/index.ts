/** The host side of every composer slash command, one module each. */
import type { SlashCommandName } from "../../../../protocol/webview/slashCommands";
import { compact } from "./compact";
import { feedback } from "./feedback";
import { init } from "./init";
import { mcp } from "./mcp";
import { newThread } from "./newThread";
import { review } from "./review";
import { status } from "./status";
import type { SlashHandler } from "./types";

export type { SlashHandler } from "./types";

export const slashHandlers: Readonly<Record<SlashCommandName, SlashHandler>> = {
  review,
  status,
  compact,
  init,
  mcp,
  feedback,
  new: newThread,
};
