/**
 * The history actions on codex's stored threads: list, resume (and restore after a window
 * reload), rename, fork, archive. Opening a thread hands it to the ThreadSession, which shows it
 * and runs its turns; what goes wrong reaches the user as a UserFacingError.
 */
import type { Thread } from "../../protocol/codex/v2/Thread";
import type { ThreadTurnsListResponse } from "../../protocol/codex/v2/ThreadTurnsListResponse";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { ThreadSummary } from "../../protocol/webview/messages";
import { threadTitle } from "../../protocol/webview/threadTitle";
import type { ChatMode, ThreadView, TurnView } from "../../protocol/webview/viewModel";
import type { AppServerPort } from "../connection/port";
import { emptyThread, type ChatState } from "./chatState";
import { effectiveMode, modeParams } from "./models";
import type { ThreadSession } from "./threadSession";
import { threadListParams } from "./threadListParams";
import { describeError } from "../appServer/errors";
import { failWith } from "./userFacingError";
import { l10n } from "../l10n";
import { listedThreadTitle } from "../threads/listedThreadTitle";

export const HISTORY_PAGE_SIZE = 25;
/**
 * A resumed thread shows its latest page of turns at once; older pages are fetched when the
 * user scrolls to the top of the transcript (`history/loadOlder`).
 */
export const TURN_PAGE_SIZE = 20;

export function turnView(turn: Turn): TurnView {
  return {
    id: turn.id,
    status: turn.status,
    error: turn.error,
    items: turn.items,
    diff: null,
    plan: null,
  };
}

/** A codex thread (e.g. from `thread/resume`) as the transcript the sidebar shows. */
export function threadViewFrom(thread: Thread): ThreadView {
  return {
    ...emptyThread(thread.id, thread.cwd, thread.name),
    turns: thread.turns.map(turnView),
  };
}

export function threadSummary(thread: Thread): ThreadSummary {
  return {
    id: thread.id,
    name: thread.name,
    title: listedThreadTitle(thread),
    preview: thread.preview,
    cwd: thread.cwd,
    updatedAt: thread.updatedAt,
    modelProvider: thread.modelProvider,
  };
}

export interface ThreadHistoryOptions {
  port: AppServerPort;
  state: ChatState;
  /** Where an opened thread is shown (and its turns run). */
  session: Pick<
    ThreadSession,
    "currentThreadId" | "moves" | "show" | "threadLoaded" | "whileLoading"
  >;
  /** The workspace folders on disk: the history lists their threads unless asked for all. */
  folders?: () => readonly string[];
  /** Turns per page of a resumed thread (default TURN_PAGE_SIZE). */
  turnPageSize?: number;
}

/** The thread's latest turns, oldest first, and the cursor to the turns before them. */
interface TurnPage {
  turns: Turn[];
  olderCursor: string | null;
}

export class ThreadHistory {
  /** Where codex's older turns of the shown thread start (absent: none left, or not resumed). */
  private readonly olderCursors = new Map<string, string>();
  /** The page being fetched per thread, so a scroll that fires twice fetches it once. */
  private readonly loadingOlder = new Map<string, Promise<void>>();
  /**
   * The page before the shown thread's first one, asked for as soon as the one after it is on
   * screen, so scrolling to the top does not wait for codex (one page; another thread's is let go).
   */
  private prefetched: { threadId: string; cursor: string; page: Promise<TurnPage> } | undefined;

  constructor(private readonly options: ThreadHistoryOptions) {}

  /**
   * `history/list`: this workspace's threads (those started in one of its folders), or every
   * project's with `allProjects` or when no folder is open.
   */
  async list(
    cursor: string | null,
    searchTerm: string | null,
    allProjects = false,
  ): Promise<{
    threads: ThreadSummary[];
    nextCursor: string | null;
  }> {
    const params = threadListParams({
      cursor,
      limit: HISTORY_PAGE_SIZE,
      folders: allProjects ? [] : (this.options.folders?.() ?? []),
      searchTerm,
    });
    try {
      const response = await this.options.port.request("thread/list", params);
      return { threads: response.data.map(threadSummary), nextCursor: response.nextCursor };
    } catch (error) {
      failWith(l10n.t("Could not list past threads"), error);
    }
  }

  /**
   * `history/resume`: shows the thread's latest turns as soon as codex has read them from its
   * index, while codex still loads the thread (`thread/resume` reads the whole rollout: seconds
   * for a long thread); what is sent meanwhile waits for the load (see settle).
   */
  async resume(threadId: string): Promise<void> {
    const { session } = this.options;
    if (threadId === session.currentThreadId) return;
    const mode = effectiveMode(this.options.state.snapshot);
    const { view, loaded } = this.open(threadId, mode);
    let early: ThreadView;
    try {
      // codex's refusal to resume (an unknown or broken thread) is the answer if it comes first.
      early = await Promise.race([view, loaded.then(() => view)]);
    } catch (error) {
      failWith(l10n.t("Could not open the thread"), error);
    }
    session.show({ ...early, loading: true }, mode);
    session.whileLoading(early.id, this.settle(early, loaded, mode));
  }

  /**
   * Once codex has loaded the thread shown early: its latest page again, shown instead when its
   * last turn is another one or in another state (codex indexes a rollout it has not indexed yet
   * as it loads it, so the early page can be empty or behind; test/protocol/resumeLoading.test.ts).
   * A load that fails says so in a notice. Either way the thread is no longer shown as loading.
   */
  private async settle(early: ThreadView, loaded: Promise<void>, mode: ChatMode): Promise<void> {
    const { state, session } = this.options;
    try {
      await loaded;
      const page = await this.turnPage(early.id, null);
      if (state.thread?.id !== early.id) return;
      const [last, shown] = [page.turns.at(-1), early.turns.at(-1)];
      if (last?.id !== shown?.id || last?.status !== shown?.status) {
        this.rememberCursor(early.id, page.olderCursor);
        session.show(
          { ...early, turns: page.turns.map(turnView), olderTurns: page.olderCursor !== null },
          mode,
        );
      }
      // Once codex is done loading: the next page up is ready before the reader gets there.
      if (!this.loadingOlder.has(early.id)) this.prefetch(early.id);
    } catch (error) {
      state.addNotice({
        level: "error",
        message: l10n.t("Could not open the thread"),
        details: describeError(error),
        threadId: early.id,
      });
    }
    if (state.thread?.id === early.id && state.thread.loading)
      state.editThread(early.id, { type: "loaded" });
  }

  /**
   * After a window reload: resumes `threadId` into an empty session, unless the user moved on
   * while codex loaded it (another thread shown, a message or review sent). Resolves whether the
   * thread is shown; rejects with codex's error when it cannot be resumed.
   */
  async restore(threadId: string): Promise<boolean> {
    const { session } = this.options;
    const moves = session.moves;
    if (this.options.state.thread) return false;
    const mode = effectiveMode(this.options.state.snapshot);
    const { view, loaded } = this.open(threadId, mode);
    const [shown] = await Promise.all([view, loaded]);
    if (moves !== session.moves || this.options.state.thread) return false;
    session.show(shown, mode);
    return true;
  }

  /**
   * `thread/resume` without turns, and at the same time the thread's latest turns (paged
   * separately: codex deprecates full-history hydration on resume) and its name and cwd
   * (`thread/read`), which codex answers from its index without loading the thread.
   */
  private open(
    threadId: string,
    mode: ChatMode,
  ): { view: Promise<ThreadView>; loaded: Promise<void> } {
    const { port, session } = this.options;
    // Asked first: codex answers a thread/read that comes after a thread/resume only once the
    // thread is loaded (test/protocol/resumeLoading.test.ts).
    const view = Promise.all([
      port.request("thread/read", { threadId, includeTurns: false }),
      this.turnPage(threadId, null),
    ]).then(([{ thread }, page]) => this.viewOf(thread, page));
    const loaded = port
      .request("thread/resume", { threadId, excludeTurns: true, ...modeParams(mode) })
      .then((response) => {
        session.threadLoaded(
          threadId,
          response.model,
          response.collaborationMode?.mode ?? undefined,
        );
      });
    // Each is awaited by the caller; neither is left to reject unheard when the other fails first.
    view.catch(() => undefined);
    loaded.catch(() => undefined);
    return { view, loaded };
  }

  /** A thread codex just forked (without turns), with its latest page of turns. */
  private async viewWithLatestTurns(thread: Thread): Promise<ThreadView> {
    return this.viewOf(thread, await this.turnPage(thread.id, null));
  }

  /** `thread` (read or loaded without turns) showing `page`; older pages start at its cursor. */
  private viewOf(thread: Thread, page: TurnPage): ThreadView {
    this.rememberCursor(thread.id, page.olderCursor);
    return {
      ...threadViewFrom(thread),
      turns: page.turns.map(turnView),
      olderTurns: page.olderCursor !== null,
    };
  }

  /** One page of turns, newest first from `cursor` (null: the latest), with their full items. */
  private async turnPage(threadId: string, cursor: string | null): Promise<TurnPage> {
    const page: ThreadTurnsListResponse = await this.options.port.request("thread/turns/list", {
      threadId,
      cursor,
      limit: this.options.turnPageSize ?? TURN_PAGE_SIZE,
      sortDirection: "desc",
      itemsView: "full",
    });
    // An empty page has nothing before it, whatever the cursor says.
    const olderCursor = page.data.length > 0 ? page.nextCursor : null;
    return { turns: page.data.slice().reverse(), olderCursor };
  }

  private rememberCursor(threadId: string, cursor: string | null): void {
    if (cursor) this.olderCursors.set(threadId, cursor);
    else this.olderCursors.delete(threadId);
  }

  /**
   * `history/loadOlder`: the page of turns before the first one the shown thread has, put in
   * front of them. Nothing when that thread is no longer shown or has no older turns.
   */
  loadOlder(threadId: string): Promise<void> {
    let loading = this.loadingOlder.get(threadId);
    if (!loading) {
      loading = this.fetchOlder(threadId).finally(() => this.loadingOlder.delete(threadId));
      this.loadingOlder.set(threadId, loading);
    }
    return loading;
  }

  private async fetchOlder(threadId: string): Promise<void> {
    const { state } = this.options;
    const cursor = this.olderCursors.get(threadId);
    if (state.thread?.id !== threadId) return;
    if (!cursor) {
      if (state.thread.olderTurns)
        state.editThread(threadId, { type: "olderTurnsLoaded", turns: [], more: false });
      return;
    }
    const ready = this.prefetched;
    this.prefetched = undefined;
    let page: TurnPage;
    try {
      page = await (ready?.threadId === threadId && ready.cursor === cursor
        ? ready.page
        : this.turnPage(threadId, cursor));
    } catch (error) {
      failWith(l10n.t("Could not load the earlier turns"), error);
    }
    this.rememberCursor(threadId, page.olderCursor);
    state.editThread(threadId, {
      type: "olderTurnsLoaded",
      turns: page.turns.map(turnView),
      more: page.olderCursor !== null,
    });
    this.prefetch(threadId);
  }

  /** Asks codex for the page before the shown thread's first one (see `prefetched`). */
  private prefetch(threadId: string): void {
    const cursor = this.olderCursors.get(threadId);
    if (!cursor || this.options.state.thread?.id !== threadId) return;
    const page = this.turnPage(threadId, cursor);
    // A failure is met again, and reported, when the page is asked for.
    page.catch(() => undefined);
    this.prefetched = { threadId, cursor, page };
  }

  /** `history/rename`. */
  async rename(threadId: string, name: string): Promise<void> {
    try {
      await this.options.port.request("thread/name/set", { threadId, name });
    } catch (error) {
      failWith(l10n.t("Could not rename the thread"), error);
    }
    this.options.state.editThread(threadId, { type: "renamed", name });
  }

  /** `history/fork`: a copy of the thread becomes the current one. */
  async fork(threadId: string): Promise<void> {
    const mode = effectiveMode(this.options.state.snapshot);
    try {
      // Turns are paged separately, as on resume: codex deprecates full-history hydration.
      const response = await this.options.port.request("thread/fork", {
        threadId,
        excludeTurns: true,
        ...modeParams(mode),
      });
      this.options.session.threadLoaded(response.thread.id, response.model);
      const forked = await this.viewWithLatestTurns(response.thread);
      // The copy is told apart from its source in the history and the header.
      const source = threadTitle(forked);
      const name = source ? l10n.t("{0} (fork)", source) : null;
      if (name) {
        // Best effort: a copy without its own title is still the copy the user asked for.
        forked.name = await this.options.port
          .request("thread/name/set", { threadId: forked.id, name })
          .then(
            () => name,
            () => forked.name,
          );
      }
      this.options.session.show(forked, mode);
    } catch (error) {
      failWith(l10n.t("Could not fork the thread"), error);
    }
  }

  /** `history/archive`; archiving the current thread clears the transcript. */
  async archive(threadId: string): Promise<void> {
    try {
      await this.options.port.request("thread/archive", { threadId });
    } catch (error) {
      failWith(l10n.t("Could not archive the thread"), error);
    }
    if (threadId === this.options.session.currentThreadId) this.options.session.show(null);
  }
}
