import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { flushUntil } from "./flushUntil";
import {
  allButtons,
  button,
  flush,
  hydrate,
  mount,
  requests,
  respond,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";

function toolbarButtons(root: HTMLElement): string[] {
  return allButtons(root.querySelector(".composer-actions")!).map((b) => b.name);
}

describe("webview: composer toolbar", () => {
  afterEach(unmount);

  it("shows the context window's use as a meter beside Send, not in the header", () => {
    const { root } = mount();
    const tokens = (total: number) => ({
      totalTokens: total,
      inputTokens: total,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
      outputTokens: 0,
      reasoningOutputTokens: 0,
    });
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "go")])], {
        tokenUsage: { total: tokens(90_000), last: tokens(68_000), modelContextWindow: 272_000 },
      }),
    });
    const meter = root.querySelector(".composer-toolbar [role='meter']");
    assert.ok(meter, "a meter in the composer's toolbar");
    assert.equal(meter.getAttribute("aria-valuenow"), "25");
    assert.equal(
      meter.getAttribute("aria-label"),
      "Context: 68k of 272k tokens (90k used in this thread)",
    );
    assert.doesNotMatch(root.querySelector(".header")?.textContent ?? "", /Ctx/);
    hydrate({ thread: thread([]) });
    assert.equal(
      root.querySelector(".composer-toolbar [role='meter']"),
      null,
      "none without usage",
    );
  });

  it("Stop takes Send's place during a turn until there is something to queue", async () => {
    const { root } = mount();
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]),
    });
    assert.deepEqual(toolbarButtons(root), ["Stop"]);
    const stop = button(root, "Stop").element;
    const textarea = root.querySelector("textarea")!;
    fireEvent.input(textarea, { target: { value: "and then test it" } });
    assert.deepEqual(toolbarButtons(root), ["Stop", "Queue message"]);
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "go")])]) });
    await flush(); // the toolkit passes the new name to its inner button in the next frame
    assert.deepEqual(toolbarButtons(root), ["Send"]);
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]),
    });
    // Compared as a boolean: mocha would try to print two DOM trees on a failure.
    assert.ok(
      button(root, "Stop").element === stop,
      "Stop is shown again, not rebuilt, when the next turn starts",
    );
  });

  it("Send keeps its name and shows a spinning icon while a message is on its way", async () => {
    const { root } = mount();
    hydrate();
    const textarea = root.querySelector("textarea")!;
    fireEvent.input(textarea, { target: { value: "hello" } });
    fireEvent.click(button(root, "Send").element);
    fireEvent.click(button(root, "Send").element);
    assert.equal(requests("chat/send").length, 1, "a second click sends nothing");
    // Send shows it a moment later (see Composer.tsx: the message leaves first).
    const sending = await flushUntil(() => {
      const found = button(root, "Send");
      return found.element.getAttribute("title") === "Sending…" && found;
    }, "Send shows the message on its way");
    assert.ok(sending.element.querySelector(".codicon-loading.codicon-modifier-spin"));
    // The toolkit passes `disabled` to its inner button in a later update than the title.
    await flushUntil(() => button(root, "Send").disabled, "Send disabled while it is on its way");
    fireEvent.click(button(root, "Send").element);
    assert.equal(requests("chat/send").length, 1, "no second send meanwhile");
    await respond("chat/send", { queued: false });
    assert.ok(button(root, "Send").element.querySelector(".codicon-send"));
  });

  it("a message waiting for codex to load the thread says so, until the thread has loaded", async () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "go")])], { loading: true }) });
    const waiting = () => root.querySelector(".composer-waiting[role='status']")?.textContent;
    assert.equal(waiting(), undefined, "nothing while nothing waits");
    fireEvent.input(root.querySelector("textarea")!, { target: { value: "and then" } });
    fireEvent.click(button(root, "Send").element);
    assert.equal(
      await flushUntil(waiting, "the waiting line"),
      "Loading the thread… your message goes out once it has loaded.",
    );
    threadEvents("thread-1", [{ type: "loaded" }]);
    await flush();
    assert.equal(waiting(), undefined, "gone once codex has loaded it");
    await respond("chat/send", { queued: false });
  });
});
