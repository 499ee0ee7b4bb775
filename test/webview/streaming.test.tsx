import "./setup";
import * as assert from "node:assert/strict";
import {
  agentMessage,
  findButton,
  hydrate,
  mount,
  notifications,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";
import { flushUntil } from "./flushUntil";
import type { TextTarget, ThreadEvent } from "../../protocol/webview/threadEvents";
import type { ThreadItem } from "../../protocol/webview/viewModel";

describe("webview: boot and streaming", () => {
  afterEach(unmount);

  it("says ready once mounted, and renders state/hydrate", () => {
    const { root } = mount();
    assert.equal(notifications("ready").length, 1);
    hydrate({
      thread: thread([
        turn("t1", [userMessage("u1", "hello"), agentMessage("a1", "Hi **there**")]),
      ]),
    });
    assert.match(root.textContent ?? "", /hello/);
    assert.equal(root.querySelector(".agent-message strong")?.textContent, "there");
  });

  it("renders thread/events deltas incrementally into the same agent message", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]) });
    threadEvents("thread-1", [
      { type: "itemUpserted", turnId: "t1", item: agentMessage("a1", "") },
      {
        type: "textAppended",
        turnId: "t1",
        itemId: "a1",
        target: "agentText",
        index: 0,
        delta: "Hel",
      },
    ]);
    const first = root.querySelector(".agent-message");
    assert.ok(first);
    assert.equal(first.textContent?.trim(), "Hel");
    const user = root.querySelector(".user-message");
    threadEvents("thread-1", [
      {
        type: "textAppended",
        turnId: "t1",
        itemId: "a1",
        target: "agentText",
        index: 0,
        delta: "lo ",
      },
      {
        type: "textAppended",
        turnId: "t1",
        itemId: "a1",
        target: "agentText",
        index: 0,
        delta: "world",
      },
    ]);
    const again = root.querySelector(".agent-message");
    assert.equal(again, first, "the same element is updated in place");
    assert.equal(again?.textContent?.trim(), "Hello world");
    assert.equal(root.querySelector(".user-message"), user, "other items are untouched");
    assert.equal(root.querySelectorAll(".agent-message").length, 1);
  });

  it("streamed text goes to its item alone: the rows stay as built, the text shows whole after", () => {
    const { root, store } = mount();
    const command = {
      type: "commandExecution",
      id: "c1",
      pluginId: null,
      scriptPath: null,
      command: "make",
      cwd: "/work/project",
      processId: null,
      source: "agent",
      status: "inProgress",
      commandActions: [],
      aggregatedOutput: "",
      exitCode: null,
      durationMs: null,
    } as ThreadItem;
    hydrate({
      thread: thread([
        turn("t1", [userMessage("u1", "go"), command, agentMessage("a1", "")], {
          status: "inProgress",
        }),
      ]),
    });
    const outline = store.getState().outline;
    const append = (itemId: string, target: TextTarget, delta: string): ThreadEvent => ({
      type: "textAppended",
      turnId: "t1",
      itemId,
      target,
      index: 0,
      delta,
    });
    threadEvents("thread-1", [append("c1", "commandOutput", "compiling\n")]);
    threadEvents("thread-1", [
      append("a1", "agentText", "Build"),
      append("a1", "agentText", "ing"),
    ]);
    const message = () => root.querySelector(".agent-message")?.textContent?.trim();
    assert.equal(message(), "Building");
    assert.match(root.querySelector(".command-output")?.textContent ?? "", /compiling/);
    assert.ok(store.getState().outline === outline, "the transcript's rows were not rebuilt");
    // A change of anything else rebuilds the rows, from the thread with all its text.
    threadEvents("thread-1", [
      append("a1", "agentText", " done."),
      { type: "itemUpserted", turnId: "t1", item: agentMessage("a2", "Next") },
    ]);
    assert.ok(store.getState().outline !== outline, "a new item rebuilds the rows");
    assert.equal(store.getState().grown.size, 0);
    assert.deepEqual(
      Array.from(root.querySelectorAll(".agent-message")).map((m) => m.textContent?.trim()),
      ["Building done.", "Next"],
    );
    assert.match(root.querySelector(".command-output")?.textContent ?? "", /compiling/);
  });

  it("text for an item not seen yet shows it: the delta creates the item", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]) });
    threadEvents("thread-1", [
      {
        type: "textAppended",
        turnId: "t1",
        itemId: "early",
        target: "agentText",
        index: 0,
        delta: "Before its start",
      },
    ]);
    assert.equal(root.querySelector(".agent-message")?.textContent?.trim(), "Before its start");
  });

  it("ignores events for another thread", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [agentMessage("a1", "one")])]) });
    threadEvents("other", [
      {
        type: "textAppended",
        turnId: "t1",
        itemId: "a1",
        target: "agentText",
        index: 0,
        delta: "X",
      },
    ]);
    assert.equal(root.querySelector(".agent-message")?.textContent?.trim(), "one");
  });

  it("shows an error with Reload when state/hydrate never arrives", async () => {
    const { root } = mount({ hydrateTimeoutMs: 10 });
    await flushUntil(() => /could not load/.test(root.textContent ?? ""), "the load error");
    const errorsBefore = notifications("webview/error").length;
    assert.ok(errorsBefore >= 1, "the timeout is reported to the host");
    assert.ok(findButton(root, "Reload"));
  });
});
