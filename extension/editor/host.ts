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
export type EditorNotice =
  "noTodoUnderCursor" | "todoNotFound" | "noActiveEditor" | "notAFile" | "noProblemUnderCursor";

export interface EditorHost {
  activeEditor(): EditorLike | undefined;
  openDocument(uri: UriLike): Promise<DocumentLike>;
  /** The path shown to the user and the model: relative to its workspace folder when inside one. */
  relativePath(uri: UriLike): string;
  notify(notice: EditorNotice): void;
}

/** A `vscode.Diagnostic` as the @problems builder reads it. */
export interface DiagnosticLike {
  readonly range: { readonly start: PositionLike };
  readonly message: string;
  /** `vscode.DiagnosticSeverity`: 0 error, 1 warning, 2 information, 3 hint. */
  readonly severity: number;
  readonly source?: string;
  readonly code?: string | number | { readonly value: string | number };
}

/** The working tree as the Git extension reports it (extension/editor/changesContext.ts). */
export type GitChanges =
  | { kind: "gitUnavailable" }
  | { kind: "notRepository" }
  | { kind: "changes"; root: string; staged: string; unstaged: string; untracked: string[] };

export type GitSummary =
  | { kind: "gitUnavailable" }
  | { kind: "notRepository" }
  | { kind: "repository"; root: string; changedFiles: number };

/**
 * The editor's context the composer's `@problems`, `@terminal`, `@changes`, `@selection` and
 * line ranges read (extension/editor/contextMentions.ts); `vscodeContextHost` in vscodeHost.ts.
 */
export interface ContextHost extends Pick<
  EditorHost,
  "activeEditor" | "openDocument" | "relativePath"
> {
  diagnostics(): ReadonlyArray<readonly [UriLike, readonly DiagnosticLike[]]>;
  terminal(): TerminalSnapshot;
  /** Cheap (no diff): for the `@` menu's description, read on every `@`. */
  gitSummary(): Promise<GitSummary>;
  gitChanges(): Promise<GitChanges>;
  /** The URI of an absolute path on disk. */
  fileUri(path: string): UriLike;
}

/** A finished (or still running) command of a terminal, its output's tail as it streamed. */
export interface CommandRecord {
  commandLine: string;
  cwd: string | undefined;
  /** The output's last characters, escape sequences and all. */
  output: string;
  /** How many characters of output came before `output` and were dropped. */
  cutChars: number;
  exitCode: number | undefined;
  running: boolean;
}

/** The active terminal as @terminal sees it. */
export type TerminalSnapshot =
  | { kind: "noTerminal" }
  | { kind: "noShellIntegration"; name: string }
  | { kind: "noCommand"; name: string }
  | { kind: "command"; name: string; command: CommandRecord };

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
