/**
 * `@selection` and `@file.ts:10-40`: lines of a file as a selection attachment (the same chip
 * and text item as "Add Selection to Codex Thread"), at most {@link MAX_CONTEXT_TEXT} characters
 * of whole lines; a longer range ends earlier and the note says where.
 */
import { MAX_CONTEXT_TEXT } from "../../protocol/webview/contextMentions";
import { l10n } from "../l10n";
import { headLines } from "./boundedText";
import type { ContextHost } from "./host";
import type { SelectionAttachment } from "./selectionContext";

export interface LinesResult {
  attachment: SelectionAttachment | null;
  /** What was cut, or why there is nothing (localised). */
  note?: string;
}

/** `text` from `startLine` on, cut to whole lines within the budget, as an attachment. */
export function boundedSelection(
  path: string,
  startLine: number,
  endLine: number,
  text: string,
): LinesResult {
  const bounded = headLines(text, MAX_CONTEXT_TEXT);
  if (bounded.cutChars === 0) {
    return { attachment: { kind: "selection", path, startLine, endLine, text } };
  }
  const keptEnd = Math.max(startLine, endLine - bounded.cutLines);
  return {
    attachment: { kind: "selection", path, startLine, endLine: keptEnd, text: bounded.text },
    note: l10n.t(
      "Lines {0}-{1} are longer than {2} characters: attached lines {0}-{3}.",
      startLine,
      endLine,
      MAX_CONTEXT_TEXT,
      keptEnd,
    ),
  };
}

/** Lines `startLine`..`endLine` (1-based, inclusive) of the file at `path`, clamped to its end. */
export async function linesContext(
  host: Pick<ContextHost, "openDocument" | "fileUri">,
  path: string,
  startLine: number,
  endLine: number,
): Promise<LinesResult> {
  let text: string;
  try {
    text = (await host.openDocument(host.fileUri(path))).getText();
  } catch {
    return { attachment: null, note: l10n.t("Could not read {0}.", path) };
  }
  const lines = text.split(/\r?\n/);
  if (text.endsWith("\n")) lines.pop();
  if (startLine > lines.length) {
    return {
      attachment: null,
      note: l10n.t("{0} has only {1} lines.", path, lines.length),
    };
  }
  const last = Math.min(endLine, lines.length);
  return boundedSelection(path, startLine, last, lines.slice(startLine - 1, last).join("\n"));
}

/** The active editor's selection (on a saved file), or why there is none. */
export function activeSelectionContext(
  host: Pick<ContextHost, "activeEditor">,
): LinesResult & { label?: string } {
  const editor = host.activeEditor();
  if (!editor) return { attachment: null, note: l10n.t("No file is open in the editor.") };
  const { document, selection } = editor;
  if (selection.isEmpty)
    return { attachment: null, note: l10n.t("Nothing is selected in the editor.") };
  if (!["file", "vscode-remote"].includes(document.uri.scheme)) {
    return {
      attachment: null,
      note: l10n.t("Only files saved on disk can be added to a Codex thread."),
    };
  }
  const startLine = selection.start.line + 1;
  const endsAtLineStart =
    selection.end.character === 0 && selection.end.line > selection.start.line;
  const endLine = endsAtLineStart ? selection.end.line : selection.end.line + 1;
  return boundedSelection(document.uri.fsPath, startLine, endLine, document.getText(selection));
}
