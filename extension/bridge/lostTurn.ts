/**
 * A turn the app-server took with it when it stopped or restarted: a notice tells the user
 * (whether sending again helps), and the transcript shows the turn interrupted, through the
 * batcher, after the turn's own events.
 */
import type { PortState } from "../connection/port";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import type { EventBatcher } from "./eventBatcher";

export function reportLostTurn(
  { state, batcher, logger }: { state: ChatState; batcher: EventBatcher; logger: Logger },
  threadId: string,
  turnId: string,
  next: PortState,
): void {
  const reason = "reason" in next ? next.reason : null;
  logger.warn(`turn ${turnId} interrupted: the app-server stopped`);
  state.addNotice({
    level: "warning",
    message:
      next.kind === "stopped"
        ? l10n.t("Codex stopped; the running turn was interrupted.")
        : l10n.t("Codex restarted; the running turn was interrupted. Send again to continue."),
    details: reason,
  });
  batcher.push(threadId, {
    type: "turnCompleted",
    turnId,
    status: "interrupted",
    error: {
      message: l10n.t("The turn was interrupted because the Codex app-server stopped."),
      codexErrorInfo: null,
      additionalDetails: reason,
      misalignment: null,
    },
  });
}
