/**
 * `/goal <objective>` sets the thread's goal (`thread/goal/set`), `/goal clear` clears it, `/goal`
 * alone reads it again; the header shows it with codex's status.
 */
import { UserFacingError } from "../../userFacingError";
import { l10n } from "../../../l10n";
import type { SlashHandler } from "./types";

export const goal: SlashHandler = async (context, args) => {
  const goals = context.bridge.goals;
  const objective = args[0]?.trim() ?? "";
  if (objective.toLowerCase() === "clear") return goals.clear();
  if (objective) {
    await goals.set(objective);
    return;
  }
  const threadId = context.bridge.threads.currentThreadId;
  if (!threadId) throw new UserFacingError(l10n.t("Type the goal after /goal."));
  await goals.load(threadId);
};
