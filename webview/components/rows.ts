/**
 * Flattens the thread (turns → items) and the approvals into the rows the transcript windows
 * over. Rows keep references to the store's objects, so row components can be memoised on them.
 */
import type {
  ApprovalView,
  AutoReviewView,
  CardView,
  HookRunView,
  ThreadItem,
  ThreadView,
  TurnView,
} from "../../protocol/webview/viewModel";
import { itemKey } from "../state/store";
import { turnChangeStats } from "./items/diffStats";

export type Row =
  | { kind: "item"; key: string; turnId: string; item: ThreadItem; active: boolean }
  | { kind: "plan"; key: string; turnId: string; plan: NonNullable<TurnView["plan"]> }
  | { kind: "turnEnd"; key: string; turn: TurnView }
  | { kind: "approval"; key: string; approval: ApprovalView }
  /** codex's auto-reviewer decided an approval: after the item it is about. */
  | { kind: "review"; key: string; review: AutoReviewView }
  | { kind: "card"; key: string; card: CardView }
  /** codex has earlier turns than the first one shown: fetched at the top of the transcript. */
  | { kind: "older"; key: string; threadId: string }
  /** A hook from config.toml ran in the turn. */
  | { kind: "hook"; key: string; turnId: string; hook: HookRunView };

export function approvalRowKey(approvalId: string): string {
  return `approval:${approvalId}`;
}

function approvalPlace(approval: ApprovalView): { turnId: string | null; itemId: string | null } {
  const params = approval.request.params as { turnId?: string | null; itemId?: string | null };
  return { turnId: params.turnId ?? null, itemId: params.itemId ?? null };
}

/**
 * A command waiting for the user's approval is shown once, by its card: the card takes the
 * place of the command's running row (which could only repeat the command and say "running")
 * until it is answered. Input to a running process keeps the process's row.
 */
function approvalReplacesItem(approval: ApprovalView): boolean {
  return (
    approval.status === "pending" &&
    approval.request.kind === "command" &&
    approval.request.params.kind !== "writeStdin"
  );
}

function turnHasEnd(turn: TurnView): boolean {
  return (
    turn.error !== null ||
    turn.status === "interrupted" ||
    turn.status === "failed" ||
    turn.checkpoint !== undefined ||
    turnChangeStats(turn) !== null
  );
}

export function buildRows(
  thread: ThreadView | null,
  approvals: readonly ApprovalView[],
  cards: readonly CardView[] = [],
  reviews: readonly AutoReviewView[] = [],
): Row[] {
  const rows: Row[] = [];
  const byItem = new Map<string, ApprovalView[]>();
  const byTurn = new Map<string, ApprovalView[]>();
  const loose: ApprovalView[] = [];
  const itemIds = new Set<string>();
  const turnIds = new Set<string>();
  for (const turn of thread?.turns ?? []) {
    turnIds.add(turn.id);
    for (const item of turn.items) itemIds.add(itemKey(turn.id, item.id));
  }
  for (const approval of approvals) {
    const { turnId, itemId } = approvalPlace(approval);
    const sameThread = thread !== null && approval.threadId === thread.id;
    if (sameThread && turnId && itemId && itemIds.has(itemKey(turnId, itemId))) {
      const key = itemKey(turnId, itemId);
      byItem.set(key, [...(byItem.get(key) ?? []), approval]);
    } else if (sameThread && turnId && turnIds.has(turnId)) {
      byTurn.set(turnId, [...(byTurn.get(turnId) ?? []), approval]);
    } else {
      loose.push(approval);
    }
  }
  const reviewsByItem = new Map<string, AutoReviewView[]>();
  const reviewsByTurn = new Map<string, AutoReviewView[]>();
  for (const review of reviews) {
    if (thread === null || review.threadId !== thread.id) continue;
    const key = itemKey(review.turnId, review.targetItemId ?? "");
    if (review.targetItemId && itemIds.has(key)) {
      reviewsByItem.set(key, [...(reviewsByItem.get(key) ?? []), review]);
    } else {
      reviewsByTurn.set(review.turnId, [...(reviewsByTurn.get(review.turnId) ?? []), review]);
    }
  }
  const pushReviews = (list: AutoReviewView[] | undefined) => {
    for (const review of list ?? [])
      rows.push({ kind: "review", key: `review:${review.id}`, review });
  };
  const pushApprovals = (list: ApprovalView[] | undefined) => {
    for (const approval of list ?? [])
      rows.push({ kind: "approval", key: approvalRowKey(approval.id), approval });
  };
  // Keyed by the turn it stands before: once older turns are in front of it, it is a new row.
  if (thread?.olderTurns)
    rows.push({ kind: "older", key: `older:${thread.turns[0]?.id ?? ""}`, threadId: thread.id });
  for (const turn of thread?.turns ?? []) {
    const last = turn.items.length - 1;
    // Each hook run stands where it started: after the items the turn had then.
    const pushHooks = (at: number, orLater = false) => {
      for (const hook of turn.hooks ?? [])
        if (hook.afterItems === at || (orLater && hook.afterItems > at))
          rows.push({ kind: "hook", key: `hook:${turn.id}:${hook.run.id}`, turnId: turn.id, hook });
    };
    turn.items.forEach((item, index) => {
      pushHooks(index);
      const itemApprovals = byItem.get(itemKey(turn.id, item.id));
      const replaced =
        item.type === "commandExecution" && (itemApprovals ?? []).some(approvalReplacesItem);
      if (!replaced)
        rows.push({
          kind: "item",
          key: `item:${turn.id}:${item.id}`,
          turnId: turn.id,
          item,
          active: turn.status === "inProgress" && index === last,
        });
      pushReviews(reviewsByItem.get(itemKey(turn.id, item.id)));
      pushApprovals(itemApprovals);
    });
    pushHooks(turn.items.length, true);
    if (turn.plan && turn.plan.steps.length > 0)
      rows.push({ kind: "plan", key: `plan:${turn.id}`, turnId: turn.id, plan: turn.plan });
    pushReviews(reviewsByTurn.get(turn.id));
    pushApprovals(byTurn.get(turn.id));
    if (turnHasEnd(turn)) rows.push({ kind: "turnEnd", key: `end:${turn.id}`, turn });
  }
  pushApprovals(loose);
  // Slash-command cards (/status, /mcp) answer the latest message: they come last.
  for (const card of cards) rows.push({ kind: "card", key: `card:${card.id}`, card });
  return rows;
}

/** A rough height for a row not measured yet, so the scrollbar is about right. */
export function estimateRowHeight(row: Row): number {
  switch (row.kind) {
    case "approval":
      return 160;
    case "review":
      return row.review.status === "denied" ? 140 : 32;
    case "card":
      return row.card.kind === "status" ? 180 : 60 + row.card.servers.length * 40;
    case "plan":
      return 40 + row.plan.steps.length * 22;
    case "turnEnd":
      return 48;
    case "older":
      return 36;
    case "hook":
      return 28 + row.hook.run.entries.length * 20;
    case "item": {
      const item = row.item;
      if (item.type === "agentMessage") return 36 + Math.ceil(item.text.length / 60) * 20;
      if (item.type === "userMessage") return 56;
      if (item.type === "commandExecution") return row.active ? 200 : 44;
      if (item.type === "fileChange") return 40 + item.changes.length * 26;
      return 40;
    }
  }
}
