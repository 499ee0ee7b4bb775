/**
 * Streaming updates to one thread, as the host batches them to the webview. The same pure
 * reducer runs on both sides: the host folds events into its source-of-truth ThreadView and the
 * webview folds the batches it receives, so a rehydrated view and a live one cannot disagree.
 */
import type { HookRunSummary } from "../codex/v2/HookRunSummary";
import type {
  PlanCommentView,
  QueuedMessageView,
  ThreadGoal,
  ThreadItem,
  ThreadTokenUsage,
  ThreadView,
  TurnError,
  TurnCheckpointView,
  TurnPlanStep,
  TurnView,
} from "./viewModel";
import type { TurnStatus } from "../codex/v2/TurnStatus";

/** Which growing text field of an item a delta extends. */
export type TextTarget =
  | "agentText"
  | "commandOutput"
  | "reasoningSummary"
  | "reasoningContent"
  | "planText"
  | "fileChangeOutput";

export type ThreadEvent =
  | { type: "turnStarted"; turnId: string }
  | { type: "turnCompleted"; turnId: string; status: TurnStatus; error: TurnError | null }
  /** `item/started` and `item/completed`: the item as codex last described it. */
  | { type: "itemUpserted"; turnId: string; item: ThreadItem }
  | {
      type: "textAppended";
      turnId: string;
      itemId: string;
      target: TextTarget;
      index: number;
      delta: string;
    }
  | { type: "diffUpdated"; turnId: string; diff: string }
  | { type: "planUpdated"; turnId: string; explanation: string | null; steps: TurnPlanStep[] }
  | { type: "tokenUsageUpdated"; usage: ThreadTokenUsage }
  | { type: "renamed"; name: string | null }
  /** The host's follow-up queue for the thread, whole (it is short), after an edit. */
  | { type: "queueChanged"; queued: QueuedMessageView[] }
  /** The thread's goal was set, updated or cleared (null). */
  | { type: "goalChanged"; goal: ThreadGoal | null }
  /** The comments on plan steps waiting for the next message, whole. */
  | { type: "planCommentsChanged"; comments: PlanCommentView[] }
  /** The turn's checkpoint summary (after the turn, after an undo, or on resume). */
  | { type: "checkpointUpdated"; turnId: string; checkpoint: TurnCheckpointView }
  /** The conversation was rewound: this turn and every later one are gone. */
  | { type: "turnsDropped"; fromTurnId: string }
  /** A hook started or finished in the turn (`hook/started`, `hook/completed`). */
  | { type: "hookRun"; turnId: string; run: HookRunSummary }
  /** Older turns fetched from codex (oldest first) go before the first one shown. */
  | { type: "olderTurnsLoaded"; turns: TurnView[]; more: boolean }
  /** codex has loaded the thread shown early (ThreadView.loading). */
  | { type: "loaded" };

function emptyTurn(id: string): TurnView {
  return { id, status: "inProgress", error: null, items: [], diff: null, plan: null };
}

/** Returns a copy of `thread` with `turnId` replaced by `update(turn)`, creating the turn if new. */
function withTurn(
  thread: ThreadView,
  turnId: string,
  update: (turn: TurnView) => TurnView,
): ThreadView {
  const index = thread.turns.findLastIndex((turn) => turn.id === turnId);
  const turns = thread.turns.slice();
  if (index === -1) turns.push(update(emptyTurn(turnId)));
  else turns[index] = update(turns[index]!);
  return { ...thread, turns };
}

function appendAt(parts: string[], index: number, delta: string): string[] {
  const next = parts.slice();
  while (next.length <= index) next.push("");
  next[index] += delta;
  return next;
}

function appendText(
  item: ThreadItem,
  target: TextTarget,
  index: number,
  delta: string,
): ThreadItem {
  switch (target) {
    case "agentText":
      return item.type === "agentMessage" ? { ...item, text: item.text + delta } : item;
    case "planText":
      return item.type === "plan" ? { ...item, text: item.text + delta } : item;
    case "commandOutput":
      return item.type === "commandExecution"
        ? { ...item, aggregatedOutput: (item.aggregatedOutput ?? "") + delta }
        : item;
    case "reasoningSummary":
      return item.type === "reasoning"
        ? { ...item, summary: appendAt(item.summary, index, delta) }
        : item;
    case "reasoningContent":
      return item.type === "reasoning"
        ? { ...item, content: appendAt(item.content, index, delta) }
        : item;
    case "fileChangeOutput":
      return item;
  }
}

/** A placeholder for a delta that arrives before its `item/started` (it never should, but must not be lost). */
function placeholderFor(itemId: string, target: TextTarget): ThreadItem | undefined {
  if (target === "agentText") {
    return {
      type: "agentMessage",
      id: itemId,
      text: "",
      moderation: null,
      phase: null,
      memoryCitation: null,
      delivery: null,
      questions: null,
    };
  }
  if (target === "reasoningSummary" || target === "reasoningContent") {
    return { type: "reasoning", id: itemId, summary: [], content: [] };
  }
  return undefined;
}

export function applyThreadEvent(thread: ThreadView, event: ThreadEvent): ThreadView {
  switch (event.type) {
    case "turnStarted":
      return withTurn(thread, event.turnId, (turn) => ({ ...turn, status: "inProgress" }));
    case "turnCompleted": {
      const completed = withTurn(thread, event.turnId, (turn) => ({
        ...turn,
        status: event.status,
        error: event.error,
      }));
      // codex runs one turn per thread at a time, so an empty turn still "in progress" when
      // another completes never ran. (codex 0.169.0's review turns announce `turn/started` under
      // an id that nothing else uses; the review's items and completion use the real one.)
      const phantom = (turn: TurnView) =>
        turn.id !== event.turnId && turn.status === "inProgress" && turn.items.length === 0;
      return completed.turns.some(phantom)
        ? { ...completed, turns: completed.turns.filter((turn) => !phantom(turn)) }
        : completed;
    }
    case "itemUpserted":
      return withTurn(thread, event.turnId, (turn) => {
        const index = turn.items.findIndex((item) => item.id === event.item.id);
        const items = turn.items.slice();
        if (index === -1) items.push(event.item);
        else items[index] = event.item;
        return { ...turn, items };
      });
    case "textAppended":
      return withTurn(thread, event.turnId, (turn) => {
        const index = turn.items.findIndex((item) => item.id === event.itemId);
        const items = turn.items.slice();
        if (index === -1) {
          const placeholder = placeholderFor(event.itemId, event.target);
          if (!placeholder) return turn;
          items.push(appendText(placeholder, event.target, event.index, event.delta));
        } else {
          items[index] = appendText(items[index]!, event.target, event.index, event.delta);
        }
        return { ...turn, items };
      });
    case "diffUpdated":
      return withTurn(thread, event.turnId, (turn) => ({ ...turn, diff: event.diff }));
    case "planUpdated":
      return withTurn(thread, event.turnId, (turn) => ({
        ...turn,
        plan: { explanation: event.explanation, steps: event.steps },
      }));
    case "tokenUsageUpdated":
      return { ...thread, tokenUsage: event.usage };
    case "renamed":
      return { ...thread, name: event.name };
    case "loaded":
      return { ...thread, loading: false };
    case "queueChanged":
      return { ...thread, queued: event.queued };
    case "goalChanged":
      return { ...thread, goal: event.goal };
    case "planCommentsChanged":
      return { ...thread, planComments: event.comments };
    case "checkpointUpdated": {
      // Never creates a turn: a summary for a turn the transcript no longer shows is dropped.
      const index = thread.turns.findLastIndex((turn) => turn.id === event.turnId);
      if (index === -1) return thread;
      const turns = thread.turns.slice();
      turns[index] = { ...turns[index]!, checkpoint: event.checkpoint };
      return { ...thread, turns };
    }
    case "turnsDropped": {
      const index = thread.turns.findIndex((turn) => turn.id === event.fromTurnId);
      return index === -1 ? thread : { ...thread, turns: thread.turns.slice(0, index) };
    }
    case "hookRun":
      return withTurn(thread, event.turnId, (turn) => {
        const hooks = turn.hooks?.slice() ?? [];
        const index = hooks.findIndex((hook) => hook.run.id === event.run.id);
        if (index === -1) hooks.push({ run: event.run, afterItems: turn.items.length });
        else hooks[index] = { ...hooks[index]!, run: event.run };
        return { ...turn, hooks };
      });
    case "olderTurnsLoaded": {
      const shown = new Set(thread.turns.map((turn) => turn.id));
      const older = event.turns.filter((turn) => !shown.has(turn.id));
      return { ...thread, turns: [...older, ...thread.turns], olderTurns: event.more };
    }
  }
}

export function applyThreadEvents(thread: ThreadView, events: readonly ThreadEvent[]): ThreadView {
  let next = thread;
  for (const event of events) next = applyThreadEvent(next, event);
  return next;
}

/**
 * Merges runs of text deltas to the same field into one event, so a batch of 200 tokens posts
 * as one append rather than 200. Order between different items is kept.
 */
export function coalesceThreadEvents(events: readonly ThreadEvent[]): ThreadEvent[] {
  const out: ThreadEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (
      event.type === "textAppended" &&
      last?.type === "textAppended" &&
      last.itemId === event.itemId &&
      last.target === event.target &&
      last.index === event.index &&
      last.turnId === event.turnId
    ) {
      out[out.length - 1] = { ...last, delta: last.delta + event.delta };
    } else {
      out.push(event);
    }
  }
  return out;
}
