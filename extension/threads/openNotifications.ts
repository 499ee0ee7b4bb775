/**
 * Each thread's one notification the user has not dealt with yet ("never more than one per
 * thread"), from the moment the notifier decides on it until it closes; while it is open the
 * thread's news is not repeated.
 *
 * An approval's notification first waits for codex's request: codex marks a thread waiting
 * (`thread/status/changed`) just before it sends the request, so at that moment the request is in
 * no bridge yet and whether the notification can offer Approve / Decline (quickCommandApproval.ts)
 * is not known. It waits for a bridge to report the request registered, never for a clock.
 *
 * VS Code cannot close an extension's notification, and one that moved to the notification center
 * stays open until the user clears it there, so a notification also stops counting when the user
 * deals with the thread some other way: looks at it, answers its approval in the chat, or starts a
 * turn. Otherwise one stale notification would silence that thread for good.
 */
import type { Disposable } from "../connection/port";
import type { WaitingApproval } from "./quickCommandApproval";

/** The approvals waiting in every bridge (sidebar, editor panels). */
export interface ApprovalSource {
  waiting(threadId: string): WaitingApproval[];
  /** Calls `listener` with a thread's id when one of its approvals starts or stops waiting. */
  onDidChange(listener: (threadId: string) => void): Disposable;
}

export interface OpenNotification {
  readonly threadId: string;
  /**
   * The approvals the notification may offer once it can show: none for news that is not an
   * approval. Undefined when it was dropped before codex's request came (it never shows).
   */
  readonly ready: Promise<WaitingApproval[] | undefined>;
}

interface Entry {
  readonly notification: OpenNotification;
  /** Set while an approval's notification waits for codex's request. */
  requestArrived?: (found: WaitingApproval[] | undefined) => void;
}

export class OpenNotifications implements Disposable {
  private readonly byThread = new Map<string, Entry>();
  private readonly subscription: Disposable;

  constructor(private readonly approvals: ApprovalSource) {
    this.subscription = approvals.onDidChange((threadId) => this.approvalsChanged(threadId));
  }

  /** Whether the thread's news is held back by its open notification. */
  has(threadId: string): boolean {
    return this.byThread.has(threadId);
  }

  /**
   * A notification of the thread is decided; pass it to `closed` when VS Code says it closed. An
   * approval's waits for codex's request unless one is already in a bridge.
   */
  open(threadId: string, isApproval: boolean): OpenNotification {
    this.dropUnshown(threadId);
    let requestArrived: Entry["requestArrived"];
    const found = isApproval ? this.approvals.waiting(threadId) : [];
    const ready =
      isApproval && found.length === 0
        ? new Promise<WaitingApproval[] | undefined>((resolve) => (requestArrived = resolve))
        : Promise.resolve(found);
    const notification = { threadId, ready };
    this.byThread.set(threadId, { notification, requestArrived });
    return notification;
  }

  /** That notification closed (clicked or dismissed); a newer one of the thread stays open. */
  closed(notification: OpenNotification): void {
    if (this.byThread.get(notification.threadId)?.notification === notification) {
      this.byThread.delete(notification.threadId);
    }
  }

  /**
   * The thread has newer news: a notification still waiting for codex's request was never shown,
   * and the news takes its place. One already shown stays open.
   */
  dropUnshown(threadId: string): void {
    if (this.byThread.get(threadId)?.requestArrived) this.seen(threadId);
  }

  /** The user dealt with the thread elsewhere: its next news may notify again. */
  seen(threadId: string): boolean {
    const entry = this.byThread.get(threadId);
    if (!entry) return false;
    this.byThread.delete(threadId);
    entry.requestArrived?.(undefined);
    return true;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const threadId of [...this.byThread.keys()]) this.dropUnshown(threadId);
  }

  private approvalsChanged(threadId: string): void {
    const entry = this.byThread.get(threadId);
    if (!entry?.requestArrived) return;
    // An approval that stopped waiting before any arrived leaves nothing to decide on yet.
    const found = this.approvals.waiting(threadId);
    if (found.length === 0) return;
    const arrived = entry.requestArrived;
    entry.requestArrived = undefined;
    arrived(found);
  }
}
