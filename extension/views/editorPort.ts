/** The VS Code side of the handlers' EditorPort. */
import vscode = require("vscode");

import type { EditorPort } from "../bridge/handlers/context";
import { openChanges, openDiff, readText, type OriginalDocuments } from "../editor/diffDocuments";
import type { EditorContextTracker } from "../editor/editorContextTracker";

export function vscodeEditorPort(
  originals: OriginalDocuments,
  editorContext: EditorContextTracker,
): EditorPort {
  return {
    editorContextAttachment: () => editorContext.attachment(),
    openExternal: (url) => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url, true))),
    writeClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    workspaceFolders: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === "file")
        .map((folder) => folder.uri.fsPath),
    async openFile(absolutePath, line) {
      const position = line ? new vscode.Position(line - 1, 0) : undefined;
      await vscode.window.showTextDocument(vscode.Uri.file(absolutePath), {
        preview: true,
        ...(position ? { selection: new vscode.Range(position, position) } : {}),
      });
    },
    readText,
    openDiff: (file, title) => openDiff(originals, file, title),
    openChanges: (files, title) => openChanges(originals, files, title),
    exportThread: async (threadId) => {
      await vscode.commands.executeCommand("chatgpt.exportThread", threadId);
    },
  };
}
