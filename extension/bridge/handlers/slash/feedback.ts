/**
 * `/feedback`: after the user agreed in a modal on the host (which says what is uploaded), sends
 * feedback for the thread on screen to the Codex maintainers (`feedback/upload`).
 */
import type { FeedbackUploadParams } from "../../../../protocol/codex/v2/FeedbackUploadParams";
import { ChannelRequestError } from "../../../../protocol/webview/channel";
import { describeError } from "../../../appServer/errors";
import { l10n } from "../../../l10n";
import type { FeedbackConsent } from "../context";
import type { SlashHandler } from "./types";

export function feedbackParams(
  consent: FeedbackConsent,
  threadId: string | undefined,
): FeedbackUploadParams {
  return {
    classification: consent.classification,
    reason: consent.reason,
    threadId: threadId ?? null,
    includeLogs: consent.includeLogs,
  };
}

export const feedback: SlashHandler = async (context) => {
  const consent = await context.slash.confirmFeedback();
  if (!consent) return;
  try {
    const response = await context.bridge.port.request(
      "feedback/upload",
      feedbackParams(consent, context.bridge.threads.currentThreadId),
    );
    context.slash.feedbackSent(response.threadId);
  } catch (error) {
    throw new ChannelRequestError(l10n.t("Could not send the feedback: {0}", describeError(error)));
  }
};
