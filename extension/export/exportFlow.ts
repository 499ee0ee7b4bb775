/**
 * The steps of `chatgpt.exportThread` without VS Code: which thread, where to (a file the user
 * picks in the save dialog, or the clipboard), then the Markdown. VS Code's side is `ExportUi`
 * (exportThread.ts), so the flow is unit-tested.
 *
 * A file is only ever written where the user chose in the save dialog: a file location given as
 * the command's argument (by a keybinding, a test or another extension) is where the dialog starts,
 * never a place written without asking.
 */
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { ThreadTurnsListResponse } from "../../protocol/codex/v2/ThreadTurnsListResponse";
import type { AppServerPort } from "../connection/port";
import { listedThreadTitle } from "../threads/listedThreadTitle";
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
  return { id: thread.id, title: listedThreadTitle(thread), cwd: thread.cwd, turns };
}

export interface ExportThreadDeps {
  port: Pick<AppServerPort, "request">;
  ensureStarted(): Promise<void>;
  /** The thread the view in front shows, for the palette command without an argument. */
  currentThreadId(): string | undefined;
}

/** VS Code's part of the export; `U` is its file location type (`vscode.Uri`). */
export interface ExportUi<U> {
  /** `value` when it is a file location, else undefined. */
  asUri(value: unknown): U | undefined;
  /** Asks: a file or the clipboard. */
  pickDestination(): Promise<ExportDestination | undefined>;
  /** The save dialog, starting at `start` (else at `fileName` in the workspace). */
  pickFile(start: U | undefined, fileName: string): Promise<U | undefined>;
  writeFile(uri: U, text: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  exportedToFile(uri: U): void;
  copied(): void;
  nothingToExport(): void;
  failed(error: unknown): void;
}

export async function runExport<U>(
  deps: ExportThreadDeps,
  ui: ExportUi<U>,
  target?: unknown,
  destinationArg?: unknown,
): Promise<void> {
  const threadId = threadIdOfTarget(target) ?? deps.currentThreadId();
  if (!threadId) {
    ui.nothingToExport();
    return;
  }
  // Keybindings and tests may name the destination: "clipboard", "file" or a file to start at.
  const start = ui.asUri(destinationArg);
  const destination =
    start || destinationArg === "file"
      ? "file"
      : destinationArg === "clipboard"
        ? "clipboard"
        : await ui.pickDestination();
  if (!destination) return;
  try {
    await deps.ensureStarted();
    const thread = await readWholeThread(deps.port, threadId);
    const markdown = threadMarkdown(thread);
    if (destination === "clipboard") {
      await ui.writeClipboard(markdown);
      ui.copied();
      return;
    }
    const uri = await ui.pickFile(start, exportFileName(thread.title));
    if (!uri) return;
    await ui.writeFile(uri, markdown);
    ui.exportedToFile(uri);
  } catch (error) {
    ui.failed(error);
  }
}
