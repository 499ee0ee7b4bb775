/**
 * 3. Webview rendering: one turn of 20,000 agent-message deltas (generated from the recorded
 * stream shapes) replayed into the BUILT webview in headless Chromium: `state/hydrate`, then
 * `thread/events` batches every 16 ms as the host posts them (coalesced by the same reducer the
 * EventBatcher uses, 20 deltas per batch). Measured with CDP Performance.getMetrics (script time,
 * task time, layout count) and a longtask PerformanceObserver. Baseline: the same batches
 * appended to one bare DOM text node. Pages alternate baseline / subject.
 */
import type { ThreadEvent } from "../../protocol/webview/threadEvents";
import { BENCH_THREAD_ID, generateLongTurn } from "../generate/stream";
import { log, median, report } from "../lib/report";
import { replayInPage, turnReplay } from "../lib/replay";
import {
  frames,
  hydrateState,
  openPages,
  post,
  takeLongTasks,
  type BenchPage,
} from "../lib/webviewPage";

const DELTAS = Number(process.env.BENCH_RENDER_DELTAS ?? 20_000);
const PER_BATCH = 20;
const INTERVAL_MS = 16;
const REPS = Math.max(1, Math.min(3, Number(process.env.BENCH_REPS ?? 5) - 3));
/** The replay should take ~16 s; a webview that cannot keep up is cut off here. */
const BUDGET_MS = Number(process.env.BENCH_RENDER_BUDGET_MS ?? 40_000);

interface Run {
  script: number;
  task: number;
  layouts: number;
  styles: number;
  layoutMs: number;
  styleMs: number;
  otherMs: number;
  wall: number;
  posted: number;
  longTasks: number[];
  nodes: number;
}

async function measure(
  target: BenchPage,
  batches: ThreadEvent[][],
  setup: () => Promise<void>,
): Promise<Run> {
  await setup();
  await frames(target.page, 3);
  await takeLongTasks(target.page);
  const before = await target.metrics();
  const { wall, posted } = await replayInPage(
    target.page,
    BENCH_THREAD_ID,
    batches,
    INTERVAL_MS,
    BUDGET_MS,
  );
  const after = await target.metrics();
  const longTasks = await takeLongTasks(target.page);
  const nodes = await target.page.evaluate(() => document.getElementsByTagName("*").length);
  const d = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  if (process.env.BENCH_DEBUG) {
    const all = Object.keys(after)
      .map((k) => `${k}=${d(k).toFixed(3)}`)
      .join(" ");
    console.error(all);
  }
  return {
    script: d("ScriptDuration") * 1000,
    task: d("TaskDuration") * 1000,
    layouts: d("LayoutCount"),
    styles: d("RecalcStyleCount"),
    layoutMs: d("LayoutDuration") * 1000,
    styleMs: d("RecalcStyleDuration") * 1000,
    otherMs: d("TaskOtherDuration") * 1000,
    wall,
    posted,
    longTasks,
    nodes,
  };
}

async function main(): Promise<void> {
  const stream = generateLongTurn(DELTAS);
  const { thread, batches, deltas, text } = turnReplay(stream, PER_BATCH);
  log(
    `render: ${deltas} deltas (${(text / 1000).toFixed(0)} kB of markdown) in ${batches.length} batches, ${REPS} reps`,
  );
  const pages = await openPages();
  const subject: Run[] = [];
  const baseline: Run[] = [];
  let posted = batches.length;
  try {
    for (let i = 0; i < REPS; i++) {
      // Subject first: if it cannot finish within the budget, the baseline gets the same prefix.
      const view = await pages.webview();
      const run = await measure(view, batches, async () => {
        await post(view.page, "state/hydrate", hydrateState(thread));
        await view.page.waitForSelector(".vrow", { timeout: 20_000 });
      });
      subject.push(run);
      const shown = await view.page.evaluate(
        () => document.querySelector(".markdown")?.textContent?.length ?? 0,
      );
      if (shown === 0) throw new Error("the webview shows no agent text");
      await view.close();
      posted = Math.min(posted, run.posted);
      const bare = await pages.bare();
      baseline.push(await measure(bare, batches.slice(0, run.posted), async () => undefined));
      await bare.close();
      log(
        `  rep ${i + 1}: webview ${run.task.toFixed(0)} ms main thread for ${run.posted}/${batches.length} batches, bare ${baseline.at(-1)!.task.toFixed(0)} ms`,
      );
      if (run.posted < batches.length) break; // cut off: one run is evidence enough
    }
  } finally {
    await pages.close();
  }
  const s = (pick: (r: Run) => number, runs: Run[]) => median(runs.map(pick));
  const task = s((r) => r.task, subject);
  const bareTask = s((r) => r.task, baseline);
  const ratio = task / bareTask;
  const complete = posted === batches.length;
  const cut = complete
    ? ""
    : `CUT OFF after ${BUDGET_MS / 1000} s: only ${posted} of ${batches.length} batches (${posted * PER_BATCH} of ${deltas} deltas) were posted, the page could not keep up; figures are for that prefix; `;
  const longest = Math.max(0, ...subject.flatMap((r) => r.longTasks));
  const longCount = median(subject.map((r) => r.longTasks.length));
  const longTotal = median(subject.map((r) => r.longTasks.reduce((a, b) => a + b, 0)));
  report("3", [
    {
      name: "3 webview streaming main-thread time, 20k deltas",
      value: task,
      unit: "ms",
      baseline: bareTask,
      ratio,
      target: "≤ 3x bare DOM append",
      pass: complete && ratio <= 3,
      detail:
        cut +
        `time = CDP TaskDuration; webview: script ${s((r) => r.script, subject).toFixed(0)} ms, layout ${s((r) => r.layoutMs, subject).toFixed(0)} ms, style ${s((r) => r.styleMs, subject).toFixed(0)} ms, other (HTML parsing, paint, GC) ${s((r) => r.otherMs, subject).toFixed(0)} ms; bare: script ${s((r) => r.script, baseline).toFixed(0)} ms, layout ${s((r) => r.layoutMs, baseline).toFixed(0)} ms; ` +
        `${batches.length} thread/events posts every ${INTERVAL_MS} ms; ` +
        `layouts ${s((r) => r.layouts, subject)} vs bare ${s((r) => r.layouts, baseline)}, style recalcs ${s((r) => r.styles, subject)}; ` +
        `replay wall time ${s((r) => r.wall, subject).toFixed(0)} ms (ideal ${batches.length * INTERVAL_MS}); DOM ${s((r) => r.nodes, subject)} elements; ${REPS} reps, medians`,
    },
    {
      name: "3 webview longest task while streaming",
      value: longest,
      unit: "ms",
      target: "< 50 ms",
      pass: complete && longest < 50,
      detail: `${cut}longtask observer: ${longCount} tasks ≥ 50 ms per replay totalling ${longTotal.toFixed(0)} ms (median of ${REPS}); bare page: ${Math.max(0, ...baseline.flatMap((r) => r.longTasks)).toFixed(0)} ms longest`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
