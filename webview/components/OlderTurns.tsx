/**
 * The first row of a resumed thread that codex has more turns of, and the requests behind it.
 * What is shown and held back lives in the store (state/olderTurns.ts); this fetches the pages:
 * ahead of the reader once codex has loaded the thread, and for a reader waiting at the top.
 */
import { useCallback, useEffect } from "preact/hooks";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t } from "../l10n";
import { wantsPage, type OlderTurnsRow } from "../state/olderTurns";
import { useStore, type Store } from "../state/store";
import { Button, ErrorText, Spinner } from "./common";

/** Fetches the page before the first one loaded if one is wanted, and looks again after each. */
function readAhead(store: Store): void {
  const { view, older } = store.getState();
  const thread = view?.thread;
  if (!thread || !older || !wantsPage(thread, older)) return;
  const threadId = thread.id;
  store.pageOlder({ type: "fetching", threadId });
  request("history/loadOlder", { threadId }).then(
    () => {
      store.pageOlder({ type: "fetched", threadId });
      readAhead(store);
    },
    // Not fetched again until the reader reaches the top: no retry loop against a failing host.
    (error: unknown) => store.pageOlder({ type: "fetched", threadId, error: errorMessage(error) }),
  );
}

/**
 * Pages `thread`'s older turns: ahead of the reader once codex has loaded it. The result is for
 * the reader at the top: it shows the nearest page held back, or waits for one.
 */
export function useOlderTurns(thread: ThreadView | null): () => void {
  const store = useStore();
  const threadId = thread?.id;
  const loading = thread?.loading === true;
  const more = thread?.olderTurns === true;
  useEffect(() => readAhead(store), [store, threadId, loading, more]);
  return useCallback(() => {
    store.pageOlder({ type: "reachedTop" });
    readAhead(store);
  }, [store]);
}

export function OlderTurns({ row, onLoad }: { row: OlderTurnsRow; onLoad(): void }) {
  if (row.kind === "waiting")
    return (
      <div class="older-turns">
        <Spinner label={t("transcript.loadingOlder")} />
      </div>
    );
  return (
    <div class="older-turns">
      {row.kind === "failed" && <ErrorText>{row.error}</ErrorText>}
      <Button variant="secondary" icon="fold-up" onClick={onLoad}>
        {row.kind === "failed" ? t("common.retry") : t("transcript.loadOlder")}
      </Button>
    </div>
  );
}
