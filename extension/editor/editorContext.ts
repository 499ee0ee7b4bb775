/**
 * The composer's "include editor context" toggle: what the host tells the webview about the
 * active editor (paths and line numbers only, never file contents), and the attachment it builds
 * from the same editor when the message is sent.
 */
import type { Attachment } from "../../protocol/webview/messages";
import type { EditorContextView } from "../../protocol/webview/viewModel";
import type { EditorLike, UriLike } from "./host";
import { fileAttachment, selectionAttachment } from "./selectionContext";

export const NO_EDITOR_CONTEXT: EditorContextView = { activeFile: null, selection: null };

/** 1-based inclusive lines of a selection; one ending at the start of a line excludes that line. */
export function selectionLines(selection: EditorLike["selection"]): {
  startLine: number;
  endLine: number;
} {
  const start = selection.start.line + 1;
  const endsAtLineStart =
    selection.end.character === 0 && selection.end.line > selection.start.line;
  return {
    startLine: start,
    endLine: endsAtLineStart ? selection.end.line : selection.end.line + 1,
  };
}

/** The view of `editor` for the webview; no file (untitled, git:…) means no context. */
export function editorContextView(
  editor: EditorLike | undefined,
  relativePath: (uri: UriLike) => string,
): EditorContextView {
  const file = editor ? fileAttachment(editor.document.uri) : undefined;
  if (!editor || !file) return NO_EDITOR_CONTEXT;
  return {
    activeFile: { path: file.path, label: relativePath(editor.document.uri) },
    selection: editor.selection.isEmpty
      ? null
      : { path: file.path, ...selectionLines(editor.selection) },
  };
}

/** The attachment for `editor` now: its selection (with the text), else its file. */
export function editorContextAttachment(editor: EditorLike | undefined): Attachment | undefined {
  const file = editor ? fileAttachment(editor.document.uri) : undefined;
  if (!editor || !file) return undefined;
  if (!editor.selection.isEmpty) {
    const text = editor.document.getText(editor.selection);
    const selection = selectionAttachment(file.path, editor.selection, text);
    if (selection) return selection;
  }
  return file;
}

/** Calls `fn` once `delayMs` after the last call (with the last arguments). */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  delayMs: number,
): ((...args: A) => void) & { cancel(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    const args = pending;
    pending = undefined;
    if (args) fn(...args);
  };
  const debounced = (...args: A) => {
    pending = args;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  debounced.flush = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  return debounced;
}
