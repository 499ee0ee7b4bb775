/**
 * The VS Code side of the editor features: the {@link EditorHost} with its localised messages,
 * and the workspace {@link FileSource} for @-mentions.
 */
import vscode = require("vscode");

import type { FileSource } from "./fileMentions";
import type { EditorHost, EditorNotice } from "./host";

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
  }
}

export const vscodeEditorHost: EditorHost = {
  activeEditor: () => vscode.window.activeTextEditor,
  openDocument: (uri) => Promise.resolve(vscode.workspace.openTextDocument(uri as vscode.Uri)),
  relativePath: (uri) => vscode.workspace.asRelativePath(uri as vscode.Uri, false),
  notify: (notice) => void vscode.window.showInformationMessage(noticeText(notice)),
};

/** Files and folders excluded by `files.exclude` and `search.exclude` (node_modules by default). */
function excludeGlob(): string | undefined {
  const patterns = new Set<string>();
  for (const section of ["files.exclude", "search.exclude"]) {
    const setting = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, enabled] of Object.entries(setting)) {
      // `true` excludes; an object is a `when` condition, which findFiles cannot evaluate.
      if (enabled === true) patterns.add(pattern);
    }
  }
  return patterns.size ? `{${[...patterns].join(",")}}` : undefined;
}

/** The most files the mention index lists. */
const MAX_INDEXED_FILES = 200_000;

export const workspaceFileSource: FileSource = {
  async listFiles() {
    const uris = await vscode.workspace.findFiles("**/*", excludeGlob(), MAX_INDEXED_FILES);
    return uris.map((uri) => vscode.workspace.asRelativePath(uri, true).replace(/\\/g, "/"));
  },
  watch(listener) {
    const watcher = vscode.workspace.createFileSystemWatcher("**/*", false, true, false);
    const path = (uri: vscode.Uri) =>
      vscode.workspace.asRelativePath(uri, true).replace(/\\/g, "/");
    const subscriptions = [
      watcher,
      watcher.onDidCreate(async (uri) => {
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.type & vscode.FileType.File) listener.created(path(uri));
        } catch {
          // Gone again before we looked.
        }
      }),
      watcher.onDidDelete((uri) => listener.deleted(path(uri))),
    ];
    return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
  },
};
