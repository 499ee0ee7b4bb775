/**
 * The host side of every composer slash command, one module each. `/model`, `/reasoning`,
 * `/approvals` and `/skills` open the webview's own pickers and menus and never come here.
 */
import type { HostSlashCommandName } from "../../../../protocol/webview/slashCommands";
import { compact } from "./compact";
import { fast } from "./fast";
import { feedback } from "./feedback";
import { fork } from "./fork";
import { goal } from "./goal";
import { init } from "./init";
import { mcp } from "./mcp";
import { newThread } from "./newThread";
import { plan } from "./plan";
import { review } from "./review";
import { status } from "./status";
import type { SlashHandler } from "./types";

export type { SlashHandler } from "./types";

export const slashHandlers: Readonly<Record<HostSlashCommandName, SlashHandler>> = {
  review,
  status,
  compact,
  init,
  mcp,
  feedback,
  new: newThread,
  fork,
  fast,
  plan,
  goal,
};
