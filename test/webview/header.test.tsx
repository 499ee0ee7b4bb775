import "./setup";
import * as assert from "node:assert/strict";
import { hydrate, mount, notify, thread, turn, unmount, userMessage } from "./harness";

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
});
