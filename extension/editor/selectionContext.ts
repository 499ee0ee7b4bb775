/**
 * "Add Selection to Codex Thread" and "Add File to Codex Thread": editor state to composer
 * attachments. Attachments carry absolute paths, which codex resolves whatever its cwd.
 */
import type { Attachment } from "../../protocol/webview/messages";
import {
  type EditorFeatureDeps,
  type EditorHost,
  type PositionLike,
  type UriLike,
  isUriLike,
} from "./host";

/** The most selected text that travels inline; a larger selection is attached as its file. */
export const MAX_SELECTION_TEXT = 200_000;

export type SelectionAttachment = Extract<Attachment, { kind: "selection" }>;
export type FileAttachment = Extract<Attachment, { kind: "file" }>;

/** Schemes whose `fsPath` is a real path on the machine codex runs on. */
const FILE_SCHEMES = new Set(["file", "vscode-remote"]);

/** A file attachment for `uri`, or undefined when it is not a file on disk (untitled, git:…). */
export function fileAttachment(uri: UriLike): FileAttachment | undefined {
  if (!FILE_SCHEMES.has(uri.scheme) || uri.fsPath.length === 0) return undefined;
  return { kind: "file", path: uri.fsPath };
}

/**
 * A selection attachment (1-based, inclusive lines). A selection ending at the start of a line
 * does not include that line. Undefined for an empty selection or one too large to inline.
 */
export function selectionAttachment(
  path: string,
  selection: { start: PositionLike; end: PositionLike },
  text: string,
): SelectionAttachment | undefined {
  if (text.length === 0 || text.length > MAX_SELECTION_TEXT || path.length === 0) return undefined;
  const startLine = selection.start.line + 1;
  const endsAtLineStart =
    selection.end.character === 0 && selection.end.line > selection.start.line;
  const endLine = endsAtLineStart ? selection.end.line : selection.end.line + 1;
  return { kind: "selection", path, startLine, endLine, text };
}

/** The file attachments for an explorer invocation: the multi-selection when given, else the clicked item. */
export function explorerAttachments(clicked: unknown, selected: unknown): FileAttachment[] {
  const uris = Array.isArray(selected) && selected.length > 0 ? selected : [clicked];
  const attachments: FileAttachment[] = [];
  const seen = new Set<string>();
  for (const uri of uris) {
    if (!isUriLike(uri)) continue;
    const attachment = fileAttachment(uri);
    if (attachment && !seen.has(attachment.path)) {
      seen.add(attachment.path);
      attachments.push(attachment);
    }
  }
  return attachments;
}

type InsertDeps = Pick<EditorFeatureDeps, "insertIntoComposer">;

/**
 * `chatgpt.addToThread`: the active editor's selection; with nothing selected (or too much to
 * inline), its file.
 */
export function createAddToThreadCommand(deps: InsertDeps, host: EditorHost): () => Promise<void> {
  return async () => {
    const editor = host.activeEditor();
    if (!editor) {
      host.notify("noActiveEditor");
      return;
    }
    const { document, selection } = editor;
    const text = selection.isEmpty ? "" : document.getText(selection);
    const attachment =
      selectionAttachment(document.uri.fsPath || document.uri.toString(), selection, text) ??
      fileAttachment(document.uri);
    if (!attachment) {
      host.notify("notAFile");
      return;
    }
    await deps.insertIntoComposer([attachment]);
  };
}

/**
 * `chatgpt.addFileToThread`: from the explorer `(clicked, selected[])`, the editor title `(uri)`,
 * or the command palette (the active editor's file).
 */
export function createAddFileToThreadCommand(
  deps: InsertDeps,
  host: EditorHost,
): (clicked?: unknown, selected?: unknown) => Promise<void> {
  return async (clicked, selected) => {
    let attachments = explorerAttachments(clicked, selected);
    if (attachments.length === 0 && clicked === undefined) {
      const editor = host.activeEditor();
      if (!editor) {
        host.notify("noActiveEditor");
        return;
      }
      const attachment = fileAttachment(editor.document.uri);
      attachments = attachment ? [attachment] : [];
    }
    if (attachments.length === 0) {
      host.notify("notAFile");
      return;
    }
    await deps.insertIntoComposer(attachments);
  };
}
