/**
 * A tiny store: the host's ChatViewState plus the webview's own boot status and what of the thread
 * it shows (olderTurns.ts). `hydrate`, `patch` and `applyEvents` produce new objects only where
 * something changed (the shared reducer keeps untouched items identical), so memoised item
 * components skip re-rendering.
 *
 * Streamed text (a batch of `textAppended` to items the thread has) changes only those items: the
 * transcript's rows are built from the thread's `outline`, which such a batch leaves alone, and an
 * item row reads its item's latest text from `grown` (useLiveItem). So a delta re-renders the
 * message it extends, not the list, the rows and every row's hooks, 60 times a second.
 */
import { createContext } from "preact";
import { useContext, useLayoutEffect, useReducer, useRef } from "preact/hooks";
import { applyThreadEvents, type ThreadEvent } from "../../protocol/webview/threadEvents";
import type { ChatViewState, ThreadItem, ThreadView } from "../../protocol/webview/viewModel";
import type { WebviewChannel } from "../../protocol/webview/channel";
import type { HostNotificationParams } from "../../protocol/webview/messages";
import { setLanguage } from "../l10n";
import { readViewState } from "../viewState";
import {
  followThread,
  olderTurnsReducer,
  type OlderTurns,
  type OlderTurnsAction,
} from "./olderTurns";

export interface UiState {
  /** null until the first `state/hydrate`. */
  view: ChatViewState | null;
  /** What of the shown thread's turns is shown and held back (olderTurns.ts); null: no thread. */
  older: OlderTurns | null;
  /** `state/hydrate` did not arrive in time. */
  bootFailed: boolean;
  /**
   * The thread as of its last change other than streamed text: what the transcript's rows are
   * built from. null: no thread.
   */
  outline: ThreadView | null;
  /** Items of the outline whose text has grown since it was taken, by `itemKey`. */
  grown: ReadonlyMap<string, ThreadItem>;
}

const NOTHING_GROWN: ReadonlyMap<string, ThreadItem> = new Map();

/** One item of one turn, as a map key (item ids are unique within a turn). */
export function itemKey(turnId: string, itemId: string): string {
  return `${turnId}\u0000${itemId}`;
}

function findItem(thread: ThreadView, turnId: string, itemId: string): ThreadItem | undefined {
  // Streamed items are the latest ones: searched from the end.
  return thread.turns
    .findLast((turn) => turn.id === turnId)
    ?.items.findLast((item) => item.id === itemId);
}

/**
 * The items `events` grew, as they are in `after`, when the batch only appends text to items
 * `before` has; undefined when it changes anything else (a delta for an item not there yet
 * creates it).
 */
function grownItems(
  before: ThreadView,
  after: ThreadView,
  events: readonly ThreadEvent[],
): Map<string, ThreadItem> | undefined {
  const grown = new Map<string, ThreadItem>();
  for (const event of events) {
    if (event.type !== "textAppended") return undefined;
    const key = itemKey(event.turnId, event.itemId);
    if (grown.has(key)) continue;
    if (!findItem(before, event.turnId, event.itemId)) return undefined;
    const item = findItem(after, event.turnId, event.itemId);
    if (!item) return undefined;
    grown.set(key, item);
  }
  return grown;
}

type Listener = () => void;

export class Store {
  private state: UiState = {
    view: null,
    older: null,
    bootFailed: false,
    outline: null,
    grown: NOTHING_GROWN,
  };
  private readonly listeners = new Set<Listener>();

  getState(): UiState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: UiState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Sets the view (so boot did not fail), and with its thread what of it is shown. `grown`: the
   * change only appended text to these items, and the outline stays.
   */
  private setView(view: ChatViewState, grown?: ReadonlyMap<string, ThreadItem>): void {
    const { older, view: before } = this.state;
    const saved = () => readViewState().scroll;
    const followed = followThread(older, before?.thread ?? null, view.thread, saved);
    const outline = grown ? this.state.outline : view.thread;
    const allGrown = grown ? new Map([...this.state.grown, ...grown]) : NOTHING_GROWN;
    this.set({ view, older: followed, bootFailed: false, outline, grown: allGrown });
  }

  hydrate(view: ChatViewState): void {
    setLanguage(view.language ?? "en");
    this.setView(view);
  }

  patch(patch: HostNotificationParams<"state/patch">): void {
    const view = this.state.view;
    if (!view) return;
    const next: ChatViewState = { ...view };
    let changed = false;
    for (const [key, value] of Object.entries(patch) as [keyof ChatViewState, unknown][]) {
      if (value === undefined) continue;
      (next as unknown as Record<string, unknown>)[key] = value;
      changed = true;
    }
    if (!changed) return;
    if (patch.language) setLanguage(patch.language);
    this.setView(next);
  }

  /** Folds a batch of events into the current thread; batches for another thread are stale. */
  applyEvents(threadId: string, events: readonly ThreadEvent[]): void {
    const view = this.state.view;
    if (!view?.thread || view.thread.id !== threadId || events.length === 0) return;
    const thread = applyThreadEvents(view.thread, events);
    const grown =
      this.state.outline?.id === threadId ? grownItems(view.thread, thread, events) : undefined;
    this.setView({ ...view, thread }, grown);
  }

  /** A step in paging the shown thread's older turns. */
  pageOlder(action: OlderTurnsAction): void {
    const { older, view } = this.state;
    if (!older || !view?.thread) return;
    const next = olderTurnsReducer(older, view.thread, action);
    if (next !== older) this.set({ ...this.state, older: next });
  }

  /** Follows the host's state messages on `host`; dispose the result to stop. */
  follow(host: WebviewChannel): { dispose(): void } {
    const subscriptions = [
      host.on("state/hydrate", (view) => this.hydrate(view)),
      host.on("state/patch", (patch) => this.patch(patch)),
      host.on("thread/events", ({ threadId, events }) => this.applyEvents(threadId, events)),
    ];
    return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
  }

  failBoot(): void {
    if (this.state.view) return;
    this.set({ ...this.state, bootFailed: true });
  }
}

export const StoreContext = createContext<Store | null>(null);

export function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error("StoreContext is missing");
  return store;
}

/**
 * Subscribes the calling component to one slice of state; it re-renders only when that slice
 * changes identity.
 */
export function useSelector<T>(select: (state: UiState) => T): T {
  const store = useStore();
  const [, forceRender] = useReducer((n: number) => n + 1, 0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const value = select(store.getState());
  const valueRef = useRef(value);
  valueRef.current = value;
  useLayoutEffect(() => {
    const check = () => {
      if (!Object.is(selectRef.current(store.getState()), valueRef.current)) forceRender(0);
    };
    check();
    return store.subscribe(check);
  }, [store]);
  return value;
}

/**
 * `item`, a row's item from the outline, as it is now: with the text streamed into it since. The
 * row re-renders when its item grows.
 */
export function useLiveItem(turnId: string, item: ThreadItem): ThreadItem {
  return useSelector((state) => state.grown.get(itemKey(turnId, item.id)) ?? item);
}

/** The hydrated view state. Only for components rendered after hydration. */
export function useView<T>(select: (view: ChatViewState) => T): T {
  return useSelector((state) => select(state.view!));
}

/**
 * A turn of the thread on screen is running. codex runs one turn of a thread at a time, always its
 * latest, so only the last turn is looked at (a scan of every turn ran per row on each post).
 */
export function turnRunning(view: ChatViewState): boolean {
  return view.thread?.turns.at(-1)?.status === "inProgress";
}
