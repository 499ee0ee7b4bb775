/**
 * A checkpoint for every turn: the glue between codex's turn lifecycle and the CheckpointStore.
 * `begin` runs before `turn/start` goes out (the store scans, so the turn's before-state is
 * complete), the answer's turn id names the checkpoint, a `fileChange` item's paths are recorded
 * as it starts, and the turn's end (completed, failed or interrupted) finishes it. A turn this
 * module did not see begin (started by another client) is checkpointed from its `turn/started`
 * on and marked incomplete. Nothing here may block or break a turn: every store failure is
 * logged, and the turn's summary then says its checkpoint is incomplete.
 */
import type { CheckpointStore, TurnChanges, TurnHandle } from "../checkpoints";
import type { NotificationHandlers } from "../connection/notifications";
import { notificationDispatcher } from "../connection/notifications";
import type { AppServerPort, Disposable } from "../connection/port";
import type { Logger } from "../log";
import type { ThreadView, TurnCheckpointView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";

/** The store calls this module makes (a real CheckpointStore, or a fake in tests). */
export type CheckpointStoreApi = Pick<
  CheckpointStore,
  "beginTurn" | "recordPatch" | "finishTurn" | "listTurns" | "getTurn"
>;

/** The checkpoint of one turn being started: the session names it, or gives up on it. */
export interface TurnTicket {
  /** codex answered `turn/start` with this turn. */
  bind(turnId: string): void;
  /** `turn/start` failed: no turn runs. */
  abandon(): void;
}

export interface CheckpointChange {
  threadId: string;
  turnId: string;
  checkpoint: TurnCheckpointView;
}

interface Pending {
  threadId: string;
  /** codex's turn id, once known. */
  turnId: string | undefined;
  /** The store's handle; undefined when beginTurn failed. */
  handle: Promise<TurnHandle | undefined>;
  /** Something went wrong (or the turn began late): the summary must say incomplete. */
  degraded: boolean;
  recording: Promise<void>;
}

const noTicket: TurnTicket = { bind: () => undefined, abandon: () => undefined };

/** The summary the transcript shows, from the store's persisted manifest. */
export function checkpointView(changes: TurnChanges, degraded = false): TurnCheckpointView {
  return {
    files: changes.files.map((file) => ({
      path: file.path,
      previousPath: file.previousPath ?? null,
      kind: file.kind,
      added: file.added,
      removed: file.removed,
      binary: file.binary,
    })),
    incomplete: changes.incomplete || degraded,
    undone: changes.undone
      ? changes.undone.results.map((result) => ({ path: result.path, outcome: result.outcome }))
      : null,
  };
}

export class TurnCheckpoints {
  private readonly pending = new Set<Pending>();
  private readonly listeners = new Set<(change: CheckpointChange) => void>();
  private provisional = 0;

  constructor(
    /** The store, or undefined while checkpoints are off (untrusted, disabled, no folder). */
    private readonly store: () => CheckpointStoreApi | undefined,
    private readonly logger: Logger,
  ) {}

  /** Each finished (or undone) turn's summary; bridges post it to the thread's view. */
  onDidChange(listener: (change: CheckpointChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells the views a turn's summary changed (after an undo, for example). */
  publish(change: CheckpointChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  /**
   * Before `turn/start` is sent for `threadId`: resolves once the store has the before-state
   * (never rejects; a failure only degrades the turn's summary).
   */
  async begin(threadId: string): Promise<TurnTicket> {
    const store = this.store();
    if (!store) return noTicket;
    const entry = this.track(threadId, undefined, store.beginTurn(threadId, this.nextId()));
    await entry.handle;
    return {
      // codex's answer names the turn (a review's `turn/started` may carry another id).
      bind: (turnId) => {
        entry.turnId = turnId;
      },
      abandon: () => {
        if (entry.turnId !== undefined) return;
        this.pending.delete(entry);
        void this.finish(entry, undefined);
      },
    };
  }

  /** Stored summaries of `view`'s turns, attached to it (on resume, reload, restore). */
  decorate(view: ThreadView): ThreadView {
    const store = this.store();
    if (!store) return view;
    let summaries: Map<string, TurnChanges>;
    try {
      summaries = new Map(store.listTurns(view.id).map((turn) => [turn.turnId, turn]));
    } catch (error) {
      this.logger.warn(`checkpoints of thread ${view.id} unreadable: ${describeError(error)}`);
      return view;
    }
    if (summaries.size === 0) return view;
    const turns = view.turns.map((turn) => {
      const changes = summaries.get(turn.id);
      return changes && (changes.files.length > 0 || changes.incomplete)
        ? { ...turn, checkpoint: checkpointView(changes) }
        : turn;
    });
    return { ...view, turns };
  }

  /** The turn lifecycle, as `attach` subscribes it. */
  readonly notifications: NotificationHandlers = {
    "turn/started": ({ threadId, turn }) => {
      // One turn per thread at a time: a checkpoint already under way covers this turn (its
      // id comes with codex's answer to turn/start, which may arrive after this notification).
      const known = [...this.pending].find((entry) => entry.threadId === threadId);
      if (known) {
        known.turnId ??= turn.id;
        return;
      }
      // A turn no `begin` announced: checkpointed from now on, so its undo may not be exact.
      const store = this.store();
      if (!store) return;
      const entry = this.track(threadId, turn.id, store.beginTurn(threadId, this.nextId()));
      entry.degraded = true;
    },
    "item/started": ({ threadId, turnId, item }) => {
      if (item.type !== "fileChange") return;
      const entry = this.find(threadId, turnId);
      if (!entry) return;
      const paths = item.changes.flatMap((change) =>
        change.kind.type === "update" && change.kind.move_path
          ? [change.path, change.kind.move_path]
          : [change.path],
      );
      entry.recording = entry.recording.then(async () => {
        const handle = await entry.handle;
        if (!handle) return;
        const store = this.store();
        await store?.recordPatch(handle, paths).catch((error: unknown) => {
          entry.degraded = true;
          this.logger.warn(`checkpoint: recording a patch failed: ${describeError(error)}`);
        });
      });
    },
    "turn/completed": ({ threadId, turn }) => {
      const entry = this.find(threadId, turn.id);
      if (!entry) return;
      this.pending.delete(entry);
      void this.finish(entry, turn.id);
    },
  };

  /**
   * Follows `port`'s turns (once per connection, not per view: each turn is checkpointed once).
   * When the app-server goes away, its running turns are over: their checkpoints are finished.
   */
  attach(port: Pick<AppServerPort, "onNotification" | "onDidChangeState">): Disposable {
    const subscriptions = [
      port.onNotification(notificationDispatcher([this.notifications])),
      port.onDidChangeState((state) => {
        if (state.kind === "ready") return;
        for (const entry of [...this.pending]) {
          if (entry.turnId === undefined) continue;
          this.pending.delete(entry);
          entry.degraded = true;
          void this.finish(entry, entry.turnId);
        }
      }),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }

  /** Waits for every checkpoint in progress to finish (tests; deactivation). */
  async settled(): Promise<void> {
    while (this.finishing.size > 0) await Promise.all([...this.finishing]);
  }

  private readonly finishing = new Set<Promise<void>>();

  private finish(entry: Pending, turnId: string | undefined): Promise<void> {
    const run = (async () => {
      const handle = await entry.handle;
      await entry.recording;
      const store = this.store();
      if (!handle || !store) {
        if (turnId) this.publishIncomplete(entry.threadId, turnId);
        return;
      }
      try {
        const changes = await store.finishTurn(handle, turnId ? { turnId } : {});
        if (!turnId) return;
        if (changes.files.length === 0 && !changes.incomplete && !entry.degraded) return;
        this.publish({
          threadId: entry.threadId,
          turnId,
          checkpoint: checkpointView(changes, entry.degraded),
        });
      } catch (error) {
        this.logger.warn(`checkpoint of turn ${turnId ?? "?"} failed: ${describeError(error)}`);
        if (turnId) this.publishIncomplete(entry.threadId, turnId);
      }
    })();
    this.finishing.add(run);
    void run.finally(() => this.finishing.delete(run));
    return run;
  }

  private publishIncomplete(threadId: string, turnId: string): void {
    this.publish({ threadId, turnId, checkpoint: { files: [], incomplete: true, undone: null } });
  }

  private track(threadId: string, turnId: string | undefined, begun: Promise<TurnHandle>): Pending {
    const entry: Pending = {
      threadId,
      turnId,
      degraded: false,
      recording: Promise.resolve(),
      handle: begun.catch((error: unknown) => {
        entry.degraded = true;
        this.logger.warn(`checkpoint: beginning a turn failed: ${describeError(error)}`);
        return undefined;
      }),
    };
    this.pending.add(entry);
    return entry;
  }

  private find(threadId: string, turnId: string): Pending | undefined {
    for (const entry of this.pending) {
      if (entry.threadId === threadId && entry.turnId === turnId) return entry;
    }
    return undefined;
  }

  private nextId(): string {
    return `pending-${Date.now().toString(36)}-${++this.provisional}`;
  }
}
