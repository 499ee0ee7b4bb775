/**
 * "Implement with Codex" above each TODO and FIXME comment of the visible editors. Scans are
 * cached per document version; the setting `chatgpt.commentCodeLensEnabled` takes effect at once.
 */
import vscode = require("vscode");

import { SETTINGS } from "../config/settings";
import { setting } from "../config/vscodeSettings";
import { type TodoComment, findTodoComments } from "./todo/index";

export const CODE_LENS_SETTING = SETTINGS.commentCodeLensEnabled.key;
export const IMPLEMENT_TODO_COMMAND = "chatgpt.implementTodo";

/** Larger documents (generated files, logs) get no lenses. */
const MAX_SCANNED_CHARS = 5_000_000;

/**
 * True when `document` is the active tab of some editor group as a plain text editor: never in a
 * diff editor (reviewing Codex's change) or a patch document, where "Implement with Codex" would
 * only be noise.
 */
export function shownAsPlainEditor(document: vscode.TextDocument): boolean {
  if (document.languageId === "diff") return false;
  const uri = document.uri.toString();
  return vscode.window.tabGroups.all.some((group) => {
    const input = group.activeTab?.input;
    return input instanceof vscode.TabInputText && input.uri.toString() === uri;
  });
}

export class TodoCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly cache = new Map<string, { version: number; todos: TodoComment[] }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(CODE_LENS_SETTING)) this.changed.fire();
      }),
      // Off in Restricted Mode; trusting the folder brings the lenses back without a reload.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      // A document that becomes visible gets its lenses now, not on its next edit.
      vscode.window.onDidChangeVisibleTextEditors(() => this.changed.fire()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((document) =>
        this.cache.delete(document.uri.toString()),
      ),
    ];
  }

  private get enabled(): boolean {
    return vscode.workspace.isTrusted && setting("commentCodeLensEnabled");
  }

  provideCodeLenses(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): vscode.CodeLens[] {
    if (!this.enabled || token.isCancellationRequested) return [];
    if (!shownAsPlainEditor(document)) return [];
    const todos = this.todosOf(document);
    if (token.isCancellationRequested) return [];
    const title = vscode.l10n.t("Implement with Codex");
    const tooltip = vscode.l10n.t("Start a new Codex thread that implements this comment");
    return todos.map((todo) => {
      const range = new vscode.Range(
        todo.range.start.line,
        todo.range.start.character,
        todo.range.end.line,
        todo.range.end.character,
      );
      return new vscode.CodeLens(range, {
        title,
        tooltip,
        command: IMPLEMENT_TODO_COMMAND,
        arguments: [{ uri: document.uri, line: todo.line }],
      });
    });
  }

  private todosOf(document: vscode.TextDocument): TodoComment[] {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.todos;
    const text = document.getText();
    const todos =
      text.length > MAX_SCANNED_CHARS ? [] : findTodoComments(text, document.languageId);
    this.cache.set(key, { version: document.version, todos });
    return todos;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.cache.clear();
  }
}
