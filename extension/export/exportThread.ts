/**
 * `chatgpt.exportThread`: a thread as Markdown, to a file the user picks or to the clipboard.
 * The whole thread is read from codex (every page of turns, oldest first), not only the turns a
 * view has loaded.
 */
import vscode = require("vscode");

import { describeError } from "../appServer/errors";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { ThreadTurnsListResponse } from "../../protocol/codex/v2/ThreadTurnsListResponse";
import type { AppServerPort } from "../connection/port";
import { exportFileName, threadIdOfTarget } from "./exportArgs";
import { threadMarkdown, type ExportedThread } from "./threadMarkdown";

const TURNS_PER_REQUEST = 100;

export type ExportDestination = "file" | "clipboard";

/** The thread and all its turns, oldest first. */
export async function readWholeThread(
  port: Pick<AppServerPort, "request">,
  threadId: string,
): Promise<ExportedThread> {
  const { thread } = await port.request("thread/read", { threadId });
  const turns: Turn[] = [];
  let cursor: string | null = null;
  do {
    const page: ThreadTurnsListResponse = await port.request("thread/turns/list", {
      threadId,
      cursor,
      limit: TURNS_PER_REQUEST,
      sortDirection: "asc",
      itemsView: "full",
    });
    turns.push(...page.data);
    cursor = page.data.length > 0 ? page.nextCursor : null;
  } while (cursor);
  const title = thread.name || thread.preview.split("\n")[0] || vscode.l10n.t("Codex thread");
  return { id: thread.id, title, cwd: thread.cwd, turns };
}

export interface ExportThreadDeps {
  port: Pick<AppServerPort, "request">;
  ensureStarted(): Promise<void>;
  /** The thread the view in front shows, for the palette command without an argument. */
  currentThreadId(): string | undefined;
}

async function pickDestination(): Promise<ExportDestination | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t("Save as a Markdown file…"), destination: "file" as const },
      { label: vscode.l10n.t("Copy as Markdown"), destination: "clipboard" as const },
    ],
    { title: vscode.l10n.t("Export Thread as Markdown") },
  );
  return picked?.destination;
}

export async function exportThread(
  deps: ExportThreadDeps,
  target?: unknown,
  destinationArg?: unknown,
): Promise<void> {
  const threadId = threadIdOfTarget(target) ?? deps.currentThreadId();
  if (!threadId) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Open a thread first: there is nothing to export."),
    );
    return;
  }
  // Tests and keybindings may name the destination: "clipboard", "file" or a file URI.
  const fileArg = destinationArg instanceof vscode.Uri ? destinationArg : undefined;
  const destination =
    fileArg || destinationArg === "file"
      ? "file"
      : destinationArg === "clipboard"
        ? "clipboard"
        : await pickDestination();
  if (!destination) return;
  try {
    await deps.ensureStarted();
    const thread = await readWholeThread(deps.port, threadId);
    const markdown = threadMarkdown(thread);
    if (destination === "clipboard") {
      await vscode.env.clipboard.writeText(markdown);
      void vscode.window.showInformationMessage(vscode.l10n.t("Copied the thread as Markdown."));
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      fileArg ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t("Export Thread as Markdown"),
        defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(thread.title)) : undefined,
        filters: { Markdown: ["md"] },
      }));
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
    const open = vscode.l10n.t("Open");
    void vscode.window
      .showInformationMessage(vscode.l10n.t("Exported the thread to {0}.", uri.fsPath), open)
      .then((choice) => {
        if (choice === open) void vscode.window.showTextDocument(uri);
      });
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("Could not export the thread: {0}", describeError(error)),
    );
  }
}

export function registerExportCommand(deps: ExportThreadDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    "chatgpt.exportThread",
    (target?: unknown, destination?: unknown) => exportThread(deps, target, destination),
  );
}
