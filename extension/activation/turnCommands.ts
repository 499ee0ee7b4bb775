/** `chatgpt.undoLastTurn` and `chatgpt.reviewTurn`: the last checkpointed turn of the thread shown. */
import vscode = require("vscode");

import { describeError } from "../appServer/errors";
import type { TurnActions } from "../review/turnActions";

/** `actions()`: the actions for the view in front (the active panel, else the sidebar). */
export function registerTurnCommands(actions: () => TurnActions | undefined): vscode.Disposable {
  const run = async (what: (actions: TurnActions, turnId: string) => Promise<unknown>) => {
    const current = actions();
    const turnId = current?.lastCheckpointedTurn();
    if (!current || !turnId) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("No turn of this thread changed files (or checkpoints are off)."),
      );
      return;
    }
    try {
      await what(current, turnId);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand("chatgpt.undoLastTurn", () =>
      run((current, turnId) => current.undo(turnId)),
    ),
    vscode.commands.registerCommand("chatgpt.reviewTurn", () =>
      run((current, turnId) => current.review(turnId)),
    ),
  );
}
