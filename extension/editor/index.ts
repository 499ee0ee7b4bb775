/**
 * The editor integration: the TODO CodeLens and the commands `chatgpt.implementTodo`,
 * `chatgpt.addToThread` and `chatgpt.addFileToThread`, plus the @-mention file index, the
 * editor's context as `@` mentions (with the terminal recorder @terminal needs from the start)
 * and the active-editor tracker behind the composer's context toggle.
 */
import vscode = require("vscode");

import { explainRestrictedMode } from "../workspaceTrust";
import { EditorContextTracker } from "./editorContextTracker";
import { FileMentionIndex } from "./fileMentions";
import type { EditorFeatureDeps, UriLike } from "./host";
import { createImplementTodoCommand } from "./implementTodo";
import { createAddFileToThreadCommand, createAddToThreadCommand } from "./selectionContext";
import { IMPLEMENT_TODO_COMMAND, TodoCodeLensProvider } from "./todoCodeLens";
import { describeContextMentions, resolveContextMention } from "./contextMentions";
import { TerminalRecorder } from "./terminalRecorder";
import { createProblemCommand } from "./problemActions";
import {
  EXPLAIN_PROBLEM_COMMAND,
  FIX_PROBLEM_COMMAND,
  ProblemCodeActionProvider,
} from "./problemCodeActions";
import {
  recordTerminalCommands,
  vscodeContextHost,
  vscodeEditorHost,
  workspaceFileSource,
} from "./vscodeHost";
import type { ContextMentions } from "../bridge/handlers/context";

export type { EditorFeatureDeps } from "./host";

export interface EditorFeatures {
  /** Workspace files for @-mentions; listed on the first search, then kept up to date. */
  fileMentions: FileMentionIndex;
  /** The active editor, for the composer's "include editor context" toggle. */
  editorContext: EditorContextTracker;
  /** `@problems`, `@terminal`, `@changes`, `@selection` and line ranges in the composer. */
  contextMentions: ContextMentions;
}

/**
 * "Implement with Codex" asks Codex to change files, which Restricted Mode does not allow: in an
 * untrusted folder the command says so and offers VS Code's trust dialog instead.
 */
function onlyInTrustedWorkspace<A extends unknown[]>(
  command: (...args: A) => unknown,
  title = vscode.l10n.t("Implement with Codex"),
): (...args: A) => unknown {
  return (...args: A) => {
    if (vscode.workspace.isTrusted) return command(...args);
    explainRestrictedMode(title);
    return undefined;
  };
}

/** The diagnostics on `line` of the document at `uri`, errors first. */
function diagnosticsAt(uri: UriLike, line: number): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri as vscode.Uri)
    .filter(
      (diagnostic) => diagnostic.range.start.line <= line && diagnostic.range.end.line >= line,
    )
    .sort((a, b) => a.severity - b.severity);
}

/** Registers the editor features; everything registered is disposed with the extension. */
export function registerEditorFeatures(
  context: vscode.ExtensionContext,
  deps: EditorFeatureDeps,
): EditorFeatures {
  const codeLens = new TodoCodeLensProvider();
  const fileMentions = new FileMentionIndex(workspaceFileSource);
  const editorContext = new EditorContextTracker();
  const terminals = new TerminalRecorder<vscode.Terminal>();
  const contextHost = vscodeContextHost(terminals);
  context.subscriptions.push(
    recordTerminalCommands(terminals),
    codeLens,
    fileMentions,
    editorContext,
    vscode.languages.registerCodeLensProvider(
      [{ scheme: "file" }, { scheme: "untitled" }, { scheme: "vscode-remote" }],
      codeLens,
    ),
    vscode.commands.registerCommand(
      IMPLEMENT_TODO_COMMAND,
      onlyInTrustedWorkspace(createImplementTodoCommand(deps, vscodeEditorHost)),
    ),
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: "file" }, { scheme: "untitled" }, { scheme: "vscode-remote" }],
      new ProblemCodeActionProvider(),
      ProblemCodeActionProvider.metadata,
    ),
    vscode.commands.registerCommand(
      FIX_PROBLEM_COMMAND,
      onlyInTrustedWorkspace(
        createProblemCommand("fix", deps, vscodeEditorHost, diagnosticsAt),
        vscode.l10n.t("Fix with Codex"),
      ),
    ),
    vscode.commands.registerCommand(
      EXPLAIN_PROBLEM_COMMAND,
      createProblemCommand("explain", deps, vscodeEditorHost, diagnosticsAt),
    ),
    vscode.commands.registerCommand(
      "chatgpt.addToThread",
      createAddToThreadCommand(deps, vscodeEditorHost),
    ),
    vscode.commands.registerCommand(
      "chatgpt.addFileToThread",
      createAddFileToThreadCommand(deps, vscodeEditorHost),
    ),
  );
  return {
    fileMentions,
    editorContext,
    contextMentions: {
      describe: (query) => describeContextMentions(contextHost, query),
      resolve: (params) => resolveContextMention(contextHost, params),
    },
  };
}
