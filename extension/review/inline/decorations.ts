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

interface DecorationTypes {
  added: vscode.TextEditorDecorationType;
  modified: vscode.TextEditorDecorationType;
  removed: vscode.TextEditorDecorationType;
  /** Removed lines at the end of a file: the line sits under the last line. */
  removedAtEnd: vscode.TextEditorDecorationType;
}

function createTypes(): DecorationTypes {
  return {
    added: changedLines("editorGutter.addedBackground", "editorOverviewRuler.addedForeground"),
    modified: changedLines(
      "editorGutter.modifiedBackground",
      "editorOverviewRuler.modifiedForeground",
    ),
    removed: removedLines("2px 0 0 0"),
    removedAtEnd: removedLines("0 0 2px 0"),
  };
}

export class HunkDecorations implements vscode.Disposable {
  /** Made with the first hunk to draw, not at activation (each is a call into the workbench). */
  private types: DecorationTypes | undefined;
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
    // Nothing drawn yet anywhere: nothing to draw or clear.
    if (hunks.length === 0 && !this.types) return;
    const types = (this.types ??= createTypes());
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>([
      [types.added, []],
      [types.modified, []],
      [types.removed, []],
      [types.removedAtEnd, []],
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
        byType.get(atEnd ? types.removedAtEnd : types.removed)!.push({
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
      byType.get(kind === "added" ? types.added : types.modified)!.push({
        range,
        ...(hoverMessage ? { hoverMessage } : {}),
      });
    }
    for (const [type, options] of byType) editor.setDecorations(type, options);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const type of Object.values(this.types ?? {})) type.dispose();
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
