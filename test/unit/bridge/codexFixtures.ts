/** Minimal codex `Thread`, `Turn` and item objects, as `thread/resume`, `thread/turns/list` and
 * `item/*` notifications carry them. */
import type { Thread } from "../../../protocol/codex/v2/Thread";
import type { ThreadItem } from "../../../protocol/codex/v2/ThreadItem";
import type { Turn } from "../../../protocol/codex/v2/Turn";

export function codexTurn(
  id: string,
  status: Turn["status"] = "inProgress",
  items: Turn["items"] = [],
): Turn {
  return {
    id,
    rootTurnId: null,
    items,
    itemsView: "full",
    status,
    error: null,
    startedAt: null,
    completedAt: null,
    durationMs: null,
  } as unknown as Turn;
}

export function codexThread(id: string, turns: Turn[] = []): Thread {
  return {
    id,
    name: null,
    preview: "hello",
    cwd: "/w",
    updatedAt: 1700000000,
    modelProvider: "mock",
    turns,
  } as unknown as Thread;
}

export function codexAgentMessage(id: string, text = ""): ThreadItem {
  return {
    type: "agentMessage",
    id,
    text,
    moderation: null,
    phase: null,
    memoryCitation: null,
    delivery: null,
    questions: null,
  };
}
