import assert from "node:assert/strict";

import { EventBatcher, type Scheduler } from "../../../extension/bridge/eventBatcher";
import type { ThreadEvent } from "../../../protocol/webview/threadEvents";
import { codexAgentMessage } from "./codexFixtures";
import { loadStream } from "./streams";
import { mapNotification } from "../../../extension/bridge/notificationEvents";

/**
 * A clock and timers driven by hand: `tick()` moves time, running timers when they are due.
 * `earlyMs`: timers fire that much before they are due, as Node's can (its loop clock counts
 * whole milliseconds).
 */
function manualScheduler(earlyMs = 0): Scheduler & {
  now(): number;
  tick(ms: number): void;
  pending(): number;
} {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      // Early by at most half the delay, so a re-armed short timer still moves time on.
      timers.set(++id, { at: now + ms - Math.min(earlyMs, ms / 2), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    tick(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
        if (due.length === 0) break;
        const [key, timer] = due[0]!;
        timers.delete(key);
        now = Math.max(now, timer.at);
        timer.callback();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

/** Command output: paced like all text but an agent message's first (tested on its own below). */
const delta = (text: string, itemId = "i"): ThreadEvent => ({
  type: "textAppended",
  turnId: "u",
  itemId,
  target: "commandOutput",
  index: 0,
  delta: text,
});

const answer = (text: string, itemId = "m"): ThreadEvent => ({
  type: "textAppended",
  turnId: "u",
  itemId,
  target: "agentText",
  index: 0,
  delta: text,
});

const answerItem = (text: string, id = "m"): ThreadEvent => ({
  type: "itemUpserted",
  turnId: "u",
  item: codexAgentMessage(id, text),
});

describe("EventBatcher", () => {
  let scheduler: ReturnType<typeof manualScheduler>;
  let posts: { threadId: string; events: ThreadEvent[] }[];
  let batcher: EventBatcher;

  beforeEach(() => {
    scheduler = manualScheduler();
    posts = [];
    batcher = new EventBatcher({
      deliver: (threadId, events) => posts.push({ threadId, events }),
      intervalMs: 20,
      gatherMs: 4,
      scheduler,
    });
  });

  it("after a quiet window, posts the first burst once the short gather is over", () => {
    for (let i = 0; i < 100; i++) batcher.push("t", delta("x"));
    scheduler.tick(1);
    for (let i = 0; i < 100; i++) batcher.push("t", delta("x"));
    assert.equal(scheduler.pending(), 1, "one timer for the whole burst");
    scheduler.tick(2);
    assert.equal(posts.length, 0, "gathering");
    scheduler.tick(1);
    assert.equal(posts.length, 1, "out 4 ms after the first event, not a window later");
    assert.deepEqual(posts[0]!.events, [delta("x".repeat(200))]);
    assert.equal(scheduler.pending(), 0);
  });

  it("holds what arrives within a window of a post until the window's end, then leads again", () => {
    batcher.push("t", delta("a"));
    scheduler.tick(4); // leading post at 4
    scheduler.tick(1);
    batcher.push("t", delta("b"));
    scheduler.tick(10);
    batcher.push("t", delta("c"));
    scheduler.tick(8);
    assert.equal(posts.length, 1, "held within the window");
    scheduler.tick(1);
    assert.equal(posts.length, 2, "out at the window's end (24)");
    scheduler.tick(30); // quiet
    batcher.push("t", delta("d"));
    scheduler.tick(4);
    assert.deepEqual(
      posts.map((p) => p.events),
      [[delta("a")], [delta("bc")], [delta("d")]],
    );
  });

  it("never posts twice within a window, and loses or reorders nothing", () => {
    const times: number[] = [];
    const texts: string[] = [];
    batcher = new EventBatcher({
      deliver: (_threadId, events) => {
        times.push(scheduler.now());
        for (const e of events) if (e.type === "textAppended") texts.push(e.delta);
      },
      intervalMs: 20,
      gatherMs: 4,
      scheduler,
    });
    let sent = "";
    // Bursts of deltas with gaps of 0–44 ms (some quiet windows among them).
    for (let i = 0; i < 300; i++) {
      const text = String(i % 10);
      sent += text;
      batcher.push("t", delta(text));
      if (i % 3 === 0) scheduler.tick((i * 7) % 45);
    }
    scheduler.tick(100);
    for (let i = 1; i < times.length; i++) {
      assert.ok(
        times[i]! - times[i - 1]! >= 20,
        `posts ${i - 1} and ${i} at ${times.slice(i - 1, i + 1)}`,
      );
    }
    assert.equal(times[0], 4, "the first post after the gather");
    assert.ok(
      times.some((at, i) => i > 0 && at - times[i - 1]! > 20),
      "posts after a quiet window lead too",
    );
    assert.equal(texts.join(""), sent);
    assert.ok(times.length < 100, `${times.length} posts for 300 deltas`);
  });

  it("keeps a whole window between posts even when timers fire early", () => {
    const early = manualScheduler(1);
    const times: number[] = [];
    batcher = new EventBatcher({
      deliver: () => times.push(early.now()),
      intervalMs: 17,
      gatherMs: 4,
      scheduler: early,
    });
    for (let ms = 0; ms < 300; ms++) {
      batcher.push("t", delta("x"));
      early.tick(1);
    }
    early.tick(50);
    assert.ok(times.length >= 15, `${times.length} posts`);
    for (let i = 1; i < times.length; i++) {
      assert.ok(times[i]! - times[i - 1]! >= 17, `posts at ${times.slice(i - 1, i + 1)}`);
    }
  });

  it("keeps order between different items", () => {
    batcher.push("t", delta("a", "1"));
    batcher.push("t", delta("b", "2"));
    batcher.push("t", delta("c", "1"));
    batcher.flush();
    assert.deepEqual(posts[0]!.events, [delta("a", "1"), delta("b", "2"), delta("c", "1")]);
  });

  it("posts at once on turn completion after a quiet window", () => {
    batcher.push("t", delta("a"));
    batcher.push("t", { type: "turnCompleted", turnId: "u", status: "completed", error: null });
    assert.equal(posts.length, 1);
    assert.equal(posts[0]!.events.length, 2);
    assert.equal(scheduler.pending(), 0, "the window timer is cleared");
  });

  it("posts one batch per thread", () => {
    batcher.push("a", delta("1"));
    batcher.push("b", delta("2"));
    batcher.push("a", delta("3"));
    batcher.flush();
    assert.deepEqual(
      posts.map((p) => [p.threadId, p.events.length]),
      [
        ["a", 1],
        ["b", 1],
      ],
    );
  });

  it("flush with nothing pending posts nothing; discard drops a thread's events", () => {
    batcher.flush();
    batcher.push("a", delta("1"));
    batcher.discard("a");
    batcher.flush();
    scheduler.tick(100);
    assert.equal(posts.length, 0);
  });

  it("posts an agent message's first text at once, with the item before it; paces the rest", () => {
    batcher.push("t", answerItem(""));
    scheduler.tick(1);
    assert.equal(posts.length, 0, "the item alone waits for the gather");
    batcher.push("t", answer("Hel"));
    assert.equal(posts.length, 1, "the first delta does not wait for the gather");
    assert.deepEqual(posts[0]!.events, [answerItem(""), answer("Hel")]);
    assert.equal(scheduler.pending(), 0);
    batcher.push("t", answer("lo"));
    batcher.push("t", answer(" there"));
    scheduler.tick(19);
    assert.equal(posts.length, 1, "later deltas wait for the window");
    scheduler.tick(1);
    assert.deepEqual(posts[1]!.events, [answer("lo there")]);
  });

  it("posts a message's first text at the end of a window of the last post, never as a second post in it", () => {
    batcher.push("t", delta("ls output"));
    scheduler.tick(4);
    assert.equal(posts.length, 1);
    scheduler.tick(2);
    batcher.push("t", delta(" more"));
    batcher.push("t", answer("Done", "m1"));
    assert.equal(posts.length, 1, "not a second post within the window");
    scheduler.tick(17);
    assert.equal(posts.length, 1);
    scheduler.tick(1);
    assert.equal(posts.length, 2, "at the window's end: no gather, no wait for more text");
    assert.deepEqual(posts[1]!.events, [delta(" more"), answer("Done", "m1")]);
    // The next message's first text likewise; its item completing with the whole text is no first.
    batcher.push("t", answerItem("Done.", "m1"));
    batcher.push("t", answer("Next", "m2"));
    scheduler.tick(19);
    assert.equal(posts.length, 2);
    scheduler.tick(1);
    assert.equal(posts.length, 3);
    batcher.push("t", answerItem("Next one", "m2"));
    batcher.push("t", answer(" two", "m2"));
    scheduler.tick(19);
    assert.equal(posts.length, 3);
    scheduler.tick(1);
    assert.equal(posts.length, 4);
  });

  it("posts a message that arrives whole, without deltas, as soon as the window allows", () => {
    batcher.push("t", delta("x"));
    scheduler.tick(4);
    scheduler.tick(1);
    batcher.push("t", answerItem("The whole answer.", "w"));
    scheduler.tick(18);
    assert.equal(posts.length, 1, "within the window of the last post: it waits for its end");
    scheduler.tick(1);
    assert.equal(posts.length, 2);
    assert.deepEqual(posts[1]!.events, [answerItem("The whole answer.", "w")]);
    scheduler.tick(100);
    batcher.push("t", answerItem("Another whole answer.", "w2"));
    assert.equal(posts.length, 3, "after a quiet window: at once");
  });

  it("posts a message's first text before a deferred post, which takes the next opening", () => {
    const order: string[] = [];
    batcher = new EventBatcher({
      deliver: (_threadId, events) => order.push(events.map((e) => e.type).join("+")),
      intervalMs: 20,
      gatherMs: 4,
      scheduler,
    });
    batcher.push("t", delta("x"));
    scheduler.tick(4);
    batcher.defer(() => order.push("patch") > 0);
    scheduler.tick(1);
    batcher.push("t", answer("Hi"));
    assert.deepEqual(order, ["textAppended"], "both wait for the window's end");
    scheduler.tick(19);
    assert.deepEqual(order, ["textAppended", "textAppended"], "the first text first");
    scheduler.tick(19);
    assert.equal(order.length, 2, "one post per window");
    scheduler.tick(1);
    assert.deepEqual(order, ["textAppended", "textAppended", "patch"]);
    assert.equal(scheduler.pending(), 0);
  });

  it("an opening that posts an older deferred post posts nothing else, told by its release", () => {
    const order: string[] = [];
    batcher = new EventBatcher({
      deliver: (_threadId, events) => order.push(events.map((e) => e.type).join("+")),
      intervalMs: 20,
      gatherMs: 4,
      scheduler,
    });
    batcher.push("t", delta("x"));
    scheduler.tick(4);
    assert.deepEqual(order, ["textAppended"]);
    // The deferred post comes first and never calls posted(): its release says it posted.
    batcher.defer(() => order.push("patch") > 0);
    scheduler.tick(1);
    batcher.push("t", delta("y"));
    scheduler.tick(18);
    assert.deepEqual(order, ["textAppended"], "both wait for the window's end");
    scheduler.tick(1);
    assert.deepEqual(order, ["textAppended", "patch"], "the older deferred post, alone");
    scheduler.tick(19);
    assert.equal(order.length, 2, "one post per window");
    scheduler.tick(1);
    assert.deepEqual(order, ["textAppended", "patch", "textAppended"]);
    // A release with nothing to post leaves its opening to the events.
    batcher.defer(() => false);
    scheduler.tick(1);
    batcher.push("t", delta("z"));
    scheduler.tick(19);
    assert.deepEqual(order, ["textAppended", "patch", "textAppended", "textAppended"]);
  });

  it("a recorded answer goes out as far fewer posts than tokens", () => {
    const stream = loadStream("reasoning").notifications;
    let tokens = 0;
    for (const n of stream) {
      for (const m of mapNotification(n)) {
        if (m.kind !== "event") continue;
        if (m.event.type === "textAppended") tokens++;
        batcher.push(m.threadId, m.event);
      }
    }
    batcher.flush();
    assert.equal(
      posts.length,
      2,
      "the answer's first text at once, the rest of the burst as one post at turn completion",
    );
    assert.deepEqual(
      posts[0]!.events.filter((e) => e.type === "textAppended" && e.target === "agentText").length,
      1,
    );
    const appends = posts.flatMap((p) => p.events).filter((e) => e.type === "textAppended");
    assert.ok(appends.length < tokens, `${appends.length} appends for ${tokens} deltas`);
  });
});
