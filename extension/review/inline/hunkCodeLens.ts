/**
 * Keep / Undo / Comment… above each pending hunk, in plain editors only (never in a diff or
 * patch view, where the lenses would point at the wrong side).
 */
import vscode = require("vscode");

import { shownAsPlainEditor } from "../../editor/todoCodeLens";
import { HUNK_COMMANDS, type HunkTarget } from "./hunkCommands";
import type { InlineReview } from "./inlineReview";

export class HunkCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly review: InlineReview) {
    this.subscriptions = [this.changed, review.onDidChange(() => this.changed.fire())];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.review.pending.get(document.uri.fsPath)) return [];
    if (!shownAsPlainEditor(document)) return [];
    const lastLine = Math.max(0, document.lineCount - 1);
    return this.review.hunks(document).flatMap((hunk) => {
      const line = Math.min(hunk.currentStart, lastLine);
      const range = new vscode.Range(line, 0, line, 0);
      const target: HunkTarget = { uri: document.uri.toString(), line: hunk.currentStart };
      return [
        new vscode.CodeLens(range, {
          title: `$(check) ${vscode.l10n.t("Keep")}`,
          tooltip: vscode.l10n.t("Keep this change by Codex"),
          command: HUNK_COMMANDS.keep,
          arguments: [target],
        }),
        new vscode.CodeLens(range, {
          title: `$(discard) ${vscode.l10n.t("Undo")}`,
          tooltip: vscode.l10n.t("Undo this change by Codex (Ctrl+Z brings it back)"),
          command: HUNK_COMMANDS.undo,
          arguments: [target],
        }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t("Comment…"),
          tooltip: vscode.l10n.t("Keep or undo this change with a note to Codex"),
          command: HUNK_COMMANDS.comment,
          arguments: [target],
        }),
      ];
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
