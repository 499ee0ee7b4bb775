import "./setup";
import * as assert from "node:assert/strict";
import {
  allButtons,
  click,
  hydrate,
  mount,
  notify,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

function headerTitle(root: HTMLElement): string {
  return root.querySelector(".header-title")?.textContent ?? "";
}

describe("webview: header title", () => {
  afterEach(unmount);

  it("names an unnamed thread after its first message, and a new thread 'New thread'", () => {
    const { root } = mount();
    hydrate({ thread: null });
    assert.equal(headerTitle(root), "New thread");
    notify("state/patch", {
      thread: thread([turn("t1", [userMessage("u1", "Explain the build\nscript")])]),
    });
    assert.equal(headerTitle(root), "Explain the build script");
  });

  it("prefers the thread's name", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "hello")])], { name: "Build fix" }) });
    assert.equal(headerTitle(root), "Build fix");
  });

  it("has no New thread button of its own (the view's title bar has it)", () => {
    const { root } = mount();
    hydrate();
    const names = allButtons(root.querySelector(".header")!).map((b) => b.name);
    assert.deepEqual(names, ["History", "Account"]);
  });

  it("another thread closes the history panel (New thread from the title bar)", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "hello")])]) });
    click(root, "History");
    assert.ok(root.querySelector(".history-panel"), "the history panel is open");
    notify("state/patch", { thread: null });
    assert.equal(root.querySelector(".history-panel"), null);
    assert.ok(root.querySelector("textarea"), "the chat is back");
  });
});
