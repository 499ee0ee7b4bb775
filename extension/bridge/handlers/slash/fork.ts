/** `/fork`: the thread on screen continues in a copy (`thread/fork`); the original stays as it is. */
import { l10n } from "../../../l10n";
import { UserFacingError } from "../../userFacingError";
import type { SlashHandler } from "./types";

export const fork: SlashHandler = async (context) => {
  const threadId = context.bridge.threads.currentThreadId;
  if (!threadId) throw new UserFacingError(l10n.t("There is no conversation to fork yet."));
  await context.bridge.history.fork(threadId);
};
