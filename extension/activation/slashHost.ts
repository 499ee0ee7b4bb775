/** The VS Code side of the slash commands: `chatgpt.reviewDelivery` and the `/feedback` consent. */
import vscode = require("vscode");

import type { FeedbackConsent, SlashHost } from "../bridge/handlers/index";
import { reviewDelivery } from "../views/settings";

async function confirmFeedback(): Promise<FeedbackConsent | null> {
  const kinds: { label: string; classification: FeedbackConsent["classification"] }[] = [
    { label: `$(bug) ${vscode.l10n.t("Bug")}`, classification: "bug" },
    { label: `$(thumbsdown) ${vscode.l10n.t("Bad result")}`, classification: "bad_result" },
    { label: `$(thumbsup) ${vscode.l10n.t("Good result")}`, classification: "good_result" },
    { label: `$(comment) ${vscode.l10n.t("Other")}`, classification: "other" },
  ];
  const kind = await vscode.window.showQuickPick(kinds, {
    title: vscode.l10n.t("Send feedback to the Codex maintainers"),
    placeHolder: vscode.l10n.t("What is your feedback about?"),
  });
  if (!kind) return null;
  const reason = await vscode.window.showInputBox({
    title: vscode.l10n.t("Send feedback to the Codex maintainers"),
    prompt: vscode.l10n.t("Describe what happened (optional)"),
    ignoreFocusOut: true,
  });
  if (reason === undefined) return null;
  const withLogs = vscode.l10n.t("Send with logs");
  const withoutLogs = vscode.l10n.t("Send without logs");
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t("Send this feedback to OpenAI?"),
    {
      modal: true,
      detail: vscode.l10n.t(
        "Codex uploads your rating and description together with the id of the current thread. With logs, it also uploads codex's logs and this thread's session record: your messages, Codex's answers, the commands it ran with their output, and file changes. Do not send logs if the thread contains secrets.",
      ),
    },
    withLogs,
    withoutLogs,
  );
  if (answer !== withLogs && answer !== withoutLogs) return null;
  return {
    classification: kind.classification,
    reason: reason.trim() || null,
    includeLogs: answer === withLogs,
  };
}

export const vscodeSlashHost: SlashHost = {
  reviewDelivery,
  confirmFeedback,
  feedbackSent: (id) =>
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Thank you! Your feedback was sent (id {0}).", id),
    ),
};
