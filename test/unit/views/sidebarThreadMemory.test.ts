import assert from "node:assert/strict";

import { ChatBridge } from "../../../extension/bridge/bridge";
import {
  SIDEBAR_THREAD_KEY,
  SidebarThreadMemory,
  type ThreadIdStore,
} from "../../../extension/views/sidebarThreadMemory";
import type { PortState } from "../../../extension/connection/port";
import type { Thread } from "../../../protocol/codex/v2/Thread";
import type { Turn } from "../../../protocol/codex/v2/Turn";
import { codexThread, codexTurn } from "../bridge/codexFixtures";
import { fakePort, nullLogger } from "../bridge/fakePort";
import { waitUntil } from "../../support/waitUntil";

function turn(id: string, text: string): Turn {
  return codexTurn(id, "completed", [
    {
      type: "userMessage",
      id: `${id}-u`,
      clientId: null,
      content: [{ type: "text", text, text_elements: [] }],
    },
  ] as Turn["items"]);
}

const thread = (id: string): Thread => codexThread(id);

/** A workspace state in memory; `update(key, undefined)` removes the key, as VS Code's does. */
function memento(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const writes: unknown[] = [];
  const store: ThreadIdStore & { values: Map<string, unknown>; writes: unknown[] } = {
    values,
    writes,
    get: (key) => values.get(key),
    update: async (key, value) => {
      writes.push(value);
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
  return store;
}

function setup(saved?: unknown, portState: PortState = { kind: "ready" }, batchIntervalMs = 0) {
  const port = fakePort(portState);
  const logger = nullLogger();
  const bridge = new ChatBridge({
    port,
    logger,
    cwd: () => "/w",
    openExternal: async () => true,
    confirmFullAccess: async () => false,
    initialState: { draft: "half-written draft" },
    batchIntervalMs,
  });
  const state = memento(saved === undefined ? {} : { [SIDEBAR_THREAD_KEY]: saved });
  const memory = new SidebarThreadMemory({ bridge, workspaceState: state, logger });
  port.answer("thread/start", { thread: thread("NEW"), cwd: "/w", model: "mock-model" });
  port.answer("turn/start", { turn: { ...turn("t-new", "hi"), status: "inProgress" } });
  port.answer("thread/resume", (params: { threadId: string }) => ({
    thread: thread(params.threadId),
  }));
  port.answer("thread/read", (params: { threadId: string }) => ({
    thread: thread(params.threadId),
  }));
  port.answer("thread/turns/list", {
    data: [turn("t2", "second question"), turn("t1", "first question")],
    nextCursor: null,
    backwardsCursor: null,
  });
  return { port, logger, bridge, state, memory };
}

const saved = (state: ReturnType<typeof memento>) => state.values.get(SIDEBAR_THREAD_KEY);
const methods = (port: ReturnType<typeof fakePort>) => port.calls.map((call) => call.method);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("SidebarThreadMemory", () => {
  it("remembers the thread the sidebar shows: started, resumed, forked; new and archived clear it", async () => {
    const { bridge, state, port } = setup();
    await bridge.threads.send("hi", []);
    assert.equal(saved(state), "NEW", "saved once the thread exists");
    bridge.threads.newThread();
    assert.equal(saved(state), undefined, "a new empty thread clears it");
    await bridge.history.resume("OLD");
    assert.equal(saved(state), "OLD");
    port.answer("thread/fork", { thread: thread("FORK") });
    await bridge.history.fork("OLD");
    assert.equal(saved(state), "FORK");
    port.answer("thread/archive", {});
    await bridge.history.archive("FORK");
    assert.equal(saved(state), undefined);
    assert.deepEqual(state.writes, ["NEW", undefined, "OLD", "FORK", undefined]);
  });

  it("does not write while the thread stays the same (streamed events, renames)", async () => {
    const { bridge, state, port } = setup();
    await bridge.threads.send("hi", []);
    port.answer("thread/name/set", {});
    await bridge.history.rename("NEW", "Named");
    bridge.state.addNotice({ level: "info", message: "x", details: null });
    assert.deepEqual(state.writes, ["NEW"]);
  });

  it("remembers a thread whose patch the paced state held back", async () => {
    const { bridge, state } = setup(undefined, { kind: "ready" }, 24);
    bridge.state.addNotice({ level: "info", message: "a post just went out", details: null });
    await bridge.threads.send("hi", []);
    await waitUntil(() => saved(state) === "NEW", "the paced patch to remember the thread", 5_000);
  });

  it("reopens the remembered thread with its turns, keeping the draft, without an error", async () => {
    const { bridge, state, memory, port, logger } = setup("OLD");
    await memory.restore();
    // The turns are asked first: codex answers them without loading the thread.
    assert.deepEqual(methods(port), ["thread/read", "thread/turns/list", "thread/resume"]);
    assert.equal((port.calls[2]!.params as { excludeTurns: boolean }).excludeTurns, true);
    assert.equal(bridge.state.thread?.id, "OLD");
    assert.deepEqual(
      bridge.state.thread?.turns.map((t) => t.id),
      ["t1", "t2"],
    );
    assert.equal(bridge.state.snapshot.draft, "half-written draft");
    assert.deepEqual(bridge.state.snapshot.notices, []);
    assert.ok(port.tracked.has("OLD"), "tracked for app-server restarts");
    assert.equal(saved(state), "OLD");
    assert.deepEqual(state.writes, [], "nothing to write: the id is already saved");
    assert.ok(logger.lines.some((line) => /reopened thread OLD/.test(line)));
  });

  it("restores only once", async () => {
    const { memory, port } = setup("OLD");
    await Promise.all([memory.restore(), memory.restore()]);
    await memory.restore();
    assert.equal(methods(port).filter((m) => m === "thread/resume").length, 1);
  });

  it("with nothing remembered, restoring asks codex nothing", async () => {
    const { memory, port, bridge } = setup();
    await memory.restore();
    assert.deepEqual(port.calls, []);
    assert.equal(bridge.state.thread, null);
  });

  it("forgets an implausible saved id without asking codex", async () => {
    for (const bad of [42, "", "../etc", { id: "x" }]) {
      const { memory, port, state } = setup(bad);
      await memory.restore();
      assert.deepEqual(port.calls, [], JSON.stringify(bad));
      assert.equal(saved(state), undefined, JSON.stringify(bad));
    }
  });

  it("falls back to a new thread when codex cannot resume it: logged, forgotten, no notice", async () => {
    const { memory, port, bridge, state, logger } = setup("GONE");
    port.answer("thread/resume", () => {
      throw new Error("no rollout found for thread id GONE");
    });
    await memory.restore();
    assert.equal(bridge.state.thread, null);
    assert.equal(saved(state), undefined);
    assert.deepEqual(bridge.state.snapshot.notices, []);
    assert.equal(bridge.state.snapshot.draft, "half-written draft");
    assert.ok(
      logger.lines.some((line) => /could not reopen thread GONE.*no rollout found/.test(line)),
      logger.lines.join("\n"),
    );
    // The sidebar works as a new thread afterwards.
    await bridge.threads.send("hi", []);
    assert.equal(saved(state), "NEW");
  });

  it("gives way to a message the user sent while codex was loading the thread", async () => {
    const { memory, port, bridge, state } = setup("OLD");
    let answerResume!: () => void;
    port.answer(
      "thread/resume",
      (params: { threadId: string }) =>
        new Promise(
          (resolve) => (answerResume = () => resolve({ thread: thread(params.threadId) })),
        ),
    );
    const restoring = memory.restore();
    await tick();
    await bridge.threads.send("a new question", []);
    answerResume();
    await restoring;
    assert.equal(bridge.state.thread?.id, "NEW", "the user's thread stays on screen");
    assert.equal(saved(state), "NEW");
  });

  it("gives way to a new thread or a History pick made while codex was loading", async () => {
    for (const act of ["new", "history"] as const) {
      const { memory, port, bridge, state } = setup("OLD");
      let answerResume!: () => void;
      port.answer("thread/resume", (params: { threadId: string }) =>
        params.threadId === "OLD"
          ? new Promise((resolve) => (answerResume = () => resolve({ thread: thread("OLD") })))
          : { thread: thread(params.threadId) },
      );
      const restoring = memory.restore();
      await tick();
      if (act === "new") bridge.threads.newThread();
      else await bridge.history.resume("PICKED");
      answerResume();
      await restoring;
      assert.equal(bridge.state.thread?.id, act === "new" ? undefined : "PICKED", act);
      assert.equal(saved(state), act === "new" ? undefined : "PICKED", act);
    }
  });

  it("waits for the app-server when it is not up yet, and keeps the id if it never comes", async () => {
    const failed: PortState = { kind: "failed", reason: "codex not found", stderrTail: [] };
    const { memory, port, bridge, state } = setup("OLD", failed);
    const restoring = memory.restore();
    await tick();
    assert.deepEqual(port.calls, [], "no request while codex is not running");
    port.setState({ kind: "ready" });
    port.connect();
    await restoring;
    assert.equal(bridge.state.thread?.id, "OLD");

    const other = setup("OLD", failed);
    const pending = other.memory.restore();
    other.memory.dispose();
    await pending;
    assert.deepEqual(other.port.calls, []);
    assert.equal(saved(other.state), "OLD", "kept for the next window");
    assert.equal(saved(state), "OLD");
  });
});
