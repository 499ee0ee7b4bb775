import assert from "node:assert/strict";

import { EventBatcher, type Scheduler } from "../../../extension/bridge/eventBatcher";
import type { ThreadEvent } from "../../../protocol/webview/threadEvents";
import { loadStream } from "./streams";
import { mapNotification } from "../../../extension/bridge/notificationEvents";

/** A scheduler driven by hand: `tick()` runs what is due. */
function manualScheduler(): Scheduler & { tick(ms: number): void; pending(): number } {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      timers.set(++id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    tick(ms) {
      now += ms;
      for (const [key, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(key);
          timer.callback();
        }
      }
    },
    pending: () => timers.size,
  };
}

const delta = (text: string, itemId = "i"): ThreadEvent => ({
  type: "textAppended",
  turnId: "u",
  itemId,
  target: "agentText",
  index: 0,
  delta: text,
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
      scheduler,
    });
  });

  it("posts at most once per window, with deltas coalesced", () => {
    for (let i = 0; i < 200; i++) batcher.push("t", delta("x"));
    assert.equal(posts.length, 0);
    assert.equal(scheduler.pending(), 1, "one timer for the whole burst");
    scheduler.tick(19);
    assert.equal(posts.length, 0);
    scheduler.tick(1);
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]!.events, [delta("x".repeat(200))]);
  });

  it("starts a new window after a flush", () => {
    batcher.push("t", delta("a"));
    scheduler.tick(20);
    batcher.push("t", delta("b"));
    batcher.push("t", delta("c"));
    scheduler.tick(20);
    assert.deepEqual(
      posts.map((p) => p.events),
      [[delta("a")], [delta("bc")]],
    );
  });

  it("keeps order between different items", () => {
    batcher.push("t", delta("a", "1"));
    batcher.push("t", delta("b", "2"));
    batcher.push("t", delta("c", "1"));
    batcher.flush();
    assert.deepEqual(posts[0]!.events, [delta("a", "1"), delta("b", "2"), delta("c", "1")]);
  });

  it("flushes at once on turn completion", () => {
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
    assert.equal(posts.length, 0);
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
    assert.equal(posts.length, 1, "the whole burst goes out as one post at turn completion");
    const appends = posts.flatMap((p) => p.events).filter((e) => e.type === "textAppended");
    assert.ok(appends.length < tokens, `${appends.length} appends for ${tokens} deltas`);
  });
});
