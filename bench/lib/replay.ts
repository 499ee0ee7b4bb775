/**
 * Turns a generated notification stream into what the host would post to the webview: the
 * thread state at the start (for `state/hydrate`) and `thread/events` batches, coalesced as the
 * EventBatcher coalesces them. Also replays batches inside a page on a fixed clock.
 */
import type { Page } from "playwright-core";

import { emptyThread } from "../../extension/bridge/chatState";
import { mapNotification } from "../../extension/bridge/notificationEvents";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import {
  applyThreadEvents,
  coalesceThreadEvents,
  type ThreadEvent,
} from "../../protocol/webview/threadEvents";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { BENCH_THREAD_ID, type RawNotification } from "../generate/stream";

/**
 * At most this many posted batches wait unhandled: a page that far behind (8 frames) has failed
 * already, and without the cap its backlog would run for minutes after the budget.
 */
const MAX_WAITING = 8;

export function toEvents(stream: readonly RawNotification[]): ThreadEvent[] {
  const events: ThreadEvent[] = [];
  for (const n of stream) {
    for (const mapped of mapNotification(n as unknown as ServerNotification)) {
      if (mapped.kind === "event") events.push(mapped.event);
    }
  }
  return events;
}

/**
 * The thread as hydrated just before the first text delta, and the rest as batches of
 * `deltasPerBatch` deltas each (coalesced; the events after the last delta ride in the last one).
 */
export function turnReplay(
  stream: readonly RawNotification[],
  deltasPerBatch: number,
): { thread: ThreadView; batches: ThreadEvent[][]; deltas: number; text: number } {
  const events = toEvents(stream);
  const first = events.findIndex((e) => e.type === "textAppended");
  const thread = applyThreadEvents(
    emptyThread(BENCH_THREAD_ID, "/workspace"),
    events.slice(0, first),
  );
  const batches: ThreadEvent[][] = [];
  let current: ThreadEvent[] = [];
  let deltas = 0;
  let text = 0;
  for (const event of events.slice(first)) {
    current.push(event);
    if (event.type === "textAppended") {
      deltas++;
      text += event.delta.length;
      if (deltas % deltasPerBatch === 0) {
        batches.push(coalesceThreadEvents(current));
        current = [];
      }
    }
  }
  if (current.length) batches.push(coalesceThreadEvents(current));
  return { thread, batches, deltas, text };
}

/** The user-timing marks the page sets at the two ends of a replay (see lib/trace.ts). */
export const REPLAY_START = "bench-replay-start";
export const REPLAY_END = "bench-replay-end";

export interface StagedReplay {
  /**
   * Posts the staged batches as `thread/events` from inside the page, batch i at start + i ×
   * intervalMs (a host keeps its own clock: a busy page gets several at once), and resolves two
   * frames after the last one with the wall time in ms and how many batches were posted. After
   * `budgetMs` it stops posting (a page that cannot keep up would otherwise run for many
   * minutes), and it never lets more than MAX_WAITING batches wait. Marks REPLAY_START and
   * REPLAY_END in the page.
   */
  run(intervalMs: number, budgetMs?: number): Promise<{ wall: number; posted: number }>;
}

/**
 * Hands `batches` to the page before the measured window: taking megabytes of batches in as
 * the replay's own argument is one long task of the bench, not of the page, and would be the
 * longest task of every page measured.
 */
export async function stageReplay(
  page: Page,
  threadId: string,
  batches: ThreadEvent[][],
): Promise<StagedReplay> {
  await page.evaluate(
    (staged) => {
      (window as unknown as { __replay: unknown }).__replay = staged;
    },
    { threadId, batches: batches as unknown[] },
  );
  return {
    run: (intervalMs, budgetMs = Infinity) =>
      page.evaluate(runStaged, {
        intervalMs,
        budgetMs: Number.isFinite(budgetMs) ? budgetMs : 1e12,
        maxWaiting: MAX_WAITING,
        marks: [REPLAY_START, REPLAY_END] as const,
      }),
  };
}

/** Runs in the page (see StagedReplay.run). */
function runStaged({
  intervalMs,
  budgetMs,
  maxWaiting,
  marks,
}: {
  intervalMs: number;
  budgetMs: number;
  maxWaiting: number;
  marks: readonly [string, string];
}): Promise<{ wall: number; posted: number }> {
  const w = window as unknown as { __replay: { threadId: string; batches: unknown[] } | null };
  const { threadId, batches } = w.__replay!;
  w.__replay = null;
  return new Promise((resolve) => {
    performance.mark(marks[0]);
    const started = performance.now();
    let next = 0;
    let handled = 0;
    // Added after the webview's own listener: counts messages it has finished with.
    const onMessage = () => handled++;
    window.addEventListener("message", onMessage);
    const finish = () => {
      if (handled < next) {
        setTimeout(finish, 5);
        return;
      }
      window.removeEventListener("message", onMessage);
      const done = () => {
        performance.mark(marks[1]);
        resolve({ wall: performance.now() - started, posted: next });
      };
      requestAnimationFrame(() => requestAnimationFrame(done));
    };
    const tick = () => {
      const elapsed = performance.now() - started;
      if (elapsed > budgetMs) return finish();
      const due = Math.min(
        batches.length,
        Math.floor(elapsed / intervalMs) + 1,
        handled + maxWaiting,
      );
      while (next < due) {
        const params = { threadId, events: batches[next++] };
        window.postMessage({ kind: "notification", method: "thread/events", params }, "*");
      }
      if (next >= batches.length) return finish();
      setTimeout(tick, Math.max(0, started + next * intervalMs - performance.now()));
    };
    tick();
  });
}
