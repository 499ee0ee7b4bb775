/**
 * Bench 6's diagnosis, beside its measurement: who used the CPU while the sidebar's turns ran
 * (always, for the detail), and on request where the renderer's time went (BENCH_TTFT_PROFILE=1)
 * and what the browser's threads and the extension host's wires did in a turn (BENCH_TTFT_TRACE=1).
 */
import type { CDPSession, Page } from "playwright-core";

import { cpuByGroup, cpuSpent } from "./processCpu";
import { log } from "./report";
import { describeTasks, startTrace, stopTrace, TASK_CATEGORIES, type TraceEvent } from "./trace";
import { STAGES, stage, type Timeline, type WireNote } from "./ttftTimeline";

/** BENCH_TTFT_PROFILE=1: logs where the renderer's main thread spends the sidebar's turns. */
const PROFILE = Boolean(process.env.BENCH_TTFT_PROFILE);
/**
 * BENCH_TTFT_TRACE=1: logs what the browser's threads ran from the click to the text in the DOM
 * and during the two VS Code stages (script positions in dist/webview.js map back through its
 * source map).
 */
const TRACE = Boolean(process.env.BENCH_TTFT_TRACE);
const TRACE_CATEGORIES = [
  ...TASK_CATEGORIES,
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.invalidationTracking",
];

/** The wire probe's env: the trace's listing wants every message, not only the sidebar's. */
export const wireProbeDiagnosisEnv = (): Record<string, string> =>
  TRACE ? { BENCH_WIRE_ALL: "1" } : {};

const now = () => performance.timeOrigin + performance.now();

/** Which of the bench's processes a command line is; `sidebarTap` names the sidebar's tap dir. */
function processGroup(sidebarTap: string) {
  return (cmdline: string, parent: string): string | undefined => {
    if (cmdline.includes("--type=renderer")) return "renderer";
    if (cmdline.includes("chromium")) return "browser, GPU";
    if (cmdline.includes("--type=extensionHost")) return "extension host";
    if (cmdline.includes("codexTap.cjs")) return "tap";
    if (/codex(-code-mode-host)? /.test(cmdline + " ") && cmdline.includes("codex"))
      return parent.includes(sidebarTap) ? "sidebar's codex" : "client's codex";
    if (cmdline.includes("code-server")) return "code-server";
    if (cmdline.includes("m06-ttft")) return "bench (mock, client)";
    return undefined;
  };
}

/** CPU ms per process group over the timed stretches, summed, and their wall time. */
export function cpuTally(sidebarTapDir: string) {
  const groupOf = processGroup(sidebarTapDir);
  const total = new Map<string, number>();
  let wallMs = 0;
  return {
    sample: () => cpuByGroup(groupOf),
    /** Adds what each group spent since `before` and the wall time since `from` (absolute ms). */
    addSince(before: Map<string, number>, from: number): void {
      for (const [group, ms] of cpuSpent(before, cpuByGroup(groupOf)))
        total.set(group, (total.get(group) ?? 0) + ms);
      wallMs += now() - from;
    },
    get wallMs() {
      return wallMs;
    },
    /** "group ms, …", the busiest first. */
    describe: () =>
      [...total]
        .sort((a, b) => b[1] - a[1])
        .map(([group, ms]) => `${group} ${ms.toFixed(0)}`)
        .join(", "),
  };
}

/** The parts of a CDP Profiler.stop profile read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { url: string; functionName: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Adds a CPU profile's self time per `script:function` (ms) to `into`. */
function addSelfTimes(into: Map<string, number>, profile: CpuProfile): void {
  const where = new Map<number, string>();
  for (const node of profile.nodes) {
    const { url, functionName, lineNumber } = node.callFrame;
    where.set(
      node.id,
      `${String(url).split("/").pop() || "-"}:${functionName || "(anonymous)"}:${lineNumber}`,
    );
  }
  profile.samples.forEach((id: number, i: number) => {
    const key = where.get(id)!;
    into.set(key, (into.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
}

/** Logs what the renderers ran in the turn's two VS Code stages. */
function logTrace(
  events: TraceEvent[],
  mark: string,
  t: Timeline,
  wireNotes: readonly WireNote[],
): void {
  const clickMark = events.find((e) => e.name === `ttft-click-${mark}`);
  if (!clickMark) {
    log("    trace: no click mark");
    return;
  }
  const at = (ms: number | undefined) => clickMark.ts + ((ms ?? NaN) - t.click) * 1000;
  log(`    trace, click → in DOM, tasks ≥ 2 ms:`);
  for (const line of describeTasks(events, at(t.click), at(t.inDom), 2000)) log(line);
  log(`    the extension host's messages to and from the workbench, click → in DOM:`);
  for (const n of wireNotes.filter((n) => n.t >= t.click && n.t <= t.inDom))
    log(`      +${(n.t - t.click).toFixed(1)} ms ${n.wire}: ${n.text.slice(0, 140)}`);
  for (const [label, a, b] of STAGES.filter(([, , , owner]) => owner === "VS Code")) {
    log(`    trace, ${label} (${stage(t, a, b).toFixed(1)} ms):`);
    for (const line of describeTasks(events, at(t[a]), at(t[b]))) log(line);
  }
}

/**
 * The requested diagnosis of the sidebar's turns on `page`, each turn bracketed by
 * beforeTurn() … shown() (the text painted) … afterTurn() (its timeline known); nothing without
 * BENCH_TTFT_PROFILE or BENCH_TTFT_TRACE.
 */
export async function turnDiagnosis(page: Page) {
  const rendererCdp: CDPSession | undefined = PROFILE
    ? await page.context().newCDPSession(page)
    : undefined;
  if (rendererCdp) {
    await rendererCdp.send("Profiler.enable");
    await rendererCdp.send("Profiler.setSamplingInterval", { interval: 200 });
  }
  const tracer = TRACE ? await page.context().newCDPSession(page) : undefined;
  /** The renderer's self time (ms) per script and function. */
  const profileSelf = new Map<string, number>();
  return {
    async beforeTurn(): Promise<void> {
      await rendererCdp?.send("Profiler.start");
      if (tracer) await startTrace(tracer, TRACE_CATEGORIES);
    },
    async shown(): Promise<void> {
      if (rendererCdp)
        addSelfTimes(profileSelf, (await rendererCdp.send("Profiler.stop")).profile as CpuProfile);
    },
    async afterTurn(mark: string, t: Timeline, wireNotes: readonly WireNote[]): Promise<void> {
      if (tracer) logTrace(await stopTrace(tracer), mark, t, wireNotes);
    },
    /** Logs the profile's heaviest functions over all turns. */
    logProfile(): void {
      if (!PROFILE) return;
      const top = [...profileSelf].sort((a, b) => b[1] - a[1]).slice(0, 40);
      log(`renderer self time over the sidebar's turns (ms):`);
      for (const [where, ms] of top) log(`  ${ms.toFixed(1)} ${where}`);
    },
  };
}
