/**
 * The first row of a resumed thread that codex has more turns of, and the paging behind it.
 * Earlier turns are fetched (`history/loadOlder`) one page ahead of the reader and held back:
 * scrolling to the top (or a click on this row) shows the held page at once and fetches the next
 * one, so the reader does not wait for the round trip to the host (100 ms and more in
 * code-server). The thread opens with its latest page shown, as before.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { readViewState } from "../viewState";
import { Button, ErrorText, Spinner } from "./common";

export type OlderTurnsState =
  { kind: "idle" } | { kind: "loading" } | { kind: "failed"; error: string };

/** The first turn shown of a thread; the turns before it are held back (null: none are). */
interface ShownFrom {
  threadId: string;
  turnId: string | null;
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
  return { threadId: thread.id, turnId };
}

/**
 * Paging the shown thread's older turns: `shown` is the thread as the transcript shows it
 * (without the held-back page), `load` is for the reader at the top, `state` for this row.
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
    if (current) from.current = { threadId: current.id, turnId: current.turns[0]?.id ?? null };
  }, []);

  const fetchPage = useCallback((id: string) => {
    busy.current = id;
    const settled = () => {
      if (busy.current === id) busy.current = null;
      return latest.current?.id === id && waiting.current;
    };
    request("history/loadOlder", { threadId: id })
      .then(() => {
        if (!settled()) return;
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

  /** Fetches the page before the first one shown, to be held back, unless one is held already. */
  const readAhead = useCallback(() => {
    const current = latest.current;
    if (!current?.olderTurns || busy.current === current.id) return;
    if (heldCount(current, from.current) > 0) return;
    showAll();
    fetchPage(current.id);
  }, []);

  const load = useCallback(() => {
    const current = latest.current;
    if (!current) return;
    if (heldCount(current, from.current) > 0) {
      showAll();
      rerender(0);
      readAhead();
      return;
    }
    if (!current.olderTurns || waiting.current) return;
    waiting.current = true;
    from.current = { threadId: current.id, turnId: null };
    setState({ kind: "loading" });
    if (busy.current !== current.id) fetchPage(current.id);
  }, []);

  // Once codex has loaded a resumed thread, the page before its latest one is fetched ahead.
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
