import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import type { TurnView } from "../../protocol/webview/viewModel";
import { buildRows, estimateRowHeight } from "../../webview/components/rows";
import {
  agentMessage,
  click,
  flush,
  fromHost,
  hydrate,
  lastRequest,
  mount,
  notify,
  requests,
  respond,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
  vscode,
} from "./harness";
import { flushUntil } from "./flushUntil";

function turns(from: number, to: number): TurnView[] {
  const list: TurnView[] = [];
  for (let i = from; i < to; i++)
    list.push(
      turn(`t${i}`, [userMessage(`u${i}`, `question ${i}`), agentMessage(`a${i}`, `answer ${i}`)]),
    );
  return list;
}

/** happy-dom has no layout: the list is given a viewport and a scroll height. */
function scrollable(root: HTMLElement): HTMLElement {
  const list = root.querySelector<HTMLElement>(".vlist")!;
  Object.defineProperty(list, "clientHeight", { configurable: true, get: () => 300 });
  Object.defineProperty(list, "scrollHeight", { configurable: true, get: () => 20_000 });
  return list;
}

function scrollTo(list: HTMLElement, top: number): void {
  list.scrollTop = top;
  fireEvent.scroll(list);
}

/** The keys of the rows in the DOM, top to bottom ("older:<first turn shown>", "item:<turn>:<item>"). */
function rowKeys(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll(".vrow")).map((row) => row.getAttribute("data-row-key")!);
}

describe("webview: older turns of a resumed thread", () => {
  afterEach(unmount);

  /** The height of `older`'s rows, as estimated before they are measured. */
  const heightOf = (older: TurnView[]) =>
    buildRows(thread(older), [])
      .map(estimateRowHeight)
      .reduce((a, b) => a + b, 0);
  /** The "Show earlier turns" row, while it stands first. */
  const sentinel = 36;

  it("holds two pages before the latest one back, shows the nearest at the top at once and fetches another", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(10, 15), { olderTurns: true }) });
    await flush();
    assert.equal(requests("history/loadOlder").length, 1, "the page before is fetched ahead");
    assert.deepEqual(lastRequest("history/loadOlder").params, { threadId: "thread-1" });
    const page = turns(5, 10);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: page, more: true }]);
    await respond("history/loadOlder", {});
    assert.equal(requests("history/loadOlder").length, 2, "and the one before that");
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(0, 5), more: true }]);
    await respond("history/loadOlder", {});
    assert.equal(requests("history/loadOlder").length, 2, "two pages are held");
    assert.doesNotMatch(root.textContent ?? "", /answer (4|9)\n/, "held back, not shown");
    assert.match(root.textContent ?? "", /Show earlier turns/);

    const list = scrollable(root);
    scrollTo(list, 1_000);
    assert.equal(requests("history/loadOlder").length, 2, "not while reading further down");
    // Scrolling up to two viewports (300 px each) from the top: the nearest held page is put in
    // front, while there is still that much to read, and another one is fetched.
    scrollTo(list, 600);
    await flush();
    assert.equal(list.scrollTop, 600 + heightOf(page), "the rows read stay where they were");
    assert.match(root.textContent ?? "", /answer 9\n/, "the nearest held page is rendered");
    assert.doesNotMatch(root.textContent ?? "", /answer 4\n/, "the other one is still held");
    assert.equal(requests("history/loadOlder").length, 3, "another page is fetched ahead");
    assert.doesNotMatch(root.textContent ?? "", /Loading earlier turns/, "nobody waits for it");

    // The reading position is saved with the first turn shown, which a reload holds back before.
    scrollTo(list, list.scrollTop);
    const saved = await flushUntil(() => {
      const scroll = (vscode.state as { scroll?: { firstTurnId?: string } } | undefined)?.scroll;
      return scroll?.firstTurnId === "t5" && scroll;
    }, "the position saved with the page shown");
    assert.deepEqual(saved, { threadId: "thread-1", top: 600 + heightOf(page), firstTurnId: "t5" });
  });

  it("holds a page fetched ahead back as a page of its own when its answer comes first", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(10, 15), { olderTurns: true }) });
    await flush();
    // The host paces its events while a turn streams: an answer can overtake its page.
    await respond("history/loadOlder", {});
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(5, 10), more: true }]);
    await flush();
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(0, 5), more: true }]);
    await respond("history/loadOlder", {});
    assert.equal(rowKeys(root)[0], "older:t10", "both pages are held back");

    const list = scrollable(root);
    scrollTo(list, 100);
    scrollTo(list, 50);
    await flush();
    const keys = rowKeys(root);
    assert.ok(keys.includes("item:t9:a9"), "the nearest page is put in front");
    assert.ok(!keys.some((key) => /^item:t[0-4]:/.test(key)), "not the one before it");
  });

  it("shows the page a reader at the top waits for when it lands after its answer", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(5, 10), { olderTurns: true, loading: true }) });
    await flush();
    const list = scrollable(root);
    scrollTo(list, 100);
    scrollTo(list, 50);
    await respond("history/loadOlder", {});
    assert.match(root.textContent ?? "", /Loading earlier turns/, "the reader still waits");

    const older = turns(0, 5);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: older, more: false }]);
    await flush();
    assert.equal(list.scrollTop, 50 + heightOf(older) - sentinel, "put in front of the rows read");
    assert.ok(rowKeys(root).includes("item:t4:a4"), "the page is shown, not held back");
    assert.equal(root.querySelector(".older-turns"), null, "nothing older is left");
  });

  it("starts again on a thread switch: the latest turns, pages fetched ahead for that thread", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(10, 15), { olderTurns: true }) });
    await flush();
    const first = lastRequest("history/loadOlder");
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(5, 10), more: true }]);

    const other = thread(turns(50, 55), { id: "thread-2", olderTurns: true });
    notify("state/patch", { thread: other });
    await flush();
    assert.equal(rowKeys(root)[0], "older:t50", "thread-2 opens at its latest turns");
    assert.deepEqual(lastRequest("history/loadOlder").params, { threadId: "thread-2" });
    // Thread-1's answer comes in late: it neither shows nor fetches anything for thread-2.
    fromHost({ kind: "response", id: first.id, ok: true, result: {} });
    await flush();
    assert.equal(requests("history/loadOlder").length, 2, "thread-2's page is still on its way");

    // Back on thread-1, resumed again with its latest page: nothing of it is held back any more.
    notify("state/patch", { thread: thread(turns(10, 15), { olderTurns: true }) });
    await flush();
    assert.equal(rowKeys(root)[0], "older:t10");
    assert.deepEqual(lastRequest("history/loadOlder").params, { threadId: "thread-1" });
  });

  it("shows the page a reader at the top waits for as soon as it lands", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(5, 10), { olderTurns: true, loading: true }) });
    await flush();
    assert.equal(requests("history/loadOlder").length, 0, "not while codex loads the thread");
    const list = scrollable(root);
    scrollTo(list, 100);
    scrollTo(list, 50);
    assert.equal(requests("history/loadOlder").length, 1, "one request for one page");
    assert.match(root.textContent ?? "", /Loading earlier turns/);

    const older = turns(0, 5);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: older, more: false }]);
    await respond("history/loadOlder", {});
    // The sentinel row went away with the last page: its height goes too.
    assert.equal(list.scrollTop, 50 + heightOf(older) - sentinel, "the rows read stay in place");
    assert.equal(root.querySelector(".older-turns"), null, "nothing older is left");
    scrollTo(list, 0);
    assert.match(root.textContent ?? "", /answer 0\n/);
    assert.equal(requests("history/loadOlder").length, 1, "nothing more to fetch");
  });

  it("after a reload, holds back again what was held back when the position was saved", async () => {
    const saved = { version: 1, scroll: { threadId: "thread-1", top: 400, firstTurnId: "t5" } };
    const { root } = mount({ state: saved });
    hydrate({ thread: thread(turns(0, 10), { olderTurns: true }) });
    await flush();
    assert.equal(rowKeys(root)[0], "older:t5");
    assert.equal(requests("history/loadOlder").length, 1, "one page more is fetched ahead");

    // Where the turns held back split into pages is not saved: they come in front together.
    const list = scrollable(root);
    scrollTo(list, 100);
    await flush();
    const keys = rowKeys(root);
    assert.ok(keys.includes("item:t0:u0") && keys.includes("item:t4:a4"), "all held back shown");
    assert.doesNotMatch(root.textContent ?? "", /Loading earlier turns/, "nobody waits for it");
  });

  it("shows the turns held back when a rollback drops the first turn shown", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(10, 15), { olderTurns: true }) });
    await flush();
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(5, 10), more: true }]);
    await respond("history/loadOlder", {});
    threadEvents("thread-1", [{ type: "turnsDropped", fromTurnId: "t12" }]);
    await flush();
    assert.equal(rowKeys(root)[0], "older:t10", "a later turn dropped: the page stays held back");
    threadEvents("thread-1", [{ type: "turnsDropped", fromTurnId: "t10" }]);
    await flush();
    assert.equal(rowKeys(root)[0], "older:t5", "what is left of the thread is shown");
    assert.ok(rowKeys(root).includes("item:t9:a9"));
  });

  it("offers the earlier turns as a button, with Retry when fetching failed", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(0, 1), { olderTurns: true }) });
    // The reader clicks while the page fetched ahead is on its way, and waits for it.
    click(root, "Show earlier turns");
    assert.equal(requests("history/loadOlder").length, 1);
    await respond("history/loadOlder", "codex went away", false);
    assert.match(root.textContent ?? "", /codex went away/);
    click(root, "Retry");
    assert.equal(requests("history/loadOlder").length, 2);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(-3, 0), more: true }]);
    await respond("history/loadOlder", {});
    const keys = Array.from(root.querySelectorAll(".vrow")).map((row) =>
      row.getAttribute("data-row-key"),
    );
    assert.equal(keys[0], "older:t-3", "the row stands before the new first turn");
    assert.equal(keys[1], "item:t-3:u-3");
    assert.equal(requests("history/loadOlder").length, 3, "and the next page is fetched ahead");
  });

  it("marks the transcript busy while codex still loads the resumed thread", () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(0, 2), { loading: true }) });
    const transcript = () => root.querySelector(".transcript")!;
    assert.equal(transcript().getAttribute("aria-busy"), "true");
    hydrate({ thread: thread(turns(0, 2), { loading: false }) });
    assert.equal(transcript().getAttribute("aria-busy"), "false");
  });
});

/** A ResizeObserver the test drives: happy-dom's observes nothing. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(readonly callback: (entries: ResizeObserverEntry[]) => void) {
    FakeResizeObserver.all.push(this);
  }
  /** The one observing the list's rows. */
  static ofRows(): FakeResizeObserver {
    const found = FakeResizeObserver.all.find((each) =>
      Array.from(each.observed).some((element) => element.classList.contains("vrow")),
    );
    assert.ok(found, "the list observes its rows");
    return found;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Reports `height(key)` as the border-box height of each observed row. */
  report(height: (key: string) => number) {
    const rows = Array.from(this.observed).filter((element) => element.isConnected);
    this.callback(
      rows.map((target) => {
        const blockSize = height(target.getAttribute("data-row-key") ?? "");
        return {
          target,
          borderBoxSize: [{ blockSize, inlineSize: 300 }],
          contentBoxSize: [{ blockSize: blockSize - 8, inlineSize: 300 }],
          contentRect: { height: blockSize - 8 },
        } as unknown as ResizeObserverEntry;
      }),
    );
  }
}

describe("webview: rows measured by the ResizeObserver", () => {
  const original = globalThis.ResizeObserver;
  const proto = HTMLElement.prototype;
  const layoutReads = ["offsetHeight", "offsetTop"] as const;
  const saved = layoutReads.map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)]);
  let reads = 0;
  beforeEach(() => {
    globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
    FakeResizeObserver.all = [];
    reads = 0;
    for (const name of layoutReads)
      Object.defineProperty(proto, name, {
        configurable: true,
        get: () => {
          reads += 1;
          return 0;
        },
      });
  });
  afterEach(() => {
    unmount();
    globalThis.ResizeObserver = original;
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, name as string, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name as string];
    }
  });

  it("keeps the rows read in place when the older rows put in front measure taller than estimated", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(5, 10), { olderTurns: true }) });
    await flush();
    const list = scrollable(root);
    const observer = FakeResizeObserver.ofRows();
    const estimate = (key: string) => {
      const row = buildRows(thread(turns(0, 10)), []).find((each) => each.key === key);
      return row ? estimateRowHeight(row) : 36;
    };
    observer.report(estimate);
    scrollTo(list, 50);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: turns(0, 5), more: false }]);
    await respond("history/loadOlder", {});
    const placed = list.scrollTop;
    const older = Array.from(root.querySelectorAll(".vrow")).filter((row) =>
      /^item:t[0-4]:/.test(row.getAttribute("data-row-key") ?? ""),
    );
    assert.ok(older.length > 0, "some of the older rows are rendered above the ones read");

    // Each older row turns out 30 px taller than its estimate: the rows read move down by as much.
    observer.report((key) => estimate(key) + (/^item:t[0-4]:/.test(key) ? 30 : 0));
    assert.equal(list.scrollTop, placed + 30 * older.length, "the rows read stay where they were");
    await flush();
    assert.equal(list.scrollTop, placed + 30 * older.length, "and after the list rendered again");
    assert.equal(reads, 0, "no row's layout was read: the observer's entries carry the sizes");
  });
});
