/**
 * The live state of every loaded thread, for the Threads tree, the approvals badge and the
 * "turn finished" notifications. Folded from codex's own notifications (`thread/status/changed`,
 * `turn/started`, `turn/completed`), which reach the host for every loaded thread whichever view
 * shows it. No `vscode` here: the tree and the notifier sit on top of it.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";

/**
 * `unseen`: a turn finished since the user last looked at the thread; `failed`: its last turn
 * failed (or codex reported a system error) and the user has not looked yet.
 */
export type ThreadLiveState = "running" | "waitingForApproval" | "unseen" | "failed" | "idle";

/** What the status bar shows: threads with a turn in progress, waiting, retrying the model. */
export interface ActivitySummary {
  /** Threads running a turn, those waiting for the user included. */
  running: number;
  waitingForApproval: number;
  /** A turn is retrying its model request (codex's `error` with `willRetry`). */
  reconnecting: boolean;
}

/** A change worth telling the user about when they cannot see the thread. */
export interface ThreadAttention {
  threadId: string;
  kind: "finished" | "failed" | "approval";
}

export class ThreadStates {
  private readonly states = new Map<string, ThreadLiveState>();
  /** Threads whose turn is retrying its model request. */
  private readonly retrying = new Set<string>();
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every change (the status bar redraws; the tree redraws itself). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Folds one notification in. Returns whether any state changed and, when the change needs the
   * user (a turn ended, an approval started waiting), what to tell them.
   */
  handle(notification: ServerNotification): { changed: boolean; attention?: ThreadAttention } {
    const result = this.fold(notification);
    const retried = this.foldRetry(notification);
    if (retried) result.changed = true;
    if (result.changed) this.fire();
    return result;
  }

  /** codex's retries of a model request: on with `error` + `willRetry`, off once it answers. */
  private foldRetry(notification: ServerNotification): boolean {
    switch (notification.method) {
      case "error": {
        const { threadId, willRetry } = notification.params;
        if (willRetry === this.retrying.has(threadId)) return false;
        if (willRetry) this.retrying.add(threadId);
        else this.retrying.delete(threadId);
        return true;
      }
      case "item/started":
      case "item/agentMessage/delta":
      case "turn/completed":
        return this.retrying.delete(notification.params.threadId);
      case "thread/status/changed":
        return notification.params.status.type !== "active"
          ? this.retrying.delete(notification.params.threadId)
          : false;
      default:
        return false;
    }
  }

  private fold(notification: ServerNotification): {
    changed: boolean;
    attention?: ThreadAttention;
  } {
    switch (notification.method) {
      case "thread/status/changed": {
        const { threadId, status } = notification.params;
        if (status.type === "active") {
          const waiting =
            status.activeFlags.includes("waitingOnApproval") ||
            status.activeFlags.includes("waitingOnUserInput");
          const next = waiting ? "waitingForApproval" : "running";
          const changed = this.set(threadId, next);
          return changed && waiting
            ? { changed, attention: { threadId, kind: "approval" } }
            : { changed };
        }
        if (status.type === "systemError") {
          const changed = this.set(threadId, "failed");
          return changed ? { changed, attention: { threadId, kind: "failed" } } : { changed };
        }
        // idle / notLoaded: a turn that ended is reported by turn/completed; keep its outcome.
        const current = this.states.get(threadId);
        if (current === "running" || current === "waitingForApproval") {
          return { changed: this.set(threadId, "idle") };
        }
        return { changed: false };
      }
      case "turn/started":
        return { changed: this.set(notification.params.threadId, "running") };
      case "turn/completed": {
        const { threadId, turn } = notification.params;
        if (turn.status === "failed") {
          return { changed: this.set(threadId, "failed"), attention: { threadId, kind: "failed" } };
        }
        if (turn.status === "completed") {
          return {
            changed: this.set(threadId, "unseen"),
            attention: { threadId, kind: "finished" },
          };
        }
        return { changed: this.set(threadId, "idle") };
      }
      case "thread/archived":
      case "thread/deleted":
      case "thread/closed":
        return { changed: this.states.delete(notification.params.threadId) };
      default:
        return { changed: false };
    }
  }

  /** The user looked at the thread: a finished or failed turn is no longer news. */
  markSeen(threadId: string): boolean {
    const current = this.states.get(threadId);
    if (current !== "unseen" && current !== "failed") return false;
    this.set(threadId, "idle");
    this.fire();
    return true;
  }

  /** codex went away: nothing runs or waits any more (outcomes not yet seen stay). */
  reset(): boolean {
    let changed = false;
    for (const [threadId, state] of this.states) {
      if (state === "running" || state === "waitingForApproval") {
        this.states.set(threadId, "idle");
        changed = true;
      }
    }
    if (this.retrying.size > 0) {
      this.retrying.clear();
      changed = true;
    }
    if (changed) this.fire();
    return changed;
  }

  stateOf(threadId: string): ThreadLiveState {
    return this.states.get(threadId) ?? "idle";
  }

  /** Threads waiting for the user's approval or answer (the Codex view's badge). */
  get waitingCount(): number {
    return [...this.states.values()].filter((state) => state === "waitingForApproval").length;
  }

  get summary(): ActivitySummary {
    let running = 0;
    for (const state of this.states.values()) {
      if (state === "running" || state === "waitingForApproval") running++;
    }
    return {
      running,
      waitingForApproval: this.waitingCount,
      reconnecting: this.retrying.size > 0,
    };
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private set(threadId: string, state: ThreadLiveState): boolean {
    const current = this.states.get(threadId) ?? "idle";
    if (current === state) return false;
    if (state === "idle") this.states.delete(threadId);
    else this.states.set(threadId, state);
    return true;
  }
}
