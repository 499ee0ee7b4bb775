/**
 * The commands of inline review: Keep / Undo (with an optional comment) on the hunk under the
 * cursor or a lens's hunk, Keep all / Undo all of a file or a turn, and next/previous change
 * across the files with pending changes.
 */
import vscode = require("vscode");

import { hunkAt, type Hunk } from "./hunks";
import type { InlineReview } from "./inlineReview";
import type { PendingFile } from "./pendingChanges";

export const HUNK_COMMANDS = {
  keep: "chatgpt.keepChange",
  undo: "chatgpt.undoChange",
  comment: "chatgpt.commentOnChange",
  keepFile: "chatgpt.keepFileChanges",
  undoFile: "chatgpt.undoFileChanges",
  keepTurn: "chatgpt.keepTurnChanges",
  undoTurn: "chatgpt.undoTurnChanges",
  next: "chatgpt.nextChange",
  previous: "chatgpt.previousChange",
} as const;

/** A lens's hunk: the document and the hunk's first line when the lens was made. */
export interface HunkTarget {
  uri: string;
  line: number;
}

interface Located {
  document: vscode.TextDocument;
  hunk: Hunk;
}

function isTarget(value: unknown): value is HunkTarget {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as HunkTarget).uri === "string" &&
    typeof (value as HunkTarget).line === "number"
  );
}

export function registerHunkCommands(review: InlineReview): vscode.Disposable {
  const locate = (target: unknown): Located | undefined => {
    let document: vscode.TextDocument | undefined;
    let line: number;
    if (isTarget(target)) {
      document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri);
      line = target.line;
    } else {
      const editor = vscode.window.activeTextEditor;
      document = editor?.document;
      line = editor?.selection.active.line ?? 0;
    }
    if (!document) return undefined;
    const hunks = review.hunks(document);
    const hunk = hunks.find((h) => h.currentStart === line) ?? hunkAt(hunks, line);
    if (!hunk) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("There is no pending Codex change at the cursor."),
      );
      return undefined;
    }
    return { document, hunk };
  };

  const fileOf = (arg: unknown): PendingFile | undefined => {
    // A tree item is the PendingFile itself; the editor title menu passes the file's Uri.
    if (!(arg instanceof vscode.Uri) && arg && typeof arg === "object" && "path" in arg) {
      return typeof arg.path === "string" ? review.pending.get(arg.path) : undefined;
    }
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    return uri ? review.pending.get(uri.fsPath) : undefined;
  };

  const undoFiles = async (files: PendingFile[]): Promise<void> => {
    const notInline: string[] = [];
    for (const file of files) {
      if (!(await review.undoFile(file)))
        notInline.push(vscode.workspace.asRelativePath(file.path));
    }
    if (notInline.length > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Not undone here (binary, too large or deleted): {0}. Use Undo turn in the Codex chat to restore them.",
          notInline.join(", "),
        ),
      );
    }
  };

  const pickTurn = async (arg: unknown): Promise<string | undefined> => {
    if (typeof arg === "string") return arg;
    const turns = review.pending.turns();
    if (turns.length <= 1) return turns[0]?.turnId;
    const picked = await vscode.window.showQuickPick(
      turns.map((turn, index) => ({
        label: vscode.l10n.t("Turn {0}", index + 1),
        description: review.pending
          .filesOfTurn(turn.turnId)
          .map((file) => vscode.workspace.asRelativePath(file.path))
          .join(", "),
        turnId: turn.turnId,
      })),
      { placeHolder: vscode.l10n.t("Which turn's changes?") },
    );
    return picked?.turnId;
  };

  const comment = async (target: unknown): Promise<void> => {
    const located = locate(target);
    if (!located) return;
    const keep = vscode.l10n.t("Keep with a comment");
    const undo = vscode.l10n.t("Undo with a comment");
    const choice = await vscode.window.showQuickPick([keep, undo], {
      placeHolder: vscode.l10n.t("Keep or undo this change?"),
    });
    if (!choice) return;
    const text = await vscode.window.showInputBox({
      prompt: vscode.l10n.t("A one-line note to Codex, sent with your next message"),
      placeHolder: vscode.l10n.t("e.g. keep the old name, it is used by the API"),
    });
    if (text === undefined) return;
    // The hunk may have moved while the user typed.
    const again = locate({ uri: located.document.uri.toString(), line: located.hunk.currentStart });
    if (!again) return;
    if (choice === keep) review.keepHunk(again.document, again.hunk, text);
    else await review.undoHunk(again.document, again.hunk, text);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(HUNK_COMMANDS.keep, (target?: unknown) => {
      const located = locate(target);
      if (located) review.keepHunk(located.document, located.hunk);
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.undo, async (target?: unknown) => {
      const located = locate(target);
      if (located) await review.undoHunk(located.document, located.hunk);
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.comment, comment),
    vscode.commands.registerCommand(HUNK_COMMANDS.keepFile, async (arg?: unknown) => {
      const file = fileOf(arg);
      if (file) await review.keepFile(file);
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.undoFile, async (arg?: unknown) => {
      const file = fileOf(arg);
      if (file) await undoFiles([file]);
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.keepTurn, async (arg?: unknown) => {
      const turnId = await pickTurn(arg);
      if (!turnId) return;
      for (const file of review.pending.filesOfTurn(turnId)) await review.keepFile(file);
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.undoTurn, async (arg?: unknown) => {
      const turnId = await pickTurn(arg);
      if (turnId) await undoFiles(review.pending.filesOfTurn(turnId));
    }),
    vscode.commands.registerCommand(HUNK_COMMANDS.next, () => navigate(review, 1)),
    vscode.commands.registerCommand(HUNK_COMMANDS.previous, () => navigate(review, -1)),
  );
}

/** Moves the cursor to the next (or previous) hunk, on to the next file with hunks. */
async function navigate(review: InlineReview, direction: 1 | -1): Promise<void> {
  const files = review.pending
    .list()
    .filter((file) => file.baseline !== null)
    .map((file) => file.path)
    .sort();
  if (files.length === 0) return;
  const editor = vscode.window.activeTextEditor;
  const here = editor?.document.uri.fsPath;
  const startIndex = here === undefined ? -1 : files.indexOf(here);
  if (editor && startIndex >= 0) {
    const line = editor.selection.active.line;
    const starts = review.hunks(editor.document).map((hunk) => lensLine(editor.document, hunk));
    const target =
      direction === 1
        ? starts.find((start) => start > line)
        : starts.reverse().find((s) => s < line);
    if (target !== undefined) return reveal(editor, target);
  }
  // On to the next file (wrapping around, back to this one's first or last hunk).
  for (let step = 1; step <= files.length; step++) {
    const index =
      ((((startIndex < 0 ? (direction === 1 ? -1 : 0) : startIndex) + direction * step) %
        files.length) +
        files.length) %
      files.length;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(files[index]!));
    const starts = review.hunks(document).map((hunk) => lensLine(document, hunk));
    if (starts.length === 0) continue;
    const shown = await vscode.window.showTextDocument(document);
    return reveal(shown, direction === 1 ? starts[0]! : starts.at(-1)!);
  }
}

function lensLine(document: vscode.TextDocument, hunk: Hunk): number {
  return Math.min(hunk.currentStart, Math.max(0, document.lineCount - 1));
}

function reveal(editor: vscode.TextEditor, line: number): void {
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(
    new vscode.Range(position, position),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
}
