import "./setup";
import * as assert from "node:assert/strict";
import type { ThreadItem } from "../../protocol/webview/viewModel";
import {
  agentMessage,
  hydrate,
  mount,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";

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
});
