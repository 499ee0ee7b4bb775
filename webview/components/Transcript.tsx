/**
 * The thread as a windowed list of rows: items, turn plans and ends, inline approvals, and the
 * slash-command cards last.
 */
import { Component, type ComponentChildren } from "preact";
import { useCallback, useMemo } from "preact/hooks";
import { reportError } from "../host";
import { t } from "../l10n";
import { shownThread, type OlderTurnsRow } from "../state/olderTurns";
import { useLiveItem, useSelector, useStore, useView } from "../state/store";
import { readViewState, updateViewState } from "../viewState";
import { ApprovalCard } from "./approvals/ApprovalCard";
import { AutoReviewRow } from "./approvals/AutoReviewRow";
import { Card } from "./Cards";
import { EmptyState } from "./common";
import { ItemView } from "./items/ItemView";
import { HookRun } from "./items/AgentItems";
import { GenericItem } from "./items/ToolItems";
import { OlderTurns, useOlderTurns } from "./OlderTurns";
import { turnChangeStats } from "./items/diffStats";
import { TurnEnd, TurnPlan } from "./items/TurnRows";
import { buildRows, estimateRowHeight, type Row } from "./rows";
import { VirtualList, type VirtualListController } from "./VirtualList";

/** One broken row renders as a neutral row instead of blanking the transcript. */
class RowBoundary extends Component<{ children: ComponentChildren; rowKey: string }> {
  override state = { failed: false };
  static override getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    reportError(`row ${this.props.rowKey} failed to render: ${String(error)}`);
  }
  override render() {
    return this.state.failed ? <GenericItem item={{ type: "error" }} /> : this.props.children;
  }
}

/** An item's row, with the text streamed into the item since the rows were built. */
function ItemRow({ row }: { row: Extract<Row, { kind: "item" }> }) {
  const item = useLiveItem(row.turnId, row.item);
  return <ItemView item={item} turnId={row.turnId} active={row.active} />;
}

function renderRow(row: Row, older: OlderTurnsRow, loadOlder: () => void) {
  let content;
  switch (row.kind) {
    case "item":
      content = <ItemRow row={row} />;
      break;
    case "plan":
      content = <TurnPlan plan={row.plan} />;
      break;
    case "turnEnd":
      content = (
        <TurnEnd
          turnId={row.turn.id}
          status={row.turn.status}
          error={row.turn.error}
          checkpoint={row.turn.checkpoint}
          {...(turnChangeStats(row.turn) ?? { added: 0, removed: 0 })}
        />
      );
      break;
    case "approval":
      content = <ApprovalCard approval={row.approval} />;
      break;
    case "review":
      content = <AutoReviewRow review={row.review} />;
      break;
    case "card":
      content = <Card card={row.card} />;
      break;
    case "older":
      content = <OlderTurns row={older} onLoad={loadOlder} />;
      break;
    case "hook":
      content = <HookRun run={row.hook.run} />;
      break;
  }
  return <RowBoundary rowKey={row.key}>{content}</RowBoundary>;
}

const getKey = (row: Row) => row.key;
const IDLE_ROW: OlderTurnsRow = { kind: "idle" };

let saveTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Saves where `threadId` is read (null: at its latest turn), together with the thread, so a save
 * that lands after a switch still belongs to the thread it was made for, and with the first turn
 * shown, as the position is measured from it (older turns loaded but held back are not shown).
 */
function saveScroll(threadId: string | undefined, top: number | null, firstTurnId: string | null) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    updateViewState({
      scroll:
        threadId !== undefined && top !== null
          ? { threadId, top, ...(firstTurnId !== null ? { firstTurnId } : {}) }
          : null,
    });
  }, 200);
}

/** The saved reading position if it is `threadId`'s; any other thread opens at its latest turn. */
function savedScrollTop(threadId: string | undefined): number | null {
  const saved = readViewState().scroll;
  return saved !== null && saved.threadId === threadId ? saved.top : null;
}

export function Transcript({
  controllerRef,
}: {
  controllerRef: { current: VirtualListController | null };
}) {
  const store = useStore();
  // Streamed text does not change the outline: it goes to the item's row alone (useLiveItem).
  const loaded = useSelector((state) => state.outline);
  const older = useSelector((state) => state.older);
  const approvals = useView((view) => view.approvals);
  const cards = useView((view) => view.cards);
  const reviews = useView((view) => view.reviews);
  // The thread as shown: without the pages of older turns held back for the reader.
  const thread = useMemo(() => shownThread(loaded, older), [loaded, older]);
  const loadOlder = useOlderTurns(loaded);
  const rows = useMemo(
    () => buildRows(thread, approvals, cards ?? [], reviews ?? []),
    [thread, approvals, cards, reviews],
  );
  // Read once per thread, not on every streamed render.
  const threadId = thread?.id;
  const initialScrollTop = useMemo(() => savedScrollTop(threadId), [threadId]);
  const onScroll = useCallback(
    (top: number | null) => saveScroll(threadId, top, store.getState().older?.firstTurnId ?? null),
    [store, threadId],
  );
  const row = older?.row ?? IDLE_ROW;
  const render = useCallback((each: Row) => renderRow(each, row, loadOlder), [row, loadOlder]);
  if (rows.length === 0) {
    return (
      <div class="transcript transcript-empty">
        <EmptyState icon="comment-discussion">
          <div class="empty-title">{t("transcript.emptyTitle")}</div>
          <div class="muted">{t("transcript.emptyHint")}</div>
        </EmptyState>
      </div>
    );
  }
  return (
    // Busy while codex still loads a resumed thread (its turns may be completed by the load).
    <div class="transcript" aria-busy={thread?.loading === true}>
      <VirtualList
        key={thread?.id}
        rows={rows}
        getKey={getKey}
        estimateHeight={estimateRowHeight}
        renderRow={render}
        onNearTop={loadOlder}
        initialScrollTop={initialScrollTop}
        onScrollPositionChange={onScroll}
        controllerRef={controllerRef}
        label={t("transcript.label")}
      />
    </div>
  );
}
