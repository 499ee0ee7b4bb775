/**
 * The native question before an undo would overwrite edits made after the turn: which files,
 * what the user changed in each. Keeping the user's edits is the default (Enter, Escape).
 */
import vscode = require("vscode");

import type { UndoChoice, UndoLoss } from "../review/turnActions";

/** Files listed in the dialog at most; the rest are counted. */
const MAX_LISTED = 15;

function describeEdit(loss: UndoLoss): string {
  const { edit } = loss;
  switch (edit.kind) {
    case "deleted":
      return vscode.l10n.t("{0}: you deleted it", loss.path);
    case "recreated":
      return vscode.l10n.t("{0}: you created it again", loss.path);
    case "mode-changed":
      return vscode.l10n.t("{0}: its permissions changed", loss.path);
    case "type-changed":
      return vscode.l10n.t("{0}: replaced by another kind of entry", loss.path);
    case "modified":
      return edit.binary
        ? vscode.l10n.t("{0}: changed (binary)", loss.path)
        : vscode.l10n.t("{0}: +{1} −{2} lines of your edits", loss.path, edit.added, edit.removed);
  }
}

export async function confirmUndo(losses: readonly UndoLoss[]): Promise<UndoChoice> {
  const listed = losses.slice(0, MAX_LISTED).map(describeEdit);
  if (losses.length > MAX_LISTED) {
    listed.push(vscode.l10n.t("…and {0} more", losses.length - MAX_LISTED));
  }
  const keep = vscode.l10n.t("Undo the rest, keep my edits");
  const overwrite = vscode.l10n.t("Undo everything, discard my edits");
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t("These files were changed after Codex's turn."),
    {
      modal: true,
      detail: `${listed.join("\n")}\n\n${vscode.l10n.t("Your edits are kept unless you choose to discard them.")}`,
    },
    keep,
    overwrite,
  );
  if (answer === keep) return "keep";
  if (answer === overwrite) return "overwrite";
  return undefined;
}
