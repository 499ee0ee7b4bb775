/**
 * The first row of a resumed thread that codex has more turns of, and the paging behind it.
 * Earlier turns are fetched (`history/loadOlder`) up to two pages ahead of the reader and held
 * back: scrolling to the top (or a click on this row) shows the nearest held page at once and
 * fetches another, so the reader does not wait for the round trip to the host (100 ms and more
 * in code-server, several hundred on a busy machine). The thread opens with its latest page
 * shown, as before.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { readViewState } from "../viewState";
import { Button, ErrorText, Spinner } from "./common";

export type OlderTurnsState =
  { kind: "idle" } | { kind: "loading" } | { kind: "failed"; error: string };

/**
 * Pages held ahead: the second covers a round trip that takes longer than the reader needs to
 * reach the top again.
 */
const PAGES_AHEAD = 2;

/** The first turn shown of a thread; the turns before it are held back (null: none are). */
interface ShownFrom {
  threadId: string;
  turnId: string | null;
  /** The first turn of each page held back as it landed, the nearest page first. */
  pageStarts: string[];
}

/** How many of the thread's first turns are held back (a turn no longer there: none). */
function heldCount(thread: ThreadView, from: ShownFrom | null): number {
  if (from?.threadId !== thread.id || from.turnId === null) return 0;
  return Math.max(
    0,
    thread.turns.findIndex((turn) => turn.id === from.turnId),
  );
}

/**
 * Where a thread seen for the first time starts: after a reload, where it started when its
 * reading position was saved; otherwise at its first turn loaded.
 */
function initialShownFrom(thread: ThreadView): ShownFrom {
  const saved = readViewState().scroll;
  const turnId =
    saved?.threadId === thread.id && thread.turns.some((turn) => turn.id === saved.firstTurnId)
      ? saved.firstTurnId!
      : (thread.turns[0]?.id ?? null);
  return { threadId: thread.id, turnId, pageStarts: [] };
}

/** Pages held back: as many as landed, or one when they were held before a reload. */
function heldPages(thread: ThreadView, from: ShownFrom | null): number {
  return heldCount(thread, from) > 0 ? Math.max(1, from!.pageStarts.length) : 0;
}

/**
 * Paging the shown thread's older turns: `shown` is the thread as the transcript shows it
 * (without the pages held back), `load` is for the reader at the top, `state` for this row.
 * One request at a time per thread.
 */
export function useOlderTurns(thread: ThreadView | null) {
  const threadId = thread?.id ?? null;
  const [state, setState] = useState<OlderTurnsState>({ kind: "idle" });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const latest = useRef(thread);
  latest.current = thread;
  const from = useRef<ShownFrom | null>(null);
  if (thread && from.current?.threadId !== thread.id) from.current = initialShownFrom(thread);
  /** The thread a request is on its way for. */
  const busy = useRef<string | null>(null);
  /** The reader is at the top with nothing held back: the page on its way is shown as it lands. */
  const waiting = useRef(false);

  useEffect(() => {
    waiting.current = false;
    setState({ kind: "idle" });
  }, [threadId]);

  /** Everything loaded is shown; what lands from now on is held back. */
  const showAll = useCallback(() => {
    const current = latest.current;
    if (current)
      from.current = { threadId: current.id, turnId: current.turns[0]?.id ?? null, pageStarts: [] };
  }, []);

  const fetchPage = useCallback((id: string) => {
    busy.current = id;
    const settled = () => {
      if (busy.current === id) busy.current = null;
      return latest.current?.id === id && waiting.current;
    };
    request("history/loadOlder", { threadId: id })
      .then(() => {
        if (!settled()) return heldAhead(id);
        waiting.current = false;
        setState({ kind: "idle" });
        showAll();
        readAhead();
      })
      .catch((error: unknown) => {
        if (!settled()) return;
        waiting.current = false;
        setState({ kind: "failed", error: errorMessage(error) });
      });
  }, []);

  /** A page fetched ahead for `id` landed (its events came before the answer): it is held back. */
  const heldAhead = useCallback((id: string) => {
    const current = latest.current;
    const shown = from.current;
    const start = current?.turns[0]?.id;
    if (current?.id !== id || shown?.threadId !== id || start === undefined) return;
    if (heldCount(current, shown) > 0 && !shown.pageStarts.includes(start))
      shown.pageStarts.push(start);
    readAhead();
  }, []);

  /** Fetches the page before the first one loaded, to be held back, unless enough are held. */
  const readAhead = useCallback(() => {
    const current = latest.current;
    if (!current?.olderTurns || busy.current === current.id) return;
    const held = heldPages(current, from.current);
    if (held >= PAGES_AHEAD) return;
    if (held === 0) showAll();
    fetchPage(current.id);
  }, []);

  /** Shows the nearest page held back (all of them when where they start is not known). */
  const showHeldPage = useCallback(() => {
    const shown = from.current!;
    const start = shown.pageStarts.shift();
    if (start === undefined) showAll();
    else shown.turnId = start;
  }, []);

  const load = useCallback(() => {
    const current = latest.current;
    if (!current) return;
    if (heldCount(current, from.current) > 0) {
      showHeldPage();
      rerender(0);
      readAhead();
      return;
    }
    if (!current.olderTurns || waiting.current) return;
    waiting.current = true;
    from.current = { threadId: current.id, turnId: null, pageStarts: [] };
    setState({ kind: "loading" });
    if (busy.current !== current.id) fetchPage(current.id);
  }, []);

  // Once codex has loaded a resumed thread, the pages before its latest one are fetched ahead.
  const loading = thread?.loading === true;
  const more = thread?.olderTurns === true;
  useEffect(() => {
    if (threadId && !loading && more) readAhead();
  }, [threadId, loading, more]);

  const held = thread ? heldCount(thread, from.current) : 0;
  const shown = useMemo(
    () =>
      thread && held > 0
        ? { ...thread, turns: thread.turns.slice(held), olderTurns: true }
        : thread,
    [thread, held],
  );
  return { state, load, shown, firstTurnId: shown?.turns[0]?.id ?? null };
}

export function OlderTurns({ state, onLoad }: { state: OlderTurnsState; onLoad(): void }) {
  if (state.kind === "loading")
    return (
      <div class="older-turns">
        <Spinner label={t("transcript.loadingOlder")} />
      </div>
    );
  return (
    <div class="older-turns">
      {state.kind === "failed" && <ErrorText>{state.error}</ErrorText>}
      <Button variant="secondary" icon="fold-up" onClick={onLoad}>
        {state.kind === "failed" ? t("common.retry") : t("transcript.loadOlder")}
      </Button>
    </div>
  );
}
