/**
 * Collects ThreadEvents and hands them on in batches: at most one flush per window (default
 * 24 ms), each batch coalesced so a burst of token deltas becomes one append per field. A turn's
 * completion flushes at once; callers flush before any hydrate so a fresh view never sees an
 * event twice or misses one.
 */
import { coalesceThreadEvents, type ThreadEvent } from "../../protocol/webview/threadEvents";

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface EventBatcherOptions {
  /** Receives one coalesced batch per thread per flush, in arrival order of the threads. */
  deliver: (threadId: string, events: ThreadEvent[]) => void;
  /** Window between flushes, in ms. Default 24. */
  intervalMs?: number;
  scheduler?: Scheduler;
}

export class EventBatcher {
  private readonly deliver: (threadId: string, events: ThreadEvent[]) => void;
  private readonly intervalMs: number;
  private readonly scheduler: Scheduler;
  private pending = new Map<string, ThreadEvent[]>();
  private timer: unknown;
  private disposed = false;

  constructor(options: EventBatcherOptions) {
    this.deliver = options.deliver;
    this.intervalMs = options.intervalMs ?? 24;
    this.scheduler = options.scheduler ?? realScheduler;
  }

  push(threadId: string, event: ThreadEvent): void {
    if (this.disposed) return;
    let list = this.pending.get(threadId);
    if (!list) this.pending.set(threadId, (list = []));
    list.push(event);
    if (event.type === "turnCompleted") {
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = this.scheduler.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.intervalMs);
    }
  }

  /** True while events wait for the next flush. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Delivers everything pending now. */
  flush(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) return;
    const batches = this.pending;
    this.pending = new Map();
    for (const [threadId, events] of batches) {
      this.deliver(threadId, coalesceThreadEvents(events));
    }
  }

  /** Drops what is pending for `threadId` (e.g. a thread that is no longer shown). */
  discard(threadId: string): void {
    this.pending.delete(threadId);
  }

  dispose(): void {
    this.flush();
    this.disposed = true;
  }
}
