import "./setup";
import * as assert from "node:assert/strict";
import type { ThreadItem, ThreadView } from "../../protocol/webview/viewModel";
import { fireEvent } from "@testing-library/preact";
import {
  agentMessage,
  flush,
  notify,
  hydrate,
  mount,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
  vscode,
} from "./harness";
import { flushUntil } from "./flushUntil";

/**
 * Gives the list the scroll geometry happy-dom lacks: content and viewport heights, and a scroll
 * position the browser keeps between 0 and the bottom.
 */
function layOut(list: HTMLElement, content: () => number, viewport: () => number) {
  let top = 0;
  const clamp = (value: number) => Math.max(0, Math.min(value, content() - viewport()));
  Object.defineProperty(list, "scrollHeight", { configurable: true, get: content });
  Object.defineProperty(list, "clientHeight", { configurable: true, get: viewport });
  Object.defineProperty(list, "scrollTop", {
    configurable: true,
    get: () => clamp(top),
    set: (value: number) => (top = clamp(value)),
  });
}

describe("webview: windowed transcript", () => {
  afterEach(unmount);

  it("keeps the DOM bounded with 2,000 items and follows the bottom", () => {
    const { root } = mount();
    const items: ThreadItem[] = [];
    for (let i = 0; i < 1000; i++) {
      items.push(userMessage(`u${i}`, `question ${i}`), agentMessage(`a${i}`, `answer ${i}`));
    }
    hydrate({ thread: thread([turn("t1", items, { status: "inProgress" })]) });
    const rows = root.querySelectorAll(".vrow");
    assert.ok(rows.length > 0 && rows.length < 80, `rendered ${rows.length} rows`);
    assert.match(root.textContent ?? "", /answer 999/, "starts at the latest item");
    assert.doesNotMatch(root.textContent ?? "", /question 0\b/);
    threadEvents("thread-1", [
      { type: "itemUpserted", turnId: "t1", item: agentMessage("new", "streamed reply") },
    ]);
    assert.match(root.textContent ?? "", /streamed reply/);
    assert.ok(root.querySelectorAll(".vrow").length < 80);
  });

  it("renders unknown item types as a neutral row", () => {
    const { root } = mount();
    const weird = { type: "somethingNew", id: "x1", status: "completed" } as unknown as ThreadItem;
    hydrate({ thread: thread([turn("t1", [weird, agentMessage("a", "after")])]) });
    assert.match(root.querySelector(".generic-item")?.textContent ?? "", /somethingNew/);
    assert.match(root.textContent ?? "", /after/);
  });

  it("keeps following the bottom when the content grows under it; stops when the user scrolls up", async () => {
    const { root } = mount();
    const items: ThreadItem[] = [];
    for (let i = 0; i < 40; i++)
      items.push(userMessage(`u${i}`, `q ${i}`), agentMessage(`a${i}`, `a ${i}`));
    hydrate({ thread: thread([turn("t1", items, { status: "inProgress" })]) });
    await flush();
    const list = root.querySelector<HTMLElement>(".vlist")!;
    let contentHeight = 5_000;
    layOut(
      list,
      () => contentHeight,
      () => 500,
    );
    const scrollTo = async (top: number) => {
      list.scrollTop = top;
      fireEvent.scroll(list);
      await flush();
    };
    const jumpShown = () =>
      [...root.querySelectorAll(".jump-latest")].some((b) =>
        /Jump to latest/.test(b.textContent ?? ""),
      );
    await scrollTo(4_500);
    assert.ok(!jumpShown(), "at the bottom");
    // A row grew (a streamed answer, a new turn) before the list caught up: the scroll event
    // sees a gap at the bottom although the reader did not move.
    contentHeight = 5_600;
    await scrollTo(4_500);
    assert.ok(!jumpShown(), "still following the bottom after the content grew");
    // The reader scrolls up: the list stops following and offers the way back.
    await scrollTo(3_000);
    assert.ok(jumpShown(), "Jump to latest once the reader scrolled up");
  });

  it("keeps following when the viewport grows and the content grows before the scroll event", async () => {
    const { root } = mount();
    const items: ThreadItem[] = [];
    for (let i = 0; i < 40; i++)
      items.push(userMessage(`u${i}`, `q ${i}`), agentMessage(`a${i}`, `a ${i}`));
    hydrate({ thread: thread([turn("t1", items, { status: "inProgress" })]) });
    await flush();
    const list = root.querySelector<HTMLElement>(".vlist")!;
    let contentHeight = 5_000;
    let viewportHeight = 480;
    layOut(
      list,
      () => contentHeight,
      () => viewportHeight,
    );
    const jumpShown = () => root.querySelector(".jump-latest") !== null;
    list.scrollTop = 4_520;
    fireEvent.scroll(list);
    await flush();
    assert.ok(!jumpShown(), "at the bottom");
    // What code-server showed as a turn ended and the next began: the composer lost a row, so
    // the viewport grew by 20 px and the browser pulled the position up by as much; in the same
    // task the new turn made the content taller. The scroll event comes after both.
    viewportHeight = 500;
    list.scrollTop = 4_500;
    contentHeight = 5_300;
    fireEvent.scroll(list);
    await flush();
    assert.ok(!jumpShown(), "still following: the reader did not move");
    assert.equal(
      list.scrollTop,
      contentHeight - viewportHeight,
      "the list followed the new content to the bottom",
    );
    // The reader scrolling up by more than the viewport grew still stops it.
    list.scrollTop = 4_000;
    fireEvent.scroll(list);
    await flush();
    assert.ok(jumpShown(), "Jump to latest once the reader scrolled up");
  });

  it("each thread gets only its own saved reading position, across switches and a reload", async () => {
    // A list 5,000 px tall in a 500 px viewport (happy-dom lays nothing out).
    const proto = HTMLElement.prototype;
    const saved = {
      scrollHeight: Object.getOwnPropertyDescriptor(proto, "scrollHeight"),
      clientHeight: Object.getOwnPropertyDescriptor(proto, "clientHeight"),
    };
    const fake = (name: keyof typeof saved, px: number) =>
      Object.defineProperty(proto, name, {
        configurable: true,
        get(this: HTMLElement) {
          return this.classList.contains("vlist") ? px : (saved[name]?.get?.call(this) ?? 0);
        },
      });
    fake("scrollHeight", 5_000);
    fake("clientHeight", 500);
    try {
      const reload = {
        version: 1,
        threadId: "thread-1",
        scroll: { threadId: "thread-1", top: 300 },
      };
      let { root } = mount({ state: reload });
      const items = (prefix: string): ThreadItem[] =>
        Array.from({ length: 30 }, (_, i) => [
          userMessage(`${prefix}u${i}`, `${prefix} q ${i}`),
          agentMessage(`${prefix}a${i}`, `${prefix} a ${i}`),
        ]).flat();
      const one = thread([turn("t1", items("one"))]);
      const two = thread([turn("t2", items("two"))], { id: "thread-2" });
      const show = async (shown: ThreadView) => {
        notify("state/patch", { thread: shown });
        await flush();
      };
      const list = () => root.querySelector<HTMLElement>(".vlist")!;
      const jumpShown = () => root.querySelector(".jump-latest") !== null;

      hydrate({ thread: one });
      await flush();
      assert.ok(
        jumpShown(),
        "after a reload, thread-1 reopens where it was read, not at the bottom",
      );
      assert.equal(list().scrollTop, 300, "scrolled to thread-1's saved position");

      await show(two);
      assert.ok(!jumpShown(), "thread-2 opens at its latest turn, not at thread-1's position");

      // The reader leaves thread-2 at 1,000 px; the save is debounced.
      list().scrollTop = 1_000;
      fireEvent.scroll(list());
      const persisted = await flushUntil(() => {
        const state = vscode.state as { scroll?: { threadId: string; top: number } } | undefined;
        return state?.scroll?.threadId === "thread-2" && state;
      }, "thread-2's reading position saved");
      assert.deepEqual(persisted.scroll, { threadId: "thread-2", top: 1_000, firstTurnId: "t2" });

      await show(one);
      assert.ok(!jumpShown(), "thread-1 opens at its latest turn, not at thread-2's position");

      // A reload with thread-2 on screen brings thread-2 back where it was read.
      ({ root } = mount({ state: persisted }));
      hydrate({ thread: two });
      await flush();
      assert.ok(
        jumpShown(),
        "after a reload, thread-2 reopens where it was read, not at the bottom",
      );
      assert.equal(list().scrollTop, 1_000, "scrolled to thread-2's saved position");
    } finally {
      for (const [name, descriptor] of Object.entries(saved)) {
        if (descriptor) Object.defineProperty(proto, name, descriptor);
        else delete (proto as unknown as Record<string, unknown>)[name];
      }
    }
  });
});
