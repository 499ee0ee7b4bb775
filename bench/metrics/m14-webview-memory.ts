/**
 * 14. Webview memory over a long session: 1,000 turns (generated from the recorded stream
 * shapes: user message, reasoning, commands with output, markdown answers) streamed into one
 * thread of the BUILT webview in headless Chromium, as the host posts them (`thread/events`
 * batches of 20 events, coalesced as the EventBatcher does). The JS heap after a full garbage
 * collection (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage) and the DOM counters after
 * turn 100 and after turn 1,000. Target: the 1,000-turn heap ≤ 1.5x the 100-turn heap.
 */
import type { CDPSession } from "playwright-core";

import { emptyThread } from "../../extension/bridge/chatState";
import { coalesceThreadEvents, type ThreadEvent } from "../../protocol/webview/threadEvents";
import { BENCH_THREAD_ID, generateStream, TRANSCRIPT_SHAPE } from "../generate/stream";
import { log, report } from "../lib/report";
import { toEvents } from "../lib/replay";
import { frames, hydrateState, openPages, post, type BenchPage } from "../lib/webviewPage";

const TURNS = Number(process.env.BENCH_MEMORY_TURNS ?? 1_000);
const EARLY = Math.round(TURNS / 10);
const PER_BATCH = 20;

/** The events of each of the first `count` turns, in posts of PER_BATCH events. */
function turnBatches(count: number): ThreadEvent[][][] {
  const turns: ThreadEvent[][][] = [];
  for (let size = count * 200; turns.length < count; size *= 2) {
    turns.length = 0;
    let current: ThreadEvent[] = [];
    for (const event of toEvents(generateStream(size, 14, TRANSCRIPT_SHAPE))) {
      current.push(event);
      if (event.type !== "turnCompleted") continue;
      const batches: ThreadEvent[][] = [];
      for (let i = 0; i < current.length; i += PER_BATCH) {
        batches.push(coalesceThreadEvents(current.slice(i, i + PER_BATCH)));
      }
      turns.push(batches);
      current = [];
      if (turns.length === count) break;
    }
  }
  return turns;
}

interface Sample {
  heapMb: number;
  nodes: number;
  listeners: number;
}

async function sample(cdp: CDPSession, view: BenchPage): Promise<Sample> {
  await frames(view.page, 3);
  // Twice: the first collection can leave what only finalizers freed.
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters");
  return { heapMb: heap.usedSize / 1e6, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

/** Posts one turn's batches, each in its own task as the host's posts arrive, then a frame. */
function streamTurn(view: BenchPage, batches: ThreadEvent[][]): Promise<void> {
  return view.page.evaluate(
    async ({ threadId, batches }) => {
      for (const events of batches) {
        window.postMessage(
          { kind: "notification", method: "thread/events", params: { threadId, events } },
          "*",
        );
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    },
    { threadId: BENCH_THREAD_ID, batches: batches as unknown[] },
  );
}

async function main(): Promise<void> {
  const turns = turnBatches(TURNS);
  const posts = turns.reduce((sum, t) => sum + t.length, 0);
  log(`webview memory: ${TURNS} turns in one thread (${posts} thread/events posts)`);
  const pages = await openPages();
  const samples = new Map<number, Sample>();
  const started = Date.now();
  try {
    const view = await pages.webview({ width: 400, height: 900 });
    const cdp = view.cdp;
    await cdp.send("HeapProfiler.enable");
    await post(
      view.page,
      "state/hydrate",
      hydrateState(emptyThread(BENCH_THREAD_ID, "/workspace")),
    );
    await frames(view.page, 3);
    samples.set(0, await sample(cdp, view));
    for (const [index, batches] of turns.entries()) {
      await streamTurn(view, batches);
      const done = index + 1;
      if (done === EARLY || done === TURNS) {
        samples.set(done, await sample(cdp, view));
        log(`  after turn ${done}: ${samples.get(done)!.heapMb.toFixed(2)} MB JS heap`);
      }
    }
    const shownTurns = await view.page.evaluate(() => document.querySelectorAll(".vrow").length);
    if (shownTurns === 0) throw new Error("the webview shows no transcript rows");
    await view.close();
  } finally {
    await pages.close();
  }
  const empty = samples.get(0)!;
  const early = samples.get(EARLY)!;
  const late = samples.get(TURNS)!;
  const ratio = late.heapMb / early.heapMb;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  report("14", [
    {
      name: `14 webview JS heap after ${TURNS.toLocaleString("en")} streamed turns`,
      value: late.heapMb,
      unit: "MB",
      baseline: early.heapMb,
      baselineUnit: `MB @${EARLY}`,
      ratio,
      target: `≤ 1.5x the heap after ${EARLY} turns`,
      pass: ratio <= 1.5,
      detail: `after a full GC (CDP); empty thread ${empty.heapMb.toFixed(2)} MB; growth ${(((late.heapMb - early.heapMb) / (TURNS - EARLY)) * 1000).toFixed(1)} kB per turn; ${posts} posts, streamed in ${seconds} s; viewport 400×900`,
    },
    {
      name: `14 webview DOM nodes after ${TURNS.toLocaleString("en")} streamed turns`,
      value: late.nodes,
      unit: "nodes",
      baseline: early.nodes,
      baselineUnit: `@${EARLY}`,
      ratio: late.nodes / early.nodes,
      target: "info",
      pass: null,
      detail: `CDP Memory.getDOMCounters; JS event listeners ${late.listeners} vs ${early.listeners}; empty thread ${empty.nodes} nodes`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
