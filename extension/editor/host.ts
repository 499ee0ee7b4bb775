/**
 * The slice of VS Code the editor commands use, as plain interfaces: `vscode.TextEditor`,
 * `TextDocument` and `Uri` satisfy them structurally, so the command handlers take a host and
 * unit tests pass a fake. The real host (with the localised messages) is `vscodeHost.ts`.
 */
import type { Attachment } from "../../protocol/webview/messages";

export interface UriLike {
  readonly scheme: string;
  readonly fsPath: string;
  toString(): string;
}

export interface PositionLike {
  readonly line: number;
  readonly character: number;
}

export interface SelectionLike {
  readonly start: PositionLike;
  readonly end: PositionLike;
  readonly active: PositionLike;
  readonly isEmpty: boolean;
}

export interface DocumentLike {
  readonly uri: UriLike;
  readonly languageId: string;
  readonly version: number;
  getText(range?: { start: PositionLike; end: PositionLike }): string;
}

export interface EditorLike {
  readonly document: DocumentLike;
  readonly selection: SelectionLike;
}

/** What the commands tell the user; the host turns each into a localised message. */
export type EditorNotice = "noTodoUnderCursor" | "todoNotFound" | "noActiveEditor" | "notAFile";

export interface EditorHost {
  activeEditor(): EditorLike | undefined;
  openDocument(uri: UriLike): Promise<DocumentLike>;
  /** The path shown to the user and the model: relative to its workspace folder when inside one. */
  relativePath(uri: UriLike): string;
  notify(notice: EditorNotice): void;
}

/** What the editor features need from the rest of the extension. */
export interface EditorFeatureDeps {
  /** Reveal the Codex sidebar. */
  openSidebar(): Promise<void>;
  /** Start a new thread and send `text` with `attachments` as its first message. */
  startNewThreadWithPrompt(text: string, attachments: Attachment[]): Promise<void>;
  /** Reveal the sidebar and put `attachments` into the composer (`composer/insert`), focused. */
  insertIntoComposer(attachments: Attachment[]): Promise<void>;
}

export function isUriLike(value: unknown): value is UriLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as UriLike).scheme === "string" &&
    typeof (value as UriLike).fsPath === "string"
  );
}
