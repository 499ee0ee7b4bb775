/** VS Code's Workspace Trust, as the host features use it (Restricted Mode). */
import vscode = require("vscode");

/** VS Code's Workspace Trust editor, where the user trusts (or not) this folder. */
export const MANAGE_WORKSPACE_TRUST_COMMAND = "workbench.trust.manage";

export async function manageWorkspaceTrust(): Promise<void> {
  await vscode.commands.executeCommand(MANAGE_WORKSPACE_TRUST_COMMAND);
}

/** Says why `feature` is off in Restricted Mode, with a way to trust the folder. */
export function explainRestrictedMode(feature: string): void {
  const manage = vscode.l10n.t("Manage Workspace Trust");
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        "This folder is in Restricted Mode, so {0} is off. Trust the folder to use it.",
        feature,
      ),
      manage,
    )
    .then((choice) => {
      if (choice === manage) void manageWorkspaceTrust();
    });
}
