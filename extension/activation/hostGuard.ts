/**
 * The native side of `HostGuard`: modal confirmations for account changes and VS Code's own trust
 * dialog. The palette's sign-out uses the same confirmation as the webview's.
 */
import vscode = require("vscode");

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

export function vscodeHostGuard(): HostGuard {
  return {
    confirmAccountChange,
    manageWorkspaceTrust,
  };
}
