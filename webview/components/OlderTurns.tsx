/**
 * The first row of a resumed thread that codex has more turns of: earlier turns are fetched
 * (`history/loadOlder`) when the user scrolls to the top, or on a click on this row.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { Button, ErrorText, Spinner } from "./common";

export type OlderTurnsState =
  { kind: "idle" } | { kind: "loading" } | { kind: "failed"; error: string };

/** Fetching the shown thread's older turns: one request at a time, its state for the row. */
export function useOlderTurns(threadId: string | null, more: boolean) {
  const [state, setState] = useState<OlderTurnsState>({ kind: "idle" });
  const busy = useRef(false);
  const shown = useRef(threadId);
  shown.current = threadId;
  useEffect(() => setState({ kind: "idle" }), [threadId]);
  const load = useCallback(() => {
    if (!threadId || !more || busy.current) return;
    busy.current = true;
    setState({ kind: "loading" });
    request("history/loadOlder", { threadId })
      .then(() => shown.current === threadId && setState({ kind: "idle" }))
      .catch((error: unknown) => {
        if (shown.current === threadId) setState({ kind: "failed", error: errorMessage(error) });
      })
      .finally(() => (busy.current = false));
  }, [threadId, more]);
  return { state, load };
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
