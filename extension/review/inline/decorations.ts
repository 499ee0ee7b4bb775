/**
 * Codex's pending hunks drawn in the visible editors: added and changed lines get the diff
 * editor's line backgrounds and a bar in the gutter-side colours of VS Code's own change
 * markers (theme colours, so every theme fits); a removal is a line across where the lines were.
 * Hovering a changed or removed hunk shows the lines as they were before.
 */
import vscode = require("vscode");

import { hunkKind, splitLines, type Hunk } from "./hunks";
import type { InlineReview } from "./inlineReview";

/** Lines of the old text shown in a hover; the rest is summarised. */
const HOVER_LINES = 20;

const color = (id: string) => new vscode.ThemeColor(id);

/** Added or changed lines: the diff editor's background, a bar in the change-marker colour. */
function changedLines(barColor: string, rulerColor: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: color("diffEditor.insertedLineBackground"),
    borderColor: color(barColor),
    borderStyle: "solid",
    borderWidth: "0 0 0 3px",
    overviewRulerColor: color(rulerColor),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
}

/** Removed lines: a line in the deleted-marker colour above (or, at the end, below) a line. */
function removedLines(borderWidth: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderColor: color("editorGutter.deletedBackground"),
    borderStyle: "solid",
    borderWidth,
    overviewRulerColor: color("editorOverviewRuler.deletedForeground"),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
}

export class HunkDecorations implements vscode.Disposable {
  private readonly added = changedLines(
    "editorGutter.addedBackground",
    "editorOverviewRuler.addedForeground",
  );
  private readonly modified = changedLines(
    "editorGutter.modifiedBackground",
    "editorOverviewRuler.modifiedForeground",
  );
  private readonly removed = removedLines("2px 0 0 0");
  /** Removed lines at the end of a file: the line sits under the last line. */
  private readonly removedAtEnd = removedLines("0 0 2px 0");
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly review: InlineReview) {
    this.subscriptions = [
      review.onDidChange(() => this.redraw()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    ];
    this.redraw();
  }

  redraw(): void {
    for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
  }

  private draw(editor: vscode.TextEditor): void {
    const document = editor.document;
    const hunks = document.uri.scheme === "file" ? this.review.hunks(document) : [];
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>([
      [this.added, []],
      [this.modified, []],
      [this.removed, []],
      [this.removedAtEnd, []],
    ]);
    const lastLine = Math.max(0, document.lineCount - 1);
    for (const hunk of hunks) {
      const kind = hunkKind(hunk);
      const hoverMessage = kind === "added" ? undefined : beforeHover(hunk, document.languageId);
      if (kind === "removed") {
        const atEnd = hunk.currentStart > lastLine || isEmptyLastLine(document, hunk);
        const line = atEnd
          ? Math.max(0, Math.min(hunk.currentStart - 1, lastLine))
          : hunk.currentStart;
        byType.get(atEnd ? this.removedAtEnd : this.removed)!.push({
          range: new vscode.Range(line, 0, line, 0),
          ...(hoverMessage ? { hoverMessage } : {}),
        });
        continue;
      }
      const range = new vscode.Range(
        hunk.currentStart,
        0,
        Math.max(hunk.currentStart, hunk.currentEnd - 1),
        0,
      );
      byType.get(kind === "added" ? this.added : this.modified)!.push({
        range,
        ...(hoverMessage ? { hoverMessage } : {}),
      });
    }
    for (const [type, options] of byType) editor.setDecorations(type, options);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.added.dispose();
    this.modified.dispose();
    this.removed.dispose();
    this.removedAtEnd.dispose();
  }
}

/** The document's last line is the empty one after a final newline: nothing to draw on. */
function isEmptyLastLine(document: vscode.TextDocument, hunk: Hunk): boolean {
  return (
    hunk.currentStart === document.lineCount - 1 && document.lineAt(hunk.currentStart).text === ""
  );
}

function beforeHover(hunk: Hunk, languageId: string): vscode.MarkdownString {
  const lines = splitLines(hunk.beforeText);
  const shown = lines
    .slice(0, HOVER_LINES)
    .join("")
    .replace(/\r?\n$/, "");
  const markdown = new vscode.MarkdownString();
  markdown.appendText(vscode.l10n.t("Before Codex's change:"));
  markdown.appendCodeblock(shown, languageId);
  if (lines.length > HOVER_LINES) {
    markdown.appendText(vscode.l10n.t("… and {0} more lines", lines.length - HOVER_LINES));
  }
  return markdown;
}
