/**
 * 4. Long thread: a thread of 200 and of 2,000 items (turns generated from the recorded stream
 * shapes: user messages, reasoning, commands with output, markdown answers) hydrated into the
 * BUILT webview in headless Chromium. DOM element count once settled, and time from the
 * `state/hydrate` post to the first painted frame showing transcript rows. The DOM must be
 * bounded by the viewport: the 2,000-item count is compared with the 200-item one.
 */
import { emptyThread } from "../../extension/bridge/chatState";
import { applyThreadEvents } from "../../protocol/webview/threadEvents";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { BENCH_THREAD_ID, generateStream, TRANSCRIPT_SHAPE } from "../generate/stream";
import { log, median, report } from "../lib/report";
import { toEvents } from "../lib/replay";
import { hydrateState, openPages, type Pages } from "../lib/webviewPage";

const SIZES = [200, 2_000] as const;
const REPS = Math.max(2, Math.min(3, Number(process.env.BENCH_REPS ?? 5) - 2));

function itemCount(thread: ThreadView): number {
  return thread.turns.reduce((sum, turn) => sum + turn.items.length, 0);
}

/** A completed thread with exactly `items` items (the last turn cut to fit). */
function longThread(items: number): ThreadView {
  const events = toEvents(generateStream(items * 60, 5, TRANSCRIPT_SHAPE));
  let thread = emptyThread(BENCH_THREAD_ID, "/workspace");
  // Fold turn by turn (one batch per turn is far faster than one event at a time).
  let from = 0;
  for (let i = 0; i < events.length && itemCount(thread) < items; i++) {
    if (events[i]!.type !== "turnCompleted") continue;
    thread = applyThreadEvents(thread, events.slice(from, i + 1));
    from = i + 1;
  }
  let excess = itemCount(thread) - items;
  if (excess < 0) throw new Error(`generated only ${itemCount(thread)} items`);
  const turns = thread.turns.slice();
  while (excess > 0) {
    const last = turns.at(-1)!;
    const drop = Math.min(excess, last.items.length);
    turns[turns.length - 1] = { ...last, items: last.items.slice(0, last.items.length - drop) };
    excess -= drop;
  }
  return { ...thread, turns };
}

async function hydrateOnce(
  pages: Pages,
  thread: ThreadView,
): Promise<{ ttfp: number; nodes: number; rows: number }> {
  const view = await pages.webview({ width: 400, height: 900 });
  try {
    const message: unknown = {
      kind: "notification",
      method: "state/hydrate",
      params: hydrateState(thread),
    };
    const ttfp = await view.page.evaluate(
      (message: unknown) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          window.postMessage(message, "*");
          const poll = () => {
            if (document.querySelector(".vrow")) {
              // The frame after the rows exist has painted them.
              requestAnimationFrame(() => resolve(performance.now() - started));
            } else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        }),
      message,
    );
    // Let the windowing measure rows and settle.
    await view.page.waitForTimeout(600);
    const { nodes, rows } = await view.page.evaluate(() => ({
      nodes: document.getElementsByTagName("*").length,
      rows: document.querySelectorAll(".vrow").length,
    }));
    return { ttfp, nodes, rows };
  } finally {
    await view.close();
  }
}

async function main(): Promise<void> {
  const threads = new Map(SIZES.map((n) => [n, longThread(n)]));
  log(
    `long thread: ${SIZES.join(" vs ")} items (${threads.get(2_000)!.turns.length} turns), ${REPS} reps`,
  );
  const pages = await openPages();
  const runs = new Map<number, { ttfp: number; nodes: number; rows: number }[]>(
    SIZES.map((n) => [n, []]),
  );
  try {
    for (let i = 0; i < REPS; i++) {
      for (const n of SIZES) runs.get(n)!.push(await hydrateOnce(pages, threads.get(n)!));
    }
  } finally {
    await pages.close();
  }
  const m = (n: number, pick: (r: { ttfp: number; nodes: number; rows: number }) => number) =>
    median(runs.get(n)!.map(pick));
  const small = m(200, (r) => r.nodes);
  const large = m(2_000, (r) => r.nodes);
  const ratio = large / small;
  report("4", [
    {
      name: "4 long thread DOM elements, 2,000 items",
      value: large,
      unit: "elements",
      baseline: small,
      baselineUnit: "@200",
      ratio,
      target: "≤ 1.25x the 200-item DOM",
      pass: ratio <= 1.25,
      detail: `rows in the DOM: ${m(2_000, (r) => r.rows)} of 2,000 items vs ${m(200, (r) => r.rows)} of 200 (viewport 400×900); ${REPS} reps, medians`,
    },
    {
      name: "4 long thread time to first paint, 2,000 items",
      value: m(2_000, (r) => r.ttfp),
      unit: "ms",
      baseline: m(200, (r) => r.ttfp),
      baselineUnit: "ms @200",
      ratio: m(2_000, (r) => r.ttfp) / m(200, (r) => r.ttfp),
      target: "info",
      pass: null,
      detail: `state/hydrate post → first frame with transcript rows; ${JSON.stringify(hydrateState(threads.get(2_000)!)).length} B hydrate message`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
