/**
 * A Chromium trace of one page over CDP (Tracing domain), read back as events. Metric 3 uses it
 * for the longest task on the page's main thread: the longtask PerformanceObserver only sees
 * tasks of 50 ms and more, so a page whose tasks are all shorter has no longest task there.
 *
 * The thread is found through the page itself: the page sets a user-timing mark at the start and
 * end of the measured window (lib/replay.ts), and the thread that recorded those marks is the
 * page's renderer main thread (right process, right frame), the marks' times the window.
 */
import type { CDPSession } from "playwright-core";

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs, where the platform records it. */
  tdur?: number;
  args?: Record<string, unknown>;
}

/**
 * Tasks on a thread: the scheduler's RunTask events ("toplevel"), cheap enough to leave on.
 * User timing for the window's marks.
 */
export const TASK_CATEGORIES = ["toplevel", "blink.user_timing", "__metadata"];

/**
 * A task run by the main thread's scheduler ("toplevel"). DevTools' own "RunTask" (category
 * disabled-by-default-devtools.timeline) wraps the same tasks; it is not counted, so a trace
 * that has both does not count a task twice.
 */
const TASK_EVENT = "ThreadControllerImpl::RunTask";

export async function startTrace(cdp: CDPSession, categories = TASK_CATEGORIES): Promise<void> {
  await cdp.send("Tracing.start", {
    transferMode: "ReturnAsStream",
    traceConfig: {
      recordMode: "recordContinuously",
      includedCategories: categories,
      excludedCategories: ["*"],
    },
  });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (event) => resolve(event.stream!)),
  );
  await cdp.send("Tracing.end");
  const handle = await complete;
  const chunks: string[] = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send("IO.read", { handle, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, "base64").toString("utf8") : data);
    if (eof) break;
  }
  await cdp.send("IO.close", { handle });
  const parsed = JSON.parse(chunks.join("")) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

export interface WindowTasks {
  /** Durations (ms) of the tasks the page's main thread started within the window. */
  tasks: number[];
  /**
   * Their thread (CPU) times, ms, in the same order: on a shared machine a task's duration also
   * holds the time the thread waited for a core.
   */
  cpu: number[];
  /** The window's length (ms) between the two marks. */
  windowMs: number;
}

/**
 * The tasks of the thread that recorded the marks `start` and `end` that started between them
 * (the task that sets `start` began before the window: it is the bench's, not the page's). Throws when a mark is missing or the thread recorded no task (the trace did not
 * capture what it should have), so a broken measure cannot report 0.
 */
export function windowTasks(
  events: readonly TraceEvent[],
  start: string,
  end: string,
): WindowTasks {
  const mark = (name: string) => {
    const found = events.filter((e) => e.name === name && e.cat.includes("blink.user_timing"));
    if (found.length !== 1) throw new Error(`trace: ${found.length} marks "${name}", expected 1`);
    return found[0]!;
  };
  const from = mark(start);
  const to = mark(end);
  if (from.pid !== to.pid || from.tid !== to.tid) throw new Error("trace: marks on two threads");
  const run = events.filter(
    (e) =>
      e.pid === from.pid &&
      e.tid === from.tid &&
      e.ph === "X" &&
      e.name === TASK_EVENT &&
      e.ts >= from.ts &&
      e.ts <= to.ts,
  );
  if (run.length === 0) throw new Error("trace: no task on the page's main thread");
  return {
    tasks: run.map((e) => (e.dur ?? 0) / 1000),
    cpu: run.map((e) => (e.tdur ?? e.dur ?? 0) / 1000),
    windowMs: (to.ts - from.ts) / 1000,
  };
}

/**
 * For diagnosis: the tasks of every thread that ran during [from, to] (trace µs) and took at
 * least `minTaskUs`, one line each with its longest inner events (needs the devtools.timeline
 * categories), e.g. what kept a message waiting on a busy main thread.
 */
export function describeTasks(
  events: readonly TraceEvent[],
  from: number,
  to: number,
  minTaskUs = 300,
): string[] {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name")
      names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string })?.name));
  const lines: string[] = [];
  const tasks = events.filter(
    (e) => e.ph === "X" && e.name === TASK_EVENT && e.ts + (e.dur ?? 0) >= from && e.ts <= to,
  );
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    if ((task.dur ?? 0) < minTaskUs) continue;
    const inner = events
      .filter(
        (e) =>
          e.ph === "X" &&
          e !== task &&
          e.pid === task.pid &&
          e.tid === task.tid &&
          e.ts >= task.ts &&
          e.ts <= end &&
          (e.dur ?? 0) >= 200,
      )
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 10)
      .map((e) => {
        const args = e.args as { data?: Record<string, unknown>; elementCount?: number };
        const data = args?.data;
        if (e.name === "UpdateLayoutTree" && (args?.elementCount ?? data?.elementCount))
          return `UpdateLayoutTree[${String(args?.elementCount ?? data?.elementCount)} el] ${((e.dur ?? 0) / 1000).toFixed(1)}`;
        const script = data?.url ? `${String(data.url).split("/").pop()}:` : "";
        const what =
          data?.type ??
          (data?.functionName !== undefined
            ? `${script}${String(data.functionName)}:${String(data.lineNumber)}:${String(data.columnNumber)}`
            : (data?.url ?? ""));
        return `${e.name}${what ? `(${String(what).slice(-40)})` : ""} ${((e.dur ?? 0) / 1000).toFixed(1)}`;
      });
    // With the invalidationTracking category: why styles had to be recalculated.
    const invalidations = new Set<string>();
    for (const e of events) {
      if (e.pid !== task.pid || e.tid !== task.tid || e.ts < task.ts || e.ts > end) continue;
      if (!e.name.endsWith("InvalidationTracking")) continue;
      const data = (e.args as { data?: Record<string, unknown> })?.data ?? {};
      invalidations.add(
        `${String(data.reason ?? data.invalidationSet ?? e.name)} @${String(data.nodeName ?? "?")}`,
      );
    }
    const why = invalidations.size > 0 ? ` [${[...invalidations].slice(0, 6).join("; ")}]` : "";
    lines.push(
      `      +${((task.ts - from) / 1000).toFixed(1)} ms ${names.get(`${task.pid}:${task.tid}`) ?? task.tid}@${task.pid}: task ${((task.dur ?? 0) / 1000).toFixed(1)} ms; ${inner.join(", ")}${why}`,
    );
  }
  return lines;
}
