/**
 * The editor side of the pending change set: hunks of open documents (cached per version),
 * Keep/Undo applied to real documents (Undo through a WorkspaceEdit, so Ctrl+Z takes it back;
 * a file that was saved is saved again), and a change event, debounced while the user types,
 * that redraws decorations, lenses and the tree.
 */
import vscode = require("vscode");

import type { Scheduler } from "../../bridge/eventBatcher";
import { hunkAt, type Hunk, type TextReplacement } from "./hunks";
import type { PendingChanges, PendingFile, TurnFile } from "./pendingChanges";

/** Typing pauses this long before decorations and lenses follow the text. */
const REFRESH_DELAY_MS = 150;

export class InlineReview implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Decorations, lenses and the tree listen here. */
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, { version: number; hunks: Hunk[] }>();
  private readonly timers = new Map<string, unknown>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly pending: PendingChanges,
    private readonly scheduler: Scheduler,
  ) {
    this.subscriptions = [
      this.changed,
      pending.onDidChange(() => {
        this.cache.clear();
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        if (this.pending.get(event.document.uri.fsPath)) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.fsPath)),
    ];
  }

  /** A turn finished; its text files' hunks show in their editors. */
  addTurnChanges(threadId: string, turnId: string, files: readonly TurnFile[]): void {
    this.pending.addTurnChanges(threadId, turnId, files);
  }

  /** The hunks left to decide in `document` (cached per version). */
  hunks(document: vscode.TextDocument): Hunk[] {
    const path = document.uri.fsPath;
    const cached = this.cache.get(path);
    if (cached && cached.version === document.version) return cached.hunks;
    const hunks = this.pending.hunks(path, document.getText());
    this.cache.set(path, { version: document.version, hunks });
    return hunks;
  }

  hunkAtLine(document: vscode.TextDocument, line: number): Hunk | undefined {
    return hunkAt(this.hunks(document), line);
  }

  keepHunk(document: vscode.TextDocument, hunk: Hunk, comment?: string): void {
    this.pending.keepHunk(document.uri.fsPath, document.getText(), hunk, comment);
  }

  async undoHunk(document: vscode.TextDocument, hunk: Hunk, comment?: string): Promise<void> {
    const edit = this.pending.undoHunk(document.uri.fsPath, document.getText(), hunk, comment);
    await this.apply(document, edit);
  }

  async keepFile(file: PendingFile): Promise<void> {
    const document = file.baseline === null ? undefined : await this.open(file);
    this.pending.keepFile(file.path, document ? document.getText() : null);
  }

  /** False when the file cannot be undone inline (binary, too large, deleted, unreadable). */
  async undoFile(file: PendingFile): Promise<boolean> {
    const document = file.baseline === null ? undefined : await this.open(file);
    if (!document) return false;
    const text = document.getText();
    const baseline = this.pending.undoFile(file.path, text);
    if (baseline === null) return false;
    await this.apply(document, { start: 0, end: text.length, text: baseline });
    return true;
  }

  dispose(): void {
    for (const handle of this.timers.values()) this.scheduler.clearTimeout(handle);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Applies an edit as the user would (undoable); saves it if the file had no unsaved edits. */
  private async apply(document: vscode.TextDocument, edit: TextReplacement): Promise<void> {
    const wasSaved = !document.isDirty;
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(
      document.uri,
      new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
      edit.text,
    );
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
      throw new Error(vscode.l10n.t("The change could not be applied to {0}.", document.fileName));
    }
    if (wasSaved) await document.save();
    this.settle(document);
  }

  private async open(file: PendingFile): Promise<vscode.TextDocument | undefined> {
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.file(file.path));
    } catch {
      return undefined;
    }
  }

  private schedule(document: vscode.TextDocument): void {
    const path = document.uri.fsPath;
    const previous = this.timers.get(path);
    if (previous !== undefined) this.scheduler.clearTimeout(previous);
    this.timers.set(
      path,
      this.scheduler.setTimeout(() => this.settle(document), REFRESH_DELAY_MS),
    );
  }

  /** The document's text settled: a file with nothing left to decide leaves the set. */
  private settle(document: vscode.TextDocument): void {
    const path = document.uri.fsPath;
    const timer = this.timers.get(path);
    if (timer !== undefined) this.scheduler.clearTimeout(timer);
    this.timers.delete(path);
    this.cache.delete(path);
    this.pending.refresh(path, document.getText());
    this.changed.fire();
  }
}
