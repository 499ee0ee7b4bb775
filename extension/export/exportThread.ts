/**
 * `chatgpt.exportThread`: a thread as Markdown, to a file the user picks or to the clipboard.
 * The whole thread is read from codex (every page of turns, oldest first), not only the turns a
 * view has loaded. The steps are in exportFlow.ts; this is VS Code's side of them.
 */
import vscode = require("vscode");

import { describeError } from "../appServer/errors";
import type * as ExportFlow from "./exportFlow";
import type { ExportDestination, ExportThreadDeps, ExportUi } from "./exportFlow";

export type { ExportThreadDeps } from "./exportFlow";

const vscodeExportUi: ExportUi<vscode.Uri> = {
  asUri: (value) => (value instanceof vscode.Uri ? value : undefined),
  async pickDestination() {
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: vscode.l10n.t("Save as a Markdown file…"),
          destination: "file" as ExportDestination,
        },
        { label: vscode.l10n.t("Copy as Markdown"), destination: "clipboard" as ExportDestination },
      ],
      { title: vscode.l10n.t("Export Thread as Markdown") },
    );
    return picked?.destination;
  },
  pickFile(start, fileName) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return Promise.resolve(
      vscode.window.showSaveDialog({
        title: vscode.l10n.t("Export Thread as Markdown"),
        defaultUri: start ?? (folder ? vscode.Uri.joinPath(folder, fileName) : undefined),
        filters: { Markdown: ["md"] },
      }),
    );
  },
  async writeFile(uri, text) {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  },
  async writeClipboard(text) {
    await vscode.env.clipboard.writeText(text);
  },
  exportedToFile(uri) {
    const open = vscode.l10n.t("Open");
    void vscode.window
      .showInformationMessage(vscode.l10n.t("Exported the thread to {0}.", uri.fsPath), open)
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(uri);
      });
  },
  copied() {
    void vscode.window.showInformationMessage(vscode.l10n.t("Copied the thread as Markdown."));
  },
  nothingToExport() {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Open a thread first: there is nothing to export."),
    );
  },
  failed(error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("Could not export the thread: {0}", describeError(error)),
    );
  },
};

export function registerExportCommand(deps: ExportThreadDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    "chatgpt.exportThread",
    (target?: unknown, destination?: unknown) => {
      // The export's code (thread to Markdown) loads with the first export, not at activation.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runExport } = require("./exportFlow") as typeof ExportFlow;
      return runExport(deps, vscodeExportUi, target, destination);
    },
  );
}
