/**
 * The VS Code side of the editor features: the {@link EditorHost} with its localised messages,
 * the workspace {@link FileSource} for @-mentions, and the {@link ContextHost} behind
 * `@problems`, `@terminal`, `@changes` and `@selection`.
 */
import vscode = require("vscode");

import { CreatedFolders } from "./createdFolders";
import { enabledPatterns, excludedBy } from "./excludePatterns";
import type { FileSource } from "./fileMentions";
import type { ContextHost, EditorHost, EditorNotice } from "./host";
import type { TerminalRecorder } from "./terminalRecorder";

function noticeText(notice: EditorNotice): string {
  switch (notice) {
    case "noTodoUnderCursor":
      return vscode.l10n.t("There is no TODO or FIXME comment under the cursor.");
    case "todoNotFound":
      return vscode.l10n.t("That TODO comment is no longer there.");
    case "noActiveEditor":
      return vscode.l10n.t("Open a file in the editor first.");
    case "notAFile":
      return vscode.l10n.t("Only files saved on disk can be added to a Codex thread.");
    case "noProblemUnderCursor":
      return vscode.l10n.t("There is no problem under the cursor.");
  }
}

export const vscodeEditorHost: EditorHost = {
  activeEditor: () => vscode.window.activeTextEditor,
  openDocument: (uri) => Promise.resolve(vscode.workspace.openTextDocument(uri as vscode.Uri)),
  relativePath: (uri) => vscode.workspace.asRelativePath(uri as vscode.Uri, false),
  notify: (notice) => void vscode.window.showInformationMessage(noticeText(notice)),
};

/** Files and folders excluded by `files.exclude` and `search.exclude` (node_modules by default). */
function excludePatterns(): string[] {
  const configuration = vscode.workspace.getConfiguration();
  return enabledPatterns(
    ["files.exclude", "search.exclude"].map(
      (section) => configuration.get<Record<string, unknown>>(section) ?? {},
    ),
  );
}

/** The most files the mention index lists. */
const MAX_INDEXED_FILES = 200_000;

/**
 * The index's path of a workspace file: relative and `/`-separated, prefixed with its folder's
 * name only in a multi-root workspace (asRelativePath's default), so that in a single folder the
 * folder's name is not part of every path the @ menu ranks.
 */
const indexPath = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri).replace(/\\/g, "/");

/** The workspace's files under `base` (all folders when absent), without the excluded ones. */
async function findIncludedFiles(
  base?: vscode.Uri,
  patterns = excludePatterns(),
): Promise<vscode.Uri[]> {
  const exclude = patterns.length ? `{${patterns.join(",")}}` : undefined;
  const include = base ? new vscode.RelativePattern(base, "**/*") : "**/*";
  return vscode.workspace.findFiles(include, exclude, MAX_INDEXED_FILES);
}

export const workspaceFileSource: FileSource = {
  async listFiles() {
    return (await findIncludedFiles()).map(indexPath);
  },
  watch(listener) {
    const watcher = vscode.workspace.createFileSystemWatcher("**/*", false, true, false);
    // Read once, and again when the settings change: every created path is tested against them.
    let patterns = excludePatterns();
    let excluded = excludedBy(patterns);
    const createdFolders = new CreatedFolders(async (folder) => {
      try {
        for (const file of await findIncludedFiles(vscode.Uri.parse(folder), patterns))
          listener.created(indexPath(file));
      } catch {
        // Gone again, or the search failed: the next listing of the workspace has it.
      }
    });
    const subscriptions = [
      watcher,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (
          event.affectsConfiguration("files.exclude") ||
          event.affectsConfiguration("search.exclude")
        ) {
          patterns = excludePatterns();
          excluded = excludedBy(patterns);
        }
      }),
      watcher.onDidCreate(async (uri) => {
        // The watcher reports everything; findFiles left the excluded files out (`.git/`).
        if (excluded(vscode.workspace.asRelativePath(uri, false))) return;
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.type & vscode.FileType.File) listener.created(indexPath(uri));
          // A folder made or moved in with its files: the watcher may report the folder alone
          // (its files were there before the folder was watched), so list them.
          else if (stat.type & vscode.FileType.Directory) void createdFolders.add(uri.toString());
        } catch {
          // Gone again before we looked.
        }
      }),
      watcher.onDidDelete((uri) => listener.deleted(indexPath(uri))),
    ];
    return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
  },
};

/** The slice of the Git extension's API (`vscode.git`, version 1) that @changes reads. */
interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly indexChanges: readonly GitChange[];
    readonly workingTreeChanges: readonly GitChange[];
    readonly untrackedChanges?: readonly GitChange[];
  };
  diff(cached?: boolean): Promise<string>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
/** `Status.UNTRACKED` in the Git extension's API. */
const UNTRACKED = 7;

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>("vscode.git");
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

/** The repository of the active file, else of a workspace folder. */
async function gitRepository(): Promise<GitRepository | null | undefined> {
  const api = await gitApi();
  if (!api) return undefined;
  const active = vscode.window.activeTextEditor?.document.uri;
  const candidates = [
    ...(active?.scheme === "file" ? [active] : []),
    ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri),
  ];
  for (const uri of candidates) {
    const repository = api.getRepository(uri);
    if (repository) return repository;
  }
  return null;
}

function changedFiles(repository: GitRepository): { all: number; untracked: string[] } {
  const { indexChanges, workingTreeChanges, untrackedChanges = [] } = repository.state;
  const all = new Set<string>();
  const untracked = new Set<string>();
  for (const change of [...indexChanges, ...workingTreeChanges, ...untrackedChanges]) {
    all.add(change.uri.toString());
    if (change.status === UNTRACKED) {
      untracked.add(vscode.workspace.asRelativePath(change.uri, false));
    }
  }
  return { all: all.size, untracked: [...untracked].sort() };
}

/** The editor's context for the composer's `@` mentions, read from VS Code. */
export function vscodeContextHost(terminals: TerminalRecorder<vscode.Terminal>): ContextHost {
  return {
    activeEditor: vscodeEditorHost.activeEditor,
    openDocument: vscodeEditorHost.openDocument,
    relativePath: vscodeEditorHost.relativePath,
    fileUri: (path) => vscode.Uri.file(path),
    diagnostics: () => vscode.languages.getDiagnostics(),
    terminal() {
      const terminal = vscode.window.activeTerminal;
      if (!terminal) return { kind: "noTerminal" };
      const command = terminals.lastCommand(terminal);
      if (command) return { kind: "command", name: terminal.name, command };
      return terminal.shellIntegration
        ? { kind: "noCommand", name: terminal.name }
        : { kind: "noShellIntegration", name: terminal.name };
    },
    async gitSummary() {
      const repository = await gitRepository();
      if (repository === undefined) return { kind: "gitUnavailable" };
      if (repository === null) return { kind: "notRepository" };
      return {
        kind: "repository",
        root: repository.rootUri.fsPath,
        changedFiles: changedFiles(repository).all,
      };
    },
    async gitChanges() {
      const repository = await gitRepository();
      if (repository === undefined) return { kind: "gitUnavailable" };
      if (repository === null) return { kind: "notRepository" };
      const [staged, unstaged] = await Promise.all([repository.diff(true), repository.diff(false)]);
      return {
        kind: "changes",
        root: repository.rootUri.fsPath,
        staged,
        unstaged,
        untracked: changedFiles(repository).untracked,
      };
    },
  };
}

/** Records every terminal command's output as it streams (it cannot be read afterwards). */
export function recordTerminalCommands(
  recorder: TerminalRecorder<vscode.Terminal>,
): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.onDidStartTerminalShellExecution(({ terminal, execution }) =>
      recorder.started(
        terminal,
        execution,
        execution.commandLine.value,
        execution.cwd?.fsPath,
        execution.read(),
      ),
    ),
    vscode.window.onDidEndTerminalShellExecution(({ execution, exitCode }) =>
      recorder.ended(execution, exitCode, execution.commandLine.value),
    ),
  );
}
