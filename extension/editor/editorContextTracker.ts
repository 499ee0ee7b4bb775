/**
 * Follows the active text editor for the composer's context toggle. Focusing a webview (a Codex
 * panel in the editor area) clears `activeTextEditor`; the last editor stays the context while
 * it is still visible, so "this file" still means the file the user was just looking at.
 */
import vscode = require("vscode");

import type { Attachment } from "../../protocol/webview/messages";
import type { EditorContextView } from "../../protocol/webview/viewModel";
import { debounce, editorContextAttachment, editorContextView } from "./editorContext";

const UPDATE_DELAY_MS = 150;

export class EditorContextTracker implements vscode.Disposable {
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private view: EditorContextView;
  private readonly emitter = new vscode.EventEmitter<EditorContextView>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidChange = this.emitter.event;
  private readonly update = debounce(() => this.publish(), UPDATE_DELAY_MS);

  constructor() {
    this.view = this.compute();
    this.subscriptions.push(
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.editor = editor;
        else if (!this.stillVisible()) this.editor = undefined;
        this.update();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (
          event.textEditor === vscode.window.activeTextEditor ||
          event.textEditor === this.editor
        ) {
          this.editor = event.textEditor;
          this.update();
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => {
        if (!vscode.window.activeTextEditor && !this.stillVisible()) this.editor = undefined;
        this.update();
      }),
    );
  }

  /** Paths and lines only; what the webview shows. */
  get current(): EditorContextView {
    return this.view;
  }

  /** Read at send time: the selection with its text, or the file. */
  async attachment(): Promise<Attachment | undefined> {
    if (this.editor && !this.stillVisible() && this.editor !== vscode.window.activeTextEditor) {
      this.editor = vscode.window.activeTextEditor;
    }
    return editorContextAttachment(this.editor);
  }

  private stillVisible(): boolean {
    const editor = this.editor;
    return !!editor && vscode.window.visibleTextEditors.includes(editor);
  }

  private compute(): EditorContextView {
    return editorContextView(this.editor, (uri) =>
      vscode.workspace.asRelativePath(uri as vscode.Uri, false),
    );
  }

  private publish(): void {
    const next = this.compute();
    if (JSON.stringify(next) === JSON.stringify(this.view)) return;
    this.view = next;
    this.emitter.fire(next);
  }

  dispose(): void {
    this.update.cancel();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}
