/** Minimal codex `Thread` and `Turn` objects, as `thread/resume` and `thread/turns/list` return them. */
import type { Thread } from "../../../protocol/codex/v2/Thread";
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
