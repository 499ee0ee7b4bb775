/**
 * The shown thread's older turns: which of the turns loaded are shown, and the pages of earlier
 * turns fetched ahead and held back for the reader. In code-server a page takes 100 ms and more to
 * come from the host, so up to two are fetched before the reader reaches the top, and reaching it
 * shows the nearest one at once. The store keeps this with the thread and changes both in one
 * step, so the transcript, its "Show earlier turns" row and the saved reading position all read
 * one value.
 */
import type { ThreadView } from "../../protocol/webview/viewModel";
import type { SavedScroll } from "../viewState";

/** The "Show earlier turns" row: the reader waits at the top for the page on its way, or it failed. */
export type OlderTurnsRow =
  { kind: "idle" } | { kind: "waiting" } | { kind: "failed"; error: string };

export interface OlderTurns {
  threadId: string;
  /** The first turn shown: the turns loaded before it are held back. null: no turns yet. */
  firstTurnId: string | null;
  /** Where each page held back starts, the nearest first (the last one is the thread's first turn). */
  pageStarts: string[];
  /** A `history/loadOlder` is on its way; one at a time. */
  fetching: boolean;
  row: OlderTurnsRow;
}

export type OlderTurnsAction =
  | { type: "reachedTop" }
  | { type: "fetching"; threadId: string }
  | { type: "fetched"; threadId: string; error?: string };

/** The second page covers a round trip that takes longer than the reader needs to reach the top. */
const PAGES_AHEAD = 2;

const IDLE: OlderTurnsRow = { kind: "idle" };

/**
 * A thread seen for the first time shows every turn loaded; after a reload, those held back when
 * its reading position was saved are held back again (the position is measured without them), as
 * one page: where they split is not saved.
 */
function opened(thread: ThreadView, saved: SavedScroll | null): OlderTurns {
  const first = thread.turns[0]?.id ?? null;
  const savedFirst = saved?.threadId === thread.id ? saved.firstTurnId : undefined;
  const held =
    first !== null &&
    savedFirst !== undefined &&
    savedFirst !== first &&
    thread.turns.some((turn) => turn.id === savedFirst);
  return {
    threadId: thread.id,
    firstTurnId: held ? savedFirst : first,
    pageStarts: held ? [first] : [],
    fetching: false,
    row: IDLE,
  };
}

/** `older` for `thread`, which replaced `before` in the store. */
export function followThread(
  older: OlderTurns | null,
  before: ThreadView | null,
  thread: ThreadView | null,
  saved: () => SavedScroll | null,
): OlderTurns | null {
  if (!thread) return null;
  if (older?.threadId !== thread.id || !before) return opened(thread, saved());
  const first = thread.turns[0]?.id ?? null;
  const was = before.turns[0]?.id ?? null;
  // Streaming and new turns change the thread's end only: the common case costs no search.
  if (first === was && thread.turns.length >= before.turns.length) return older;
  const has = (id: string | null) => id !== null && thread.turns.some((turn) => turn.id === id);
  if (first !== was && has(was)) {
    // A page landed in front: shown to a reader waiting at the top for it, held back otherwise.
    // Recorded as it lands, so its answer may come before or after it.
    return older.row.kind === "waiting"
      ? { ...older, firstTurnId: first, pageStarts: [], row: IDLE }
      : { ...older, pageStarts: [...older.pageStarts, first!] };
  }
  // Later turns went (a rollback): nothing changes unless the first shown went too. Otherwise, or
  // when the turns were replaced, everything loaded is shown.
  return first === was && has(older.firstTurnId)
    ? older
    : { ...older, firstTurnId: first, pageStarts: [] };
}

export function olderTurnsReducer(
  older: OlderTurns,
  thread: ThreadView,
  action: OlderTurnsAction,
): OlderTurns {
  switch (action.type) {
    case "reachedTop": {
      const [nearest, ...farther] = older.pageStarts;
      if (nearest !== undefined)
        return { ...older, firstTurnId: nearest, pageStarts: farther, row: IDLE };
      if (!thread.olderTurns || older.row.kind === "waiting") return older;
      return { ...older, row: { kind: "waiting" } };
    }
    case "fetching":
      return action.threadId === older.threadId ? { ...older, fetching: true } : older;
    case "fetched": {
      if (action.threadId !== older.threadId) return older;
      // A reader still waiting waits for the page to land (the answer can come first).
      const failed = action.error !== undefined && older.row.kind === "waiting";
      return {
        ...older,
        fetching: false,
        row: failed ? { kind: "failed", error: action.error! } : older.row,
      };
    }
  }
}

/**
 * Whether to fetch a page now: for a reader waiting at the top; otherwise, once codex has loaded
 * the thread, until two are held.
 */
export function wantsPage(thread: ThreadView, older: OlderTurns): boolean {
  if (older.threadId !== thread.id || !thread.olderTurns || older.fetching) return false;
  return older.row.kind === "waiting" || (!thread.loading && older.pageStarts.length < PAGES_AHEAD);
}

/** The thread as the transcript shows it: without the turns held back. */
export function shownThread(
  thread: ThreadView | null,
  older: OlderTurns | null,
): ThreadView | null {
  if (!thread || older?.threadId !== thread.id || older.pageStarts.length === 0) return thread;
  const held = thread.turns.findIndex((turn) => turn.id === older.firstTurnId);
  return held > 0 ? { ...thread, turns: thread.turns.slice(held), olderTurns: true } : thread;
}
