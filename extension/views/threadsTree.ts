/**
 * The native "Threads" tree (`chatgpt.threadsView`) beside the chat: this workspace's threads,
 * newest first, paged from `thread/list` ("Load more…" fetches the next page), grouped Today /
 * This week / Older, each with its live state (extension/threads/threadStates.ts) as icon and
 * description. A thread started in this window (`thread/started`) in a workspace folder shows at
 * once, before codex lists it (codex lists a new thread only once its first turn is under way),
 * until a page lists it. Commands (open, open in editor tab, rename, fork, archive, copy id) are
 * registered in threadsCommands.ts; this module only lists and draws.
 */
import vscode = require("vscode");

import type { Thread } from "../../protocol/codex/v2/Thread";
import { describeError } from "../appServer/errors";
import { threadListParams } from "../bridge/threadListParams";
import type { AppServerPort } from "../connection/port";
import type { Logger } from "../log";
import { groupThreads, type ThreadGroup } from "../threads/threadGroups";
import type { ThreadLiveState, ThreadStates } from "../threads/threadStates";
import { listedInFolders } from "../threads/listedInFolders";
import { listedThreadTitle } from "../threads/listedThreadTitle";

export const THREADS_VIEW_ID = "chatgpt.threadsView";
const PAGE_SIZE = 50;

export interface ThreadEntry {
  id: string;
  title: string;
  updatedAt: number;
}

export type ThreadsNode =
  | { kind: "group"; group: ThreadGroup; threads: ThreadEntry[] }
  | { kind: "thread"; thread: ThreadEntry }
  | { kind: "loadMore" }
  /** `retry`: a listing failed; selecting the row lists again. */
  | { kind: "message"; text: string; retry?: boolean };

/** What decides whether `thread/list` lists a thread here (threads/listedInFolders.ts). */
type ListingFacts = Pick<Thread, "cwd" | "ephemeral" | "source">;

export interface ThreadsTreeOptions {
  port: AppServerPort;
  states: ThreadStates;
  logger: Logger;
  /** The workspace folders' paths: only threads started in them are listed. */
  folders(): string[];
  /** Starts the app-server if it is not running. Never throws. */
  ensureStarted(): Promise<void>;
}

function entryOf(thread: Thread): ThreadEntry {
  return { id: thread.id, title: listedThreadTitle(thread), updatedAt: thread.updatedAt };
}

const STATE_ICONS: Record<ThreadLiveState, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon("sync~spin"),
  waitingForApproval: new vscode.ThemeIcon(
    "bell-dot",
    new vscode.ThemeColor("notificationsWarningIcon.foreground"),
  ),
  unseen: new vscode.ThemeIcon("circle-filled", new vscode.ThemeColor("charts.blue")),
  failed: new vscode.ThemeIcon("error", new vscode.ThemeColor("errorForeground")),
  idle: new vscode.ThemeIcon("comment-discussion"),
};

function stateLabel(state: ThreadLiveState): string {
  switch (state) {
    case "running":
      return vscode.l10n.t("Running");
    case "waitingForApproval":
      return vscode.l10n.t("Waiting for approval");
    case "unseen":
      return vscode.l10n.t("Finished");
    case "failed":
      return vscode.l10n.t("Failed");
    case "idle":
      return "";
  }
}

function groupLabel(group: ThreadGroup): string {
  switch (group) {
    case "today":
      return vscode.l10n.t("Today");
    case "thisWeek":
      return vscode.l10n.t("This week");
    case "older":
      return vscode.l10n.t("Older");
  }
}

export class ThreadsTree implements vscode.TreeDataProvider<ThreadsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ThreadsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private threads: ThreadEntry[] = [];
  /**
   * Threads started in this window in a workspace folder that no page has listed yet, newest
   * first: shown above the listed ones (unfiltered) until a page lists them.
   */
  private startedHere: ThreadEntry[] = [];
  /**
   * The listing facts of the threads codex started since it connected that it does not list
   * here (another folder's, an ephemeral one, a sub-agent's): they list nothing again when their
   * state changes (sub-agents change state often, and each change would list page one). Kept,
   * not just their ids, so a workspace folder added meanwhile is taken into account.
   */
  private readonly listedElsewhere = new Map<string, ListingFacts>();
  private nextCursor: string | null = null;
  private loaded = false;
  /** Counts reloads: a page asked for before the latest reload is stale when it arrives. */
  private generation = 0;
  /** The reload whose first page the rows show. */
  private listedGeneration = -1;
  private loading: Promise<void> | undefined;
  private error: string | undefined;
  private searchTerm: string | undefined;

  constructor(private readonly options: ThreadsTreeOptions) {}

  /** The title of a listed thread (for notifications), if it is listed. */
  titleOf(threadId: string): string | undefined {
    return this.threads.find((thread) => thread.id === threadId)?.title;
  }

  /** The ids of the threads the tree shows (listed or started here). */
  listedIds(): string[] {
    return this.shown().map((thread) => thread.id);
  }

  /**
   * codex started a thread (`thread/started`): one that codex will list here shows at once, at the
   * top. Returns whether codex lists it here: the caller then lists again as well (a fork is
   * listed at once, with its title).
   */
  threadStarted(thread: Thread): boolean {
    if (!listedInFolders(thread, this.options.folders())) {
      const { cwd, ephemeral, source } = thread;
      this.listedElsewhere.set(thread.id, { cwd, ephemeral, source });
      return false;
    }
    const known = (entry: ThreadEntry) => entry.id === thread.id;
    if (this.threads.some(known) || this.startedHere.some(known)) return true;
    // Started now: a fork carries its source's `updatedAt`, which could file it under Older.
    const entry = { ...entryOf(thread), updatedAt: Math.floor(Date.now() / 1000) };
    this.startedHere = [entry, ...this.startedHere];
    if (this.loaded) this.redraw();
    return true;
  }

  /** A thread was renamed: a row shown before codex listed it takes the name (the caller reloads). */
  threadRenamed(threadId: string, name: string | undefined): void {
    const title = name?.trim();
    if (!title) return;
    this.startedHere = this.startedHere.map((entry) =>
      entry.id === threadId ? { ...entry, title } : entry,
    );
  }

  /** A thread was archived or deleted: a row shown before codex listed it goes too. */
  threadRemoved(threadId: string): void {
    const before = this.startedHere.length;
    this.startedHere = this.startedHere.filter((entry) => entry.id !== threadId);
    if (this.startedHere.length !== before && this.loaded) this.redraw();
  }

  /**
   * codex (re)connected: the threads the previous process started and never wrote down are gone
   * with it, and those it wrote down the new one lists.
   */
  reconnected(): void {
    this.startedHere = [];
    this.listedElsewhere.clear();
    this.reload();
  }

  /**
   * Lists from the first page again (a thread started, renamed, archived, codex reconnected).
   * Rows on screen stay until the new page is in, then the tree redraws once: `getChildren`
   * never waits for codex while rows are shown, so VS Code never has two listings of the same
   * rows under way (which it reports as "Element with id … is already registered").
   */
  reload(): void {
    this.generation++;
    if (this.loaded) void this.relist();
    else this.changed.fire(undefined);
  }

  private async relist(): Promise<void> {
    try {
      await this.listFirstPage();
    } catch (error) {
      this.options.logger.warn(`could not list threads: ${describeError(error)}`);
      this.error = vscode.l10n.t("Could not list past threads");
    }
    this.changed.fire(undefined);
  }

  /** The active filter (`thread/list`'s `searchTerm`, a substring of the title), if any. */
  get filter(): string | undefined {
    return this.searchTerm;
  }

  /** Lists only threads whose title contains `term` (undefined or blank: all), from page one. */
  setFilter(term: string | undefined): void {
    const next = term?.trim() || undefined;
    if (next === this.searchTerm) return;
    this.searchTerm = next;
    // The rows shown are not the filter's: the tree lists afresh, as on its first showing (and
    // a failed listing then shows none of them under the new filter).
    this.threads = [];
    this.nextCursor = null;
    this.generation++;
    this.loaded = false;
    this.changed.fire(undefined);
  }

  /** Redraws icons and descriptions from the live states. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /**
   * A thread's live state changed: its row is redrawn or, when the thread is not listed, the tree
   * lists again. codex lists a new thread only once its first turn is under way, later than
   * `thread/started` (whose reload so misses it) and even than that turn's `turn/started`. A
   * thread codex started that it does not list here (a sub-agent's, another folder's) lists
   * nothing again; one it started before this connection, in another folder, lists again at each
   * change, as nothing here says where it runs. A thread started here shows before it is listed:
   * its row is redrawn at once, and the tree still lists again, for the listed entry and its title
   * (a new thread has no preview yet).
   */
  stateChanged(threadId: string): void {
    const elsewhere = this.listedElsewhere.get(threadId);
    if (elsewhere && !listedInFolders(elsewhere, this.options.folders())) return;
    const unlisted =
      this.loaded &&
      this.searchTerm === undefined &&
      !this.threads.some((thread) => thread.id === threadId);
    const shownAhead = this.startedHere.some((thread) => thread.id === threadId);
    if (!unlisted || shownAhead) this.redraw();
    if (unlisted) this.reload();
  }

  async loadMore(): Promise<void> {
    await this.fetch(this.nextCursor);
    this.changed.fire(undefined);
  }

  async getChildren(node?: ThreadsNode): Promise<ThreadsNode[]> {
    if (node?.kind === "group") return node.threads.map((thread) => ({ kind: "thread", thread }));
    if (node) return [];
    if (!this.loaded) await this.listFirstPage();
    // A failed listing says so above the rows it could not refresh: they stay, as do the
    // threads started here (their rows do not depend on codex's listing).
    const nodes: ThreadsNode[] = this.error
      ? [{ kind: "message", text: this.error, retry: true }]
      : [];
    if (!this.error && this.searchTerm !== undefined && this.threads.length === 0) {
      return [{ kind: "message", text: vscode.l10n.t("No threads match “{0}”", this.searchTerm) }];
    }
    for (const { group, threads } of groupThreads(this.shown(), Date.now())) {
      nodes.push({ kind: "group", group, threads });
    }
    if (this.nextCursor && !this.error) nodes.push({ kind: "loadMore" });
    return nodes;
  }

  getTreeItem(node: ThreadsNode): vscode.TreeItem {
    switch (node.kind) {
      case "group": {
        const item = new vscode.TreeItem(
          groupLabel(node.group),
          vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `group:${node.group}`;
        return item;
      }
      case "loadMore": {
        const item = new vscode.TreeItem(vscode.l10n.t("Load more…"));
        item.id = "loadMore";
        item.command = {
          command: "chatgpt.threads.loadMore",
          title: vscode.l10n.t("Load more…"),
        };
        return item;
      }
      case "message": {
        const item = new vscode.TreeItem(node.text);
        if (node.retry) {
          item.id = "listingFailed";
          item.iconPath = new vscode.ThemeIcon("warning");
          item.description = vscode.l10n.t("Select to try again");
          item.command = {
            command: "chatgpt.threads.refresh",
            title: vscode.l10n.t("Try Again"),
          };
        }
        return item;
      }
      case "thread": {
        const { thread } = node;
        const state = this.options.states.stateOf(thread.id);
        const item = new vscode.TreeItem(thread.title);
        item.id = `thread:${thread.id}`;
        item.iconPath = STATE_ICONS[state];
        item.description = stateLabel(state);
        item.tooltip = [thread.title, stateLabel(state), thread.id].filter(Boolean).join("\n");
        item.contextValue = `codexThread.${state}`;
        item.command = {
          command: "chatgpt.threads.open",
          title: vscode.l10n.t("Open Thread"),
          arguments: [node],
        };
        return item;
      }
    }
  }

  /**
   * The rows: threads started here not listed yet, then the listed ones. Under a filter only the
   * listed ones: codex searches a thread's title from its first message, which a thread it has
   * not listed yet does not have on disk, so its filtered pages would not show it either.
   */
  private shown(): ThreadEntry[] {
    return this.searchTerm === undefined ? [...this.startedHere, ...this.threads] : this.threads;
  }

  /** Lists page one until a page asked for under the latest reload is in (`request` drops older ones). */
  private async listFirstPage(): Promise<void> {
    while (this.listedGeneration !== this.generation) {
      await this.options.ensureStarted();
      await this.fetch(null);
    }
  }

  private fetch(cursor: string | null): Promise<void> {
    this.loading ??= this.request(cursor).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async request(cursor: string | null): Promise<void> {
    const params = threadListParams({
      cursor,
      limit: PAGE_SIZE,
      folders: this.options.folders(),
      searchTerm: this.searchTerm,
    });
    const generation = this.generation;
    try {
      const page = await this.options.port.request("thread/list", params);
      if (generation !== this.generation) return;
      const entries = page.data.map(entryOf);
      // A page that lists a thread started here: the listed entry takes its place.
      this.startedHere = this.startedHere.filter(
        (started) => !entries.some((entry) => entry.id === started.id),
      );
      this.threads = cursor === null ? entries : [...this.threads, ...entries];
      this.nextCursor = page.nextCursor;
      this.error = undefined;
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.logger.warn(`could not list threads: ${describeError(error)}`);
      this.error = vscode.l10n.t("Could not list past threads");
    }
    if (cursor === null) this.listedGeneration = generation;
    this.loaded = true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
