/**
 * The native side of `HostGuard`: modal confirmations for account changes and for overriding the
 * auto-reviewer, and VS Code's own trust dialog. The palette's sign-out uses the same confirmation
 * as the webview's.
 */
import vscode = require("vscode");

import type { DeniedActionQuestion } from "../bridge/autoReviews";
import type { HostGuard } from "../bridge/handlers/index";
import { manageWorkspaceTrust } from "../workspaceTrust";

export async function confirmAccountChange(change: "replaceSignIn" | "signOut"): Promise<boolean> {
  const [message, detail, action] =
    change === "signOut"
      ? [
          vscode.l10n.t("Sign out of Codex?"),
          vscode.l10n.t("Codex forgets the stored sign-in on this machine."),
          vscode.l10n.t("Sign out"),
        ]
      : [
          vscode.l10n.t("Replace your Codex sign-in with this API key?"),
          vscode.l10n.t(
            "Codex will sign out of the current account and send its requests with the new key.",
          ),
          vscode.l10n.t("Replace"),
        ];
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
}

/** Before "Approve anyway": what was denied, the reviewer's reason, and what approving does. */
export async function confirmApproveDenied(question: DeniedActionQuestion): Promise<boolean> {
  const action = vscode.l10n.t("Approve anyway");
  const detail = [
    question.action,
    question.rationale && vscode.l10n.t("The auto-reviewer's reason: {0}", question.rationale),
    vscode.l10n.t("Codex tells the model that you approved exactly this action, so it may run it."),
  ]
    .filter(Boolean)
    .join("\n\n");
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t("Approve an action Codex's auto-reviewer denied?"),
    { modal: true, detail },
    action,
  );
  return answer === action;
}

export function vscodeHostGuard(): HostGuard {
  return {
    confirmAccountChange,
    manageWorkspaceTrust,
    confirmApproveDenied,
  };
}
