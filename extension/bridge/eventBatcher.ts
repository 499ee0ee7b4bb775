/**
 * Collects ThreadEvents and hands them on in batches, and paces the posts to the view: at most
 * one post per window (default 17 ms: one 60 Hz frame, rounded up), each batch coalesced so a burst of token deltas becomes
 * one append per field. Leading and trailing edge: events that arrive after a quiet window go out
 * after a short gather (default 4 ms) instead of at the window's end, so the first token of an
 * answer is on screen sooner; events that arrive within a window of the last post go out at that
 * window's end. A turn's completion goes out as soon as the window allows
 * (`max(now, lastPost + interval)`), and so does the first text of an agent message, with
 * everything pending before it: it is the token the reader waits for, so it is not gathered, and
 * after a quiet window (a model's first token comes after its request's round trip) it goes out
 * at once; within a window of another post it goes at that window's end, never as a second post
 * in one frame. Urgent events go before a deferred post. State patches that would land within a
 * window of another post (e.g. `account/rateLimits/updated` while a turn streams) are deferred to
 * an opening of their own through `defer` (ChatState does this when it is paced by a batcher).
 * Callers flush before any hydrate so a fresh view never sees an event twice or misses one.
 */
import { coalesceThreadEvents, type ThreadEvent } from "../../protocol/webview/threadEvents";

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Current time in ms (default `performance.now()`); a fake clock in tests. */
  now?(): number;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface EventBatcherOptions {
  /** Receives one coalesced batch per thread per flush, in arrival order of the threads. */
  deliver: (threadId: string, events: ThreadEvent[]) => void;
  /** Window between posts, in ms. Default 17: at most one post per 60 Hz frame, and no more
   * waiting than that; a wider window would delay every event in a burst that codex spreads over
   * a few frames (a turn's start, its user message, the first token) by a whole window each. */
  intervalMs?: number;
  /** How long the first events after a quiet window wait for company, in ms. Default 4. */
  gatherMs?: number;
  scheduler?: Scheduler;
}

/** What a paced poster (ChatState) needs from the batcher. */
export interface PostPacer {
  /** True when a post now would come within one window of the last or overtake pending events. */
  readonly mustDefer: boolean;
  /**
   * Runs `release` at the next opening; the latest `release` wins. It posts at most once and
   * says whether it did: an opening that posted it posts nothing else.
   */
  defer(release: () => boolean): void;
  /** Records a post made right now (outside an opening, or inside one: it makes no difference). */
  posted(): void;
}

export class EventBatcher implements PostPacer {
  private readonly deliver: (threadId: string, events: ThreadEvent[]) => void;
  private readonly intervalMs: number;
  private readonly gatherMs: number;
  private readonly scheduler: Scheduler;
  private readonly now: () => number;
  private pending = new Map<string, ThreadEvent[]>();
  /** When the oldest pending event arrived. */
  private eventsSince: number | undefined;
  /** A turn completion is pending: post as soon as the window allows. */
  private urgent = false;
  private deferred: { release: () => boolean; since: number } | undefined;
  /** Per thread, the agent message whose text was last pushed: later text of it is no first. */
  private readonly textStarted = new Map<string, string>();
  private lastPostAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private timerAt = Number.POSITIVE_INFINITY;
  private disposed = false;

  constructor(options: EventBatcherOptions) {
    this.deliver = options.deliver;
    this.intervalMs = options.intervalMs ?? 17;
    this.gatherMs = options.gatherMs ?? 4;
    this.scheduler = options.scheduler ?? realScheduler;
    const scheduler = this.scheduler;
    this.now = scheduler.now ? () => scheduler.now!() : () => performance.now();
  }

  push(threadId: string, event: ThreadEvent): void {
    if (this.disposed) return;
    let list = this.pending.get(threadId);
    if (!list) this.pending.set(threadId, (list = []));
    list.push(event);
    if (this.eventsSince === undefined) this.eventsSince = this.now();
    // A turn's end, and an agent message's first text (the token the reader waits for), go out as
    // soon as the window allows, neither gathered nor held for later text.
    if (event.type === "turnCompleted" || this.startsMessageText(threadId, event)) {
      this.urgent = true;
    }
    this.schedule();
  }

  /** True while events wait for the next flush. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  get mustDefer(): boolean {
    return (
      this.pending.size > 0 ||
      this.deferred !== undefined ||
      this.now() - this.lastPostAt < this.intervalMs
    );
  }

  defer(release: () => boolean): void {
    if (this.disposed) {
      release();
      return;
    }
    this.deferred = { release, since: this.deferred?.since ?? this.now() };
    this.schedule();
  }

  posted(): void {
    this.lastPostAt = this.now();
  }

  /** Delivers everything pending now, deferred posts included, the older first (e.g. before a
   * hydrate). */
  flush(): void {
    this.clearTimer();
    const deferredFirst =
      this.deferred !== undefined &&
      this.eventsSince !== undefined &&
      this.deferred.since < this.eventsSince;
    if (deferredFirst) this.releaseDeferred();
    this.deliverEvents();
    this.releaseDeferred();
  }

  /** Drops what is pending for `threadId` (e.g. a thread that is no longer shown). */
  discard(threadId: string): void {
    this.pending.delete(threadId);
    this.textStarted.delete(threadId);
    if (this.pending.size === 0) {
      this.eventsSince = undefined;
      this.urgent = false;
    }
  }

  dispose(): void {
    this.flush();
    this.disposed = true;
  }

  /** True for the first text of an agent message: a delta, or the item with its text when it
   * comes without deltas. */
  private startsMessageText(threadId: string, event: ThreadEvent): boolean {
    let itemId: string;
    if (event.type === "textAppended" && event.target === "agentText" && event.delta !== "") {
      itemId = event.itemId;
    } else if (
      event.type === "itemUpserted" &&
      event.item.type === "agentMessage" &&
      event.item.text !== ""
    ) {
      itemId = event.item.id;
    } else {
      return false;
    }
    if (this.textStarted.get(threadId) === itemId) return false;
    this.textStarted.set(threadId, itemId);
    return true;
  }

  /** (Re)arms the timer for the next opening, or opens now if that is allowed. */
  private schedule(): void {
    const now = this.now();
    let ready = Number.POSITIVE_INFINITY;
    if (this.eventsSince !== undefined) {
      // Events are ready `gatherMs` after the first of them, not a whole window later: after a
      // quiet window they go out almost at once (the pacing below holds them otherwise). The few
      // ms let lines that codex writes together but that arrive as separate reads (an answer's
      // `item/started` and its first delta, often 0.1–1 ms apart) share that first post.
      ready = this.urgent ? now : this.eventsSince + this.gatherMs;
    }
    if (this.deferred) ready = Math.min(ready, now);
    if (ready === Number.POSITIVE_INFINITY) return;
    const at = Math.max(ready, this.lastPostAt + this.intervalMs);
    if (at <= now) {
      this.open();
      return;
    }
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.scheduler.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        // Node's timers can fire up to a millisecond before `now()` reaches `at` (they run on the
        // loop's millisecond clock): check again rather than open a window early.
        this.schedule();
      },
      Math.ceil(at - now),
    );
  }

  /** One opening: posts the older of pending events and a deferred post (the other if that
   * posted nothing), then arms the timer for whatever is left. */
  private open(): void {
    this.clearTimer();
    // Urgent events go before a deferred post even if it is older: it waits one more window.
    const eventsFirst =
      this.eventsSince !== undefined &&
      (this.urgent || this.deferred === undefined || this.eventsSince <= this.deferred.since);
    if (eventsFirst) {
      if (!this.deliverEvents()) this.releaseDeferred();
    } else if (!this.releaseDeferred()) {
      this.deliverEvents();
    }
    this.schedule();
  }

  /** Posts the pending events; false when there were none. */
  private deliverEvents(): boolean {
    if (this.pending.size === 0) return false;
    const batches = this.pending;
    this.pending = new Map();
    this.eventsSince = undefined;
    this.urgent = false;
    for (const [threadId, events] of batches) {
      this.deliver(threadId, coalesceThreadEvents(events));
    }
    // Whoever delivers to a view counts as a post, whether or not it reports it through posted().
    this.lastPostAt = this.now();
    return true;
  }

  /** Runs the deferred post; false when there was none or it had nothing to post. */
  private releaseDeferred(): boolean {
    const deferred = this.deferred;
    if (!deferred) return false;
    this.deferred = undefined;
    if (!deferred.release()) return false;
    this.lastPostAt = this.now();
    return true;
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
