/**
 * When a thread's approval notification may be decided. codex marks a thread waiting
 * (`thread/status/changed`) just before it sends the approval request itself, so at that moment
 * the request is usually in no bridge yet, and whether the notification can offer Approve /
 * Decline (quickCommandApproval.ts) is not known. The notification waits for the broker to report
 * the request registered (ApprovalBroker's `onWaitingChanged`), never for a clock.
 */
import type { Disposable } from "../connection/port";
import type { WaitingApproval } from "./quickCommandApproval";

/** The approvals waiting in every bridge (sidebar, editor panels). */
export interface ApprovalSource {
  waiting(threadId: string): WaitingApproval[];
  /** Calls `listener` with a thread's id when one of its approvals starts or stops waiting. */
  onDidChange(listener: (threadId: string) => void): Disposable;
}

export class ApprovalRequestWaits implements Disposable {
  /** Per thread, the one wait for its approvals to arrive. */
  private readonly pending = new Map<string, (found: WaitingApproval[] | undefined) => void>();
  private readonly subscription: Disposable;

  constructor(private readonly source: ApprovalSource) {
    this.subscription = source.onDidChange((threadId) => this.changed(threadId));
  }

  /**
   * The thread's waiting approvals: at once when there are any, else as soon as the first one
   * registers. Undefined when the wait is cancelled first (a newer wait for the thread included).
   */
  whenWaiting(threadId: string): Promise<WaitingApproval[] | undefined> {
    this.cancel(threadId);
    const found = this.source.waiting(threadId);
    if (found.length > 0) return Promise.resolve(found);
    return new Promise((resolve) => this.pending.set(threadId, resolve));
  }

  /** Ends the thread's wait, if any (its promise gives undefined); true when there was one. */
  cancel(threadId: string): boolean {
    const resolve = this.pending.get(threadId);
    if (!resolve) return false;
    this.pending.delete(threadId);
    resolve(undefined);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const threadId of [...this.pending.keys()]) this.cancel(threadId);
  }

  private changed(threadId: string): void {
    const resolve = this.pending.get(threadId);
    if (!resolve) return;
    // An approval that stopped waiting before any arrived leaves nothing to decide on yet.
    const found = this.source.waiting(threadId);
    if (found.length === 0) return;
    this.pending.delete(threadId);
    resolve(found);
  }
}
