/**
 * The history actions on codex's stored threads: list, resume (and restore after a window
 * reload), rename, fork, archive. Opening a thread hands it to the ThreadSession, which shows it
 * and runs its turns; what goes wrong reaches the user as a UserFacingError.
 */
import type { Thread } from "../../protocol/codex/v2/Thread";
import type { ThreadListParams } from "../../protocol/codex/v2/ThreadListParams";
import type { ThreadTurnsListResponse } from "../../protocol/codex/v2/ThreadTurnsListResponse";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { ThreadSummary } from "../../protocol/webview/messages";
import { threadTitle } from "../../protocol/webview/threadTitle";
import type { ChatMode, ThreadView, TurnView } from "../../protocol/webview/viewModel";
import type { AppServerPort } from "../connection/port";
import { emptyThread, type ChatState } from "./chatState";
import { effectiveMode, modeParams } from "./models";
import type { ThreadSession } from "./threadSession";
import { failWith } from "./userFacingError";
import { l10n } from "../l10n";

export const HISTORY_PAGE_SIZE = 25;
/** A resumed thread shows its latest turns; older ones stay in codex's history. */
const RESUME_TURN_LIMIT = 200;
const RESUME_TURN_PAGE = 50;

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
  session: Pick<ThreadSession, "currentThreadId" | "moves" | "show">;
}

export class ThreadHistory {
  constructor(private readonly options: ThreadHistoryOptions) {}

  /** `history/list`. */
  async list(
    cursor: string | null,
    searchTerm: string | null,
  ): Promise<{
    threads: ThreadSummary[];
    nextCursor: string | null;
  }> {
    const params: ThreadListParams = {
      cursor,
      limit: HISTORY_PAGE_SIZE,
      sortKey: "updated_at",
      sortDirection: "desc",
      archived: false,
    };
    if (searchTerm && searchTerm.trim()) params.searchTerm = searchTerm.trim();
    try {
      const response = await this.options.port.request("thread/list", params);
      return { threads: response.data.map(threadSummary), nextCursor: response.nextCursor };
    } catch (error) {
      failWith(l10n.t("Could not list past threads"), error);
    }
  }

  /** `history/resume`: loads the thread and shows its transcript. */
  async resume(threadId: string): Promise<void> {
    if (threadId === this.options.session.currentThreadId) return;
    const mode = effectiveMode(this.options.state.snapshot);
    try {
      const view = await this.load(threadId, mode);
      this.options.session.show(view, mode);
    } catch (error) {
      failWith(l10n.t("Could not open the thread"), error);
    }
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
    const view = await this.load(threadId, mode);
    if (moves !== session.moves || this.options.state.thread) return false;
    session.show(view, mode);
    return true;
  }

  /** `thread/resume` without turns, then its latest turns paged separately. */
  private async load(threadId: string, mode: ChatMode): Promise<ThreadView> {
    // Turns are paged separately: codex deprecates full-history hydration on resume.
    const response = await this.options.port.request("thread/resume", {
      threadId,
      excludeTurns: true,
      ...modeParams(mode),
    });
    const turns = await this.recentTurns(threadId);
    return { ...threadViewFrom(response.thread), turns: turns.map(turnView) };
  }

  /** The thread's latest turns (up to RESUME_TURN_LIMIT), oldest first, with their full items. */
  private async recentTurns(threadId: string): Promise<Turn[]> {
    const newestFirst: Turn[] = [];
    let cursor: string | null = null;
    do {
      const page: ThreadTurnsListResponse = await this.options.port.request("thread/turns/list", {
        threadId,
        cursor,
        limit: RESUME_TURN_PAGE,
        sortDirection: "desc",
        itemsView: "full",
      });
      newestFirst.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor && newestFirst.length < RESUME_TURN_LIMIT);
    return newestFirst.reverse();
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
      const turns = (await this.recentTurns(response.thread.id)).map(turnView);
      const forked = { ...threadViewFrom(response.thread), turns };
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
