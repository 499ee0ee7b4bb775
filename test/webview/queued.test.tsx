import "./setup";
import * as assert from "node:assert/strict";
import { click, flush, hydrate, mount, requests, thread, unmount } from "./harness";

describe("webview: queued follow-ups", () => {
  afterEach(unmount);

  it("after Stop, says the queue waits and sends a held message only when asked", async () => {
    const { root } = mount();
    hydrate({ thread: thread([], { queued: [{ id: "q1", text: "second", held: true }] }) });
    const status = root.querySelector(".queued-held");
    assert.match(status?.textContent ?? "", /Stopped\. Queued messages wait until you send them\./);
    assert.equal(requests("chat/sendQueued").length, 0);
    click(root, "Send queued message “second” now");
    await flush();
    assert.deepEqual(
      requests("chat/sendQueued").map((sent) => sent.params),
      [{ queuedId: "q1" }],
    );
  });

  it("a follow-up waiting for a running turn has no Send and no Stopped line", () => {
    const { root } = mount();
    hydrate({ thread: thread([], { queued: [{ id: "q1", text: "second" }] }) });
    assert.ok(root.querySelector(".queued-item"));
    assert.equal(root.querySelector(".queued-held"), null);
    assert.equal(root.querySelector('[aria-label^="Send queued message"]'), null);
  });
});
