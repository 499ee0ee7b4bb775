/**
 * What codex is doing across every thread, for the status bar: how many threads run a turn, how
 * many wait for the user's approval or answer, and whether a turn is retrying its model request.
 * Folded from codex's own notifications (`thread/status/changed` carries the active flags), so it
 * counts threads in panels and the sidebar alike.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";

export interface ActivitySummary {
  running: number;
  waitingForApproval: number;
  reconnecting: boolean;
}

interface ThreadState {
  active: boolean;
  waiting: boolean;
  retrying: boolean;
}

export class ThreadActivity {
  private readonly threads = new Map<string, ThreadState>();

  /** Folds one notification in; true when the summary may have changed. */
  handle(notification: ServerNotification): boolean {
    switch (notification.method) {
      case "thread/status/changed": {
        const { threadId, status } = notification.params;
        if (status.type !== "active") return this.threads.delete(threadId);
        const waiting =
          status.activeFlags.includes("waitingOnApproval") ||
          status.activeFlags.includes("waitingOnUserInput");
        const retrying = this.threads.get(threadId)?.retrying ?? false;
        this.threads.set(threadId, { active: true, waiting, retrying });
        return true;
      }
      case "error": {
        const { threadId, willRetry } = notification.params;
        return this.setRetrying(threadId, willRetry);
      }
      // A retry is over once the model answers again, or the turn ends.
      case "item/started":
      case "item/agentMessage/delta":
      case "turn/completed":
        return this.setRetrying(notification.params.threadId, false);
      default:
        return false;
    }
  }

  /** codex went away: nothing runs any more. */
  reset(): boolean {
    const had = this.threads.size > 0;
    this.threads.clear();
    return had;
  }

  get summary(): ActivitySummary {
    const states = [...this.threads.values()];
    return {
      running: states.filter((state) => state.active).length,
      waitingForApproval: states.filter((state) => state.waiting).length,
      reconnecting: states.some((state) => state.retrying),
    };
  }

  private setRetrying(threadId: string, retrying: boolean): boolean {
    const state = this.threads.get(threadId);
    if (!state || state.retrying === retrying) return false;
    this.threads.set(threadId, { ...state, retrying });
    return true;
  }
}
