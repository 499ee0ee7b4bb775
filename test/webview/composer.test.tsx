import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { shouldSend } from "../../webview/components/composerKeys";
import type { EnterBehavior } from "../../protocol/webview/viewModel";
import {
  click,
  flush,
  hydrate,
  lastRequest,
  mount,
  notifications,
  notify,
  requests,
  respond,
  thread,
  turn,
  unmount,
  userMessage,
  viewState,
} from "./harness";
import { flushUntil } from "./flushUntil";

const key = (patch: Partial<KeyboardEventInit> = {}) => ({
  key: "Enter",
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...patch,
});

function setup(behavior: EnterBehavior = "enter", state?: unknown) {
  const { root } = mount({ state });
  hydrate({ settings: { ...viewState().settings, composerEnterBehavior: behavior } });
  const textarea = root.querySelector<HTMLTextAreaElement>("textarea")!;
  return { root, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string) {
  fireEvent.input(textarea, { target: { value } });
}

describe("webview: composer enter behaviours", () => {
  it("shouldSend follows composerEnterBehavior", () => {
    assert.equal(shouldSend(key(), "enter", "a\nb"), true);
    assert.equal(shouldSend(key({ shiftKey: true }), "enter", "a"), false);
    assert.equal(shouldSend(key(), "cmdIfMultiline", "one line"), true);
    assert.equal(shouldSend(key(), "cmdIfMultiline", "two\nlines"), false);
    assert.equal(shouldSend(key({ ctrlKey: true }), "cmdIfMultiline", "two\nlines"), true);
    assert.equal(shouldSend(key(), "cmdAlways", "a"), false);
    assert.equal(shouldSend(key({ metaKey: true }), "cmdAlways", "a"), true);
    assert.equal(shouldSend(key({ key: "a" }), "enter", "a"), false);
    assert.equal(shouldSend({ ...key(), isComposing: true }, "enter", "a"), false);
  });
});

describe("webview: composer", () => {
  afterEach(unmount);

  it("enter: Enter sends, Shift+Enter does not", async () => {
    const { textarea } = setup("enter");
    type(textarea, "hello");
    fireEvent.keyDown(textarea, { key: "Enter", shiftKey: true });
    assert.equal(requests("chat/send").length, 0);
    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.deepEqual(lastRequest("chat/send").params, { text: "hello", attachments: [] });
  });

  it("cmdAlways: only Ctrl/Cmd+Enter sends", () => {
    const { textarea } = setup("cmdAlways");
    type(textarea, "hello");
    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.equal(requests("chat/send").length, 0);
    fireEvent.keyDown(textarea, { key: "Enter", ctrlKey: true });
    assert.equal(requests("chat/send").length, 1);
  });

  it("cmdIfMultiline: Enter sends single-line text only", () => {
    const { textarea } = setup("cmdIfMultiline");
    type(textarea, "line one\nline two");
    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.equal(requests("chat/send").length, 0);
    fireEvent.keyDown(textarea, { key: "Enter", metaKey: true });
    assert.equal(requests("chat/send").length, 1);
  });

  it("keeps the text until the host accepts; keeps it and shows the error on failure", async () => {
    const { root, textarea } = setup();
    type(textarea, "try this");
    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.equal(textarea.value, "try this");
    await respond("chat/send", "The model is unavailable.", false);
    assert.equal(textarea.value, "try this");
    assert.match(root.textContent ?? "", /The model is unavailable/);
    fireEvent.keyDown(textarea, { key: "Enter" });
    await respond("chat/send", { queued: false });
    assert.equal(textarea.value, "");
  });

  it("restores the draft from getState and reports drafts (debounced)", async () => {
    const { textarea } = setup("enter", {
      version: 1,
      draft: "half-written",
      attachments: [],
      scroll: null,
      expanded: {},
    });
    assert.equal(textarea.value, "half-written");
    type(textarea, "half-written thought");
    type(textarea, "half-written thoughts");
    assert.equal(notifications("composer/draftChanged").length, 0);
    await flushUntil(
      () => notifications("composer/draftChanged").length > 0,
      "the debounced draft",
    );
    const drafts = notifications("composer/draftChanged");
    assert.equal(drafts.length, 1);
    assert.deepEqual(drafts[0]!.params, { text: "half-written thoughts" });
  });

  it("an emptied draft in the view's own state wins over the host's older copy", async () => {
    const { textarea } = setup("enter", {
      version: 1,
      draft: "",
      attachments: [],
      scroll: null,
      expanded: {},
    });
    hydrate({ draft: "text that was sent before the reload" });
    assert.equal(textarea.value, "");
  });

  it("a view with no saved state of its own starts from the host's draft", async () => {
    const { root } = mount({ state: undefined });
    hydrate({ draft: "kept by the host" });
    await flush();
    assert.equal(root.querySelector<HTMLTextAreaElement>("textarea")!.value, "kept by the host");
  });

  it("composer/insert adds text at the cursor and removable attachment chips", async () => {
    const { root, textarea } = setup();
    type(textarea, "hello world");
    textarea.setSelectionRange(5, 5);
    notify("composer/insert", {
      text: ",",
      attachments: [{ kind: "file", path: "/work/project/src/a.ts" }],
    });
    assert.equal(textarea.value, "hello, world");
    const chip = root.querySelector(".attachments .chip");
    assert.match(chip?.textContent ?? "", /a\.ts/);
    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.deepEqual(lastRequest("chat/send").params, {
      text: "hello, world",
      attachments: [{ kind: "file", path: "/work/project/src/a.ts" }],
    });
    await respond("chat/send", { queued: false });
    notify("composer/insert", { attachments: [{ kind: "file", path: "/b.ts" }] });
    click(root, "Remove attachment b.ts");
    assert.equal(root.querySelector(".attachments"), null);
  });

  it("Stop interrupts a running turn; queued follow-ups can be removed", async () => {
    const { root } = mount();
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })], {
        queued: [{ id: "q1", text: "and then test it" }],
      }),
    });
    click(root, "Stop");
    assert.equal(requests("chat/interrupt").length, 1);
    assert.match(root.querySelector(".queued")?.textContent ?? "", /and then test it/);
    click(root.querySelector(".queued")!, "Remove queued message “and then test it”");
    assert.deepEqual(lastRequest("chat/cancelQueued").params, { queuedId: "q1" });
  });
});
