/**
 * Post pacing of the bridge on a fake clock: while a turn streams, every post to the view (thread
 * events, state patches such as rate limits and notices, turn completions) is at least one batch
 * window after the previous one, but for the post with an agent message's first text, which goes
 * at once; the first events after a quiet window go out after the short gather rather than a
 * window later, and a view that applies the posts ends where hydrate is.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../../extension/bridge/bridge";
import { emptyThread, type ChatStateChange } from "../../../extension/bridge/chatState";
import type { Scheduler } from "../../../extension/bridge/eventBatcher";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { applyThreadEvents } from "../../../protocol/webview/threadEvents";
import type { ChatViewState } from "../../../protocol/webview/viewModel";
import { fakePort, nullLogger } from "./fakePort";
import { loadStream } from "./streams";

const INTERVAL = 24;
/** The batcher's default gather before a leading-edge post. */
const GATHER = 4;

/** A clock and timers driven by hand: `advance()` moves time, running timers when they are due. */
function fakeClock(): Scheduler & { advance(ms: number): void; now(): number } {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(++id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        }
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].callback();
      }
      now = end;
    },
  };
}

function setup() {
  const clock = fakeClock();
  const port = fakePort();
  const bridge = new ChatBridge({
    port,
    logger: nullLogger(),
    cwd: () => "/workspace",
    openExternal: async () => false,
    confirmFullAccess: async () => false,
    batchIntervalMs: INTERVAL,
    scheduler: clock,
  });
  bridge.state.setThread(emptyThread("thread-1", "/workspace"));
  // The view: what it was hydrated with, then every post applied as the webview does.
  let view: ChatViewState = bridge.hydrate();
  const posts: { at: number; change: ChatStateChange }[] = [];
  bridge.state.onDidChange((change) => {
    posts.push({ at: clock.now(), change });
    if (change.kind === "patch") {
      view = { ...view, ...change.patch } as ChatViewState;
    } else if (view.thread?.id === change.threadId) {
      view = { ...view, thread: applyThreadEvents(view.thread, change.events) };
    }
  });
  clock.advance(1_000);
  return { clock, port, bridge, posts, view: () => view };
}

const rateLimits = (usedPercent: number) =>
  ({
    method: "account/rateLimits/updated",
    params: {
      rateLimits: {
        limitId: null,
        limitName: null,
        primary: { usedPercent, windowDurationMins: 300, resetsAt: null },
        secondary: null,
        credits: null,
        planType: null,
      },
    },
  }) as unknown as ServerNotification;

const kinds = (posts: { change: ChatStateChange }[]) =>
  posts.map((p) =>
    p.change.kind === "patch"
      ? `patch:${Object.keys(p.change.patch).join(",")}`
      : p.change.events.some((e) => e.type === "turnCompleted")
        ? "events+turnCompleted"
        : "events",
  );

/** Whether a post carries an agent message's first text (`last`: the message that had text last,
 * as the batcher tracks it); such a post, and an older held post released with it, are not held
 * for the window. */
function startsText(change: ChatStateChange, last: { id?: string }): boolean {
  if (change.kind !== "events") return false;
  let first = false;
  for (const e of change.events) {
    const id =
      e.type === "textAppended" && e.target === "agentText" && e.delta !== ""
        ? e.itemId
        : e.type === "itemUpserted" && e.item.type === "agentMessage" && e.item.text !== ""
          ? e.item.id
          : undefined;
    if (id === undefined || id === last.id) continue;
    last.id = id;
    first = true;
  }
  return first;
}

/** At least a window between posts, but for those with a message's first text; returns how many
 * of those came within a window of the post before. */
function assertPaced(posts: { at: number; change: ChatStateChange }[]): number {
  const last: { id?: string } = {};
  const starts = posts.map((p) => startsText(p.change, last));
  let early = 0;
  for (let i = 1; i < posts.length; i++) {
    const gap = posts[i]!.at - posts[i - 1]!.at;
    const withFirst = starts[i] || (starts[i + 1] === true && posts[i + 1]!.at === posts[i]!.at);
    if (withFirst) {
      if (gap < INTERVAL) early++;
      continue;
    }
    assert.ok(gap >= INTERVAL, `posts ${i - 1} and ${i} only ${gap} ms apart`);
  }
  return early;
}

describe("bridge post pacing (fake clock)", () => {
  it("never posts twice within one window while a turn streams with rate-limit updates, but for a message's first text", () => {
    const t = setup();
    const stream = loadStream("reasoning").notifications;
    // Two turns back to back, a rate-limit update every few notifications, 0.2–3 ms apart.
    let firstEventAt: number | undefined;
    for (let round = 0; round < 2; round++) {
      stream.forEach((notification, i) => {
        t.clock.advance(0.2 + (i % 4));
        t.port.emit(notification);
        if (t.bridge.batcher.hasPending) firstEventAt ??= t.clock.now();
        if (i % 7 === 3) t.port.emit(rateLimits(round * 100 + i));
      });
    }
    t.clock.advance(500);
    assert.ok(t.posts.length > 3, `${t.posts.length} posts`);
    assert.ok(t.posts[0]!.at - firstEventAt! <= GATHER, "leading edge: not a window later");
    const early = assertPaced(t.posts);
    const messages = new Set(
      stream.flatMap((n) =>
        n.method === "item/agentMessage/delta" ? [(n.params as { itemId: string }).itemId] : [],
      ),
    );
    assert.ok(early <= 2 * messages.size, `${early} early posts for ${messages.size} messages`);
    const seen = kinds(t.posts);
    assert.ok(seen.includes("events+turnCompleted"), seen.join(" "));
    assert.ok(
      seen.some((k) => k.startsWith("patch:") && k.includes("rateLimits")),
      seen.join(" "),
    );
    // Nothing lost or doubled: the view ends exactly where a fresh hydrate is.
    assert.deepEqual(t.view(), t.bridge.hydrate());
  });

  it("posts an answer's first delta at once with its item, a turn completion at the window's end", () => {
    const t = setup();
    const delta = (delta: string) =>
      ({
        method: "item/agentMessage/delta",
        params: { threadId: "thread-1", turnId: "turn-1", itemId: "m", delta },
      }) as unknown as ServerNotification;
    t.port.emit({
      method: "item/started",
      params: {
        threadId: "thread-1",
        turnId: "turn-1",
        item: { type: "agentMessage", id: "m", text: "" },
      },
    } as unknown as ServerNotification);
    t.clock.advance(0.5); // an answer's first delta comes as a read of its own
    assert.equal(t.posts.length, 0, "the item alone waits for the gather");
    t.port.emit(delta("a"));
    const first = t.posts.length;
    assert.equal(first, 1, "the item and its first delta in one post, at once");
    assert.deepEqual(
      (t.posts[0]!.change as { events: { type: string }[] }).events.map((e) => e.type),
      ["itemUpserted", "textAppended"],
    );
    t.clock.advance(0.2);
    t.port.emit(delta("b"));
    t.port.emit({
      method: "turn/completed",
      params: {
        threadId: "thread-1",
        turn: { id: "turn-1", items: [], status: "completed", error: null },
      },
    } as unknown as ServerNotification);
    assert.equal(t.posts.length, first, "held until the window allows");
    t.clock.advance(INTERVAL - 0.2 - 0.1);
    assert.equal(t.posts.length, first);
    t.clock.advance(1); // timers are armed in whole ms
    assert.equal(t.posts.length, first + 1, "out as soon as the window allows");
    assert.deepEqual(kinds(t.posts.slice(first)), ["events+turnCompleted"]);
    assertPaced(t.posts);
  });

  it("posts a rate-limit update at once when nothing is pending, and coalesces held ones", () => {
    const t = setup();
    t.port.emit(rateLimits(1));
    assert.equal(t.posts.length, 1, "idle: no delay");
    t.clock.advance(1);
    t.port.emit(rateLimits(2));
    t.port.emit(rateLimits(3));
    assert.equal(t.posts.length, 1);
    t.clock.advance(INTERVAL);
    assert.equal(t.posts.length, 2, "both held updates in one patch");
    assert.equal(t.view().rateLimits?.primary?.usedPercent, 3);
    assertPaced(t.posts);
  });

  it("hydrate folds in everything pending, held patches included", () => {
    const t = setup();
    t.port.emit(rateLimits(1));
    t.port.emit(rateLimits(2));
    const snapshot = t.bridge.hydrate();
    assert.equal(snapshot.rateLimits?.primary?.usedPercent, 2);
    assert.deepEqual(t.view(), snapshot);
  });
});
