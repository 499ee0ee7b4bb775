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
import type { EditorFeatureDeps } from "./host";
import { createImplementTodoCommand } from "./implementTodo";
import { createAddFileToThreadCommand, createAddToThreadCommand } from "./selectionContext";
import { IMPLEMENT_TODO_COMMAND, TodoCodeLensProvider } from "./todoCodeLens";
import { describeContextMentions, resolveContextMention } from "./contextMentions";
import { TerminalRecorder } from "./terminalRecorder";
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
): (...args: A) => unknown {
  return (...args: A) => {
    if (vscode.workspace.isTrusted) return command(...args);
    explainRestrictedMode(vscode.l10n.t("Implement with Codex"));
    return undefined;
  };
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
