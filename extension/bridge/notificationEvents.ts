/**
 * Pure mapping of codex server notifications to what the sidebar shows: `ThreadEvent`s keyed by
 * thread id (streamed into the transcript) and notices (codexNotices.ts). Everything else
 * (account, rate limits, server-request bookkeeping...) is handled by its own module and maps to
 * nothing here.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ThreadEvent } from "../../protocol/webview/threadEvents";
import { codexNotice, type MappedNotice } from "./codexNotices";

export interface MappedThreadEvent {
  kind: "event";
  threadId: string;
  event: ThreadEvent;
}

export type { MappedNotice };

/** A turn ended: the notices about it (its retries) end too. */
export interface MappedTurnEnded {
  kind: "turnEnded";
  threadId: string;
  turnId: string;
  succeeded: boolean;
}

export type Mapped = MappedThreadEvent | MappedNotice | MappedTurnEnded;

function event(threadId: string, value: ThreadEvent): MappedThreadEvent[] {
  return [{ kind: "event", threadId, event: value }];
}

/** What one notification means to the sidebar; `[]` for notifications it does not show. */
export function mapNotification(notification: ServerNotification): Mapped[] {
  switch (notification.method) {
    case "turn/started": {
      const { threadId, turn } = notification.params;
      return event(threadId, { type: "turnStarted", turnId: turn.id });
    }
    case "turn/completed": {
      const { threadId, turn } = notification.params;
      return [
        ...event(threadId, {
          type: "turnCompleted",
          turnId: turn.id,
          status: turn.status,
          error: turn.error,
        }),
        { kind: "turnEnded", threadId, turnId: turn.id, succeeded: turn.status === "completed" },
      ];
    }
    case "item/started":
    case "item/completed": {
      const { threadId, turnId, item } = notification.params;
      return event(threadId, { type: "itemUpserted", turnId, item });
    }
    case "item/agentMessage/delta": {
      const { threadId, turnId, itemId, delta } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "agentText",
        index: 0,
        delta,
      });
    }
    case "item/commandExecution/outputDelta": {
      const { threadId, turnId, itemId, delta } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "commandOutput",
        index: 0,
        delta,
      });
    }
    case "item/reasoning/summaryPartAdded": {
      // An empty append opens the part, so a part with no text yet still shows as a paragraph.
      const { threadId, turnId, itemId, summaryIndex } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "reasoningSummary",
        index: summaryIndex,
        delta: "",
      });
    }
    case "item/reasoning/summaryTextDelta": {
      const { threadId, turnId, itemId, summaryIndex, delta } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "reasoningSummary",
        index: summaryIndex,
        delta,
      });
    }
    case "item/reasoning/textDelta": {
      const { threadId, turnId, itemId, contentIndex, delta } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "reasoningContent",
        index: contentIndex,
        delta,
      });
    }
    case "item/plan/delta": {
      const { threadId, turnId, itemId, delta } = notification.params;
      return event(threadId, {
        type: "textAppended",
        turnId,
        itemId,
        target: "planText",
        index: 0,
        delta,
      });
    }
    case "hook/started":
    case "hook/completed": {
      // A hook outside a turn (session start/end) has no place in the transcript.
      const { threadId, turnId, run } = notification.params;
      return turnId ? event(threadId, { type: "hookRun", turnId, run }) : [];
    }
    case "turn/diff/updated": {
      const { threadId, turnId, diff } = notification.params;
      return event(threadId, { type: "diffUpdated", turnId, diff });
    }
    case "turn/plan/updated": {
      const { threadId, turnId, explanation, plan } = notification.params;
      return event(threadId, { type: "planUpdated", turnId, explanation, steps: plan });
    }
    case "thread/tokenUsage/updated": {
      const { threadId, tokenUsage } = notification.params;
      return event(threadId, { type: "tokenUsageUpdated", usage: tokenUsage });
    }
    case "thread/name/updated": {
      const { threadId, threadName } = notification.params;
      return event(threadId, { type: "renamed", name: threadName ?? null });
    }
    case "thread/compacted": {
      // Deprecated by the `contextCompaction` item, but older paths still send it: show a marker.
      const { threadId, turnId } = notification.params;
      return event(threadId, {
        type: "itemUpserted",
        turnId,
        item: { type: "contextCompaction", id: compactionMarkerId(turnId) },
      });
    }
    case "error":
    case "warning":
    case "configWarning":
    case "deprecationNotice":
      return codexNotice(notification);
    default:
      return [];
  }
}

/** The id of the transcript marker a `thread/compacted` notification adds to its turn. */
export function compactionMarkerId(turnId: string): string {
  return `compacted:${turnId}`;
}
