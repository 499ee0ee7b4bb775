import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import type { TurnView } from "../../protocol/webview/viewModel";
import { buildRows, estimateRowHeight } from "../../webview/components/rows";
import {
  agentMessage,
  click,
  hydrate,
  lastRequest,
  mount,
  requests,
  respond,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";

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

describe("webview: older turns of a resumed thread", () => {
  afterEach(unmount);

  it("fetches the earlier turns at the top and keeps what the user reads in place", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(5, 10), { olderTurns: true }) });
    const list = scrollable(root);
    scrollTo(list, 1_000);
    assert.equal(requests("history/loadOlder").length, 0, "not while reading further down");
    scrollTo(list, 100);
    scrollTo(list, 50);
    assert.equal(requests("history/loadOlder").length, 1, "one request for one page");
    assert.deepEqual(lastRequest("history/loadOlder").params, { threadId: "thread-1" });
    assert.match(root.textContent ?? "", /Loading earlier turns/);

    const older = turns(0, 5);
    threadEvents("thread-1", [{ type: "olderTurnsLoaded", turns: older, more: false }]);
    await respond("history/loadOlder", {});
    const added = buildRows(thread(older), [])
      .map(estimateRowHeight)
      .reduce((a, b) => a + b, 0);
    // The sentinel row went away with the last page: its height goes too.
    const sentinel = 36;
    assert.equal(list.scrollTop, 50 + added - sentinel, "the rows read stay where they were");
    assert.equal(root.querySelector(".older-turns"), null, "nothing older is left");
    scrollTo(list, 0);
    assert.match(root.textContent ?? "", /answer 0\n/);
    assert.equal(requests("history/loadOlder").length, 1, "nothing more to fetch");
  });

  it("offers the earlier turns as a button, with Retry when fetching failed", async () => {
    const { root } = mount();
    hydrate({ thread: thread(turns(0, 1), { olderTurns: true }) });
    click(root, "Show earlier turns");
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
  });
});
