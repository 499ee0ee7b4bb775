/**
 * 2. Bridge: the intake stream through the host's reduction (notificationEvents → ChatState)
 * and batching (EventBatcher) to webview posts, serialised as VS Code's postMessage does
 * (JSON). The real ChatBridge runs against a port the bench feeds by hand; the posting side is
 * SidebarSession.forward's (state change → HostChannel.notify).
 *
 * A. Throughput: all 100,000 notifications as fast as the host can take them, the batcher's
 *    window fired every 500 notifications (as if they all arrived within one window).
 * B. Live streaming: 6,000 of them fed at 1,500 notifications/s on real timers, as codex streams
 *    a fast answer; posts per second and posts per 16.7 ms frame are measured on the clock.
 */
import { ChatBridge } from "../../extension/bridge/bridge";
import { emptyThread } from "../../extension/bridge/chatState";
import type { Scheduler } from "../../extension/bridge/eventBatcher";
import { silentLogger } from "../../extension/log";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import { HostChannel } from "../../protocol/webview/channel";
import { BENCH_THREAD_ID, generateStream, type RawNotification } from "../generate/stream";
import { fakePort } from "../lib/fakePort";
import { gc, log, median, report, settle, spread } from "../lib/report";

const COUNT = Number(process.env.BENCH_INTAKE_COUNT ?? 100_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LIVE_COUNT = 6_000;
const LIVE_RATE = 1_500;
const FRAME_MS = 1000 / 60;

interface Posts {
  count: number;
  eventPosts: number;
  eventBytes: number;
  times: number[];
  /** What each post was: "events", "events+turnCompleted" or "patch:<keys>". */
  kinds: string[];
}

function setup(scheduler?: Scheduler) {
  const port = fakePort();
  const bridge = new ChatBridge({
    port,
    logger: silentLogger,
    cwd: () => "/workspace",
    openExternal: async () => false,
    confirmFullAccess: async () => false,
    scheduler,
  });
  bridge.state.setThread(emptyThread(BENCH_THREAD_ID, "/workspace"));
  const posts: Posts = { count: 0, eventPosts: 0, eventBytes: 0, times: [], kinds: [] };
  // What VS Code's webview.postMessage does with a message: JSON-serialise it.
  const channel = new HostChannel(
    (message) => {
      const bytes = JSON.stringify(message).length;
      posts.count++;
      posts.times.push(performance.now());
      const { method, params } = message as {
        method: string;
        params: { events?: { type: string }[] } & Record<string, unknown>;
      };
      posts.kinds.push(
        method === "thread/events"
          ? params.events!.some((e) => e.type === "turnCompleted")
            ? "events+turnCompleted"
            : "events"
          : `patch:${Object.keys(params).join(",")}`,
      );
      if (method === "thread/events") {
        posts.eventPosts++;
        posts.eventBytes += bytes;
      }
    },
    { warn: () => undefined },
  );
  // SidebarSession.forward
  bridge.state.onDidChange((change) => {
    if (change.kind === "patch") channel.notify("state/patch", change.patch);
    else channel.notify("thread/events", { threadId: change.threadId, events: change.events });
  });
  return { port, bridge, posts };
}

function isDelta(n: RawNotification): boolean {
  return n.method.endsWith("elta") || n.method.endsWith("outputDelta");
}

/** A: ms for the whole stream with a hand-fired batch window. */
function throughput(stream: readonly RawNotification[]): { ms: number; posts: Posts } {
  let pending: (() => void) | undefined;
  const manual: Scheduler = {
    setTimeout: (callback) => {
      pending = callback;
      return 1;
    },
    clearTimeout: () => {
      pending = undefined;
    },
  };
  const { port, bridge, posts } = setup(manual);
  const started = performance.now();
  for (let i = 0; i < stream.length; i++) {
    port.emit(stream[i] as unknown as ServerNotification);
    if (i % 500 === 499 && pending) {
      const fire = pending;
      pending = undefined;
      fire();
    }
  }
  bridge.batcher.flush();
  const ms = performance.now() - started;
  bridge.dispose();
  return { ms, posts };
}

/** B: feeds `stream` at `rate`/s on real timers; resolves with the posts made meanwhile. */
function live(
  stream: readonly RawNotification[],
  rate: number,
): Promise<{ posts: Posts; ms: number }> {
  const { port, bridge, posts } = setup();
  return new Promise((resolve) => {
    const started = performance.now();
    let next = 0;
    const tick = () => {
      const due = Math.min(
        stream.length,
        Math.floor(((performance.now() - started) / 1000) * rate),
      );
      while (next < due) port.emit(stream[next++] as unknown as ServerNotification);
      if (next < stream.length) {
        setTimeout(tick, 2);
        return;
      }
      setTimeout(() => {
        bridge.dispose();
        resolve({ posts, ms: performance.now() - started });
      }, 100);
    };
    tick();
  });
}

/** The most posts inside any window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

async function main(): Promise<void> {
  const stream = generateStream(COUNT);
  const deltas = stream.filter(isDelta).length;
  log(
    `bridge: ${COUNT} notifications (${deltas} deltas), ${REPS} reps; live ${LIVE_COUNT} @ ${LIVE_RATE}/s`,
  );
  throughput(stream); // warm-up
  const times: number[] = [];
  let last: Posts | undefined;
  for (let i = 0; i < REPS; i++) {
    gc();
    await settle();
    const run = throughput(stream);
    times.push(run.ms);
    last = run.posts;
  }
  const rate = COUNT / (median(times) / 1000);

  // Live: a stretch from the middle of the stream (several turns; turn ends flush at once).
  const slice = stream.slice(20_000, 20_000 + LIVE_COUNT);
  const sliceDeltas = slice.filter(isDelta).length;
  const liveRun = await live(slice, LIVE_RATE);
  const seconds = liveRun.ms / 1000;
  const postTimes = liveRun.posts.times;
  const perFrame = maxInWindow(postTimes, FRAME_MS);
  const gaps = postTimes.slice(1).map((t, i) => t - postTimes[i]!);
  const busyFrames = gaps.filter((gap) => gap < FRAME_MS).length;
  // Which pairs of posts came less than a frame apart.
  const causes = new Map<string, number>();
  gaps.forEach((gap, i) => {
    if (gap >= FRAME_MS) return;
    const pair = [liveRun.posts.kinds[i]!, liveRun.posts.kinds[i + 1]!];
    const cause = pair.find((k) => k.startsWith("patch:")) ?? pair.find((k) => k.includes("turn"));
    const key = cause ? `${cause} next to a batch` : "two batches";
    causes.set(key, (causes.get(key) ?? 0) + 1);
  });
  const causeText = [...causes].map(([k, n]) => `${n}× ${k}`).join(", ");
  const turnEnds = slice.filter((n) => n.method === "turn/completed").length;
  const postsPerSecond = liveRun.posts.count / seconds;

  report("2", [
    {
      name: "2 bridge reduction+batching throughput",
      value: rate,
      unit: "events/s",
      target: "info",
      pass: null,
      detail: `${COUNT} notifications in ${median(times).toFixed(0)} ms [${spread(times, 0)}], ${REPS} reps, median; ${last!.eventPosts} thread/events posts`,
    },
    {
      name: "2 bytes posted per delta (live)",
      value: liveRun.posts.eventBytes / sliceDeltas,
      unit: "B/delta",
      target: "info",
      pass: null,
      detail: `${liveRun.posts.eventBytes} B of thread/events for ${sliceDeltas} deltas at ${LIVE_RATE} notifications/s (hand-fired throughput run: ${(last!.eventBytes / deltas).toFixed(1)} B/delta)`,
    },
    {
      name: "2 posts per second while streaming",
      value: postsPerSecond,
      unit: "posts/s",
      target: "≤ 60/s",
      pass: postsPerSecond <= 60,
      detail: `${liveRun.posts.count} posts in ${seconds.toFixed(2)} s for ${LIVE_COUNT} notifications (${turnEnds} turn ends, each flushes at once)`,
    },
    {
      name: "2 max posts in one 16.7 ms frame",
      value: perFrame,
      unit: "posts",
      target: "≤ 1",
      pass: perFrame <= 1,
      detail: `${busyFrames} of ${gaps.length} gaps between posts shorter than a frame; min gap ${Math.min(...gaps).toFixed(1)} ms, median ${median(gaps).toFixed(1)} ms; sub-frame pairs: ${causeText || "none"}`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
