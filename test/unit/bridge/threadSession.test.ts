import assert from "node:assert/strict";

import { ApprovalBroker } from "../../../extension/bridge/approvals";
import { ChatState } from "../../../extension/bridge/chatState";
import { EventBatcher } from "../../../extension/bridge/eventBatcher";
import { ThreadHistory, threadSummary } from "../../../extension/bridge/threadHistory";
import { ThreadSession } from "../../../extension/bridge/threadSession";
import { transcriptStream } from "../../../extension/bridge/transcriptStream";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import { codexThread, codexTurn } from "./codexFixtures";
import { fakePort, nullLogger } from "./fakePort";
import { loadStream } from "./streams";

const turn = codexTurn;
const thread = codexThread;

function setup() {
  const port = fakePort();
  const state = new ChatState();
  const logger = nullLogger();
  const batcher = new EventBatcher({ deliver: (id, events) => state.applyEvents(id, events) });
  const approvals = new ApprovalBroker({ port, state, logger });
  const session = new ThreadSession({
    port,
    state,
    batcher,
    approvals,
    logger,
    cwd: () => "/w",
  });
  port.onNotification(
    notificationDispatcher([session.notifications, transcriptStream(state, batcher)]),
  );
  let turnCounter = 0;
  port.answer("thread/start", {
    thread: thread("T1"),
    cwd: "/w",
    model: "mock-model",
  });
  port.answer("turn/start", () => ({ turn: turn(`turn-${++turnCounter}`) }));
  const turnCompleted = (turnId: string) =>
    port.emit({
      method: "turn/completed",
      params: { threadId: "T1", turn: turn(turnId, "completed") },
    });
  const history = new ThreadHistory({ port, state, session });
  return { port, state, session, history, batcher, turnCompleted };
}

const methods = (calls: { method: string }[]) => calls.map((c) => c.method);

describe("ThreadSession", () => {
  it("starts the thread on the first send with the workspace cwd and the mode's policy", async () => {
    const { port, state, session } = setup();
    assert.deepEqual(await session.send("hi", []), { queued: false });
    assert.deepEqual(methods(port.calls), ["thread/start", "turn/start"]);
    assert.deepEqual(port.calls[0]!.params, {
      cwd: "/w",
      approvalPolicy: "on-request",
      sandbox: "workspace-write",
    });
    const params = port.calls[1]!.params as Record<string, unknown>;
    assert.equal(params.threadId, "T1");
    assert.deepEqual(params.input, [{ type: "text", text: "hi", text_elements: [] }]);
    assert.ok(!("model" in params), "no model unless chosen");
    assert.ok(!("approvalPolicy" in params), "the thread already runs with the mode");
    assert.equal(state.thread?.id, "T1");
    assert.ok(port.tracked.has("T1"), "tracked for restarts");
  });

  it("queues a follow-up while a turn runs and sends it when the turn completes", async () => {
    const { port, state, session, turnCompleted } = setup();
    await session.send("first", []);
    assert.deepEqual(await session.send("second", []), { queued: true });
    assert.deepEqual(
      state.thread!.queued.map((q) => q.text),
      ["second"],
    );
    assert.equal(methods(port.calls).filter((m) => m === "turn/start").length, 1);
    turnCompleted("turn-1");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(state.thread!.queued, []);
    const last = port.calls.at(-1)!;
    assert.equal(last.method, "turn/start");
    assert.deepEqual((last.params as { input: unknown }).input, [
      { type: "text", text: "second", text_elements: [] },
    ]);
  });

  it("posts queue edits as small queueChanged events, never the whole thread", async () => {
    const { state, session, turnCompleted } = setup();
    await session.send("first", []);
    const posted: string[] = [];
    state.onDidChange((change) =>
      posted.push(
        change.kind === "patch"
          ? `patch:${Object.keys(change.patch).join(",")}`
          : change.events.map((event) => event.type).join(","),
      ),
    );
    await session.send("second", []);
    session.followUps.cancel(state.thread!.queued[0]!.id);
    await session.send("third", []);
    turnCompleted("turn-1");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      posted.filter((post) => post === "queueChanged" || post.startsWith("patch")),
      ["queueChanged", "queueChanged", "queueChanged", "queueChanged"],
    );
    assert.deepEqual(state.thread!.queued, []);
  });

  it("a cancelled queued message is not sent", async () => {
    const { port, state, session, turnCompleted } = setup();
    await session.send("first", []);
    await session.send("second", []);
    session.followUps.cancel(state.thread!.queued[0]!.id);
    turnCompleted("turn-1");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(methods(port.calls).filter((m) => m === "turn/start").length, 1);
  });

  it("Stop keeps a queued follow-up: held, not sent, until the user sends it", async () => {
    const { port, state, session } = setup();
    await session.send("first", []);
    await session.send("second", []);
    port.emit({
      method: "turn/completed",
      params: { threadId: "T1", turn: turn("turn-1", "interrupted") },
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(methods(port.calls).filter((m) => m === "turn/start").length, 1);
    assert.deepEqual(state.thread!.queued, [
      { id: state.thread!.queued[0]!.id, text: "second", held: true },
    ]);
    // Another turn ending does not send it either.
    await session.send("third", []);
    port.emit({
      method: "turn/completed",
      params: { threadId: "T1", turn: turn("turn-2", "completed") },
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(methods(port.calls).filter((m) => m === "turn/start").length, 2);
    assert.deepEqual(
      state.thread!.queued.map((q) => q.text),
      ["second"],
    );
    assert.deepEqual(await session.followUps.sendNow(state.thread!.queued[0]!.id), {
      queued: false,
    });
    assert.deepEqual(state.thread!.queued, []);
    assert.deepEqual((port.calls.at(-1)!.params as { input: unknown }).input, [
      { type: "text", text: "second", text_elements: [] },
    ]);
  });

  it("steers the running turn in steer mode", async () => {
    const { port, state, session } = setup();
    state.setSettings({ ...state.snapshot.settings, followUpQueueMode: "steer" });
    port.answer("turn/steer", { turnId: "turn-1" });
    await session.send("first", []);
    assert.deepEqual(await session.send("also this", []), { queued: false });
    assert.deepEqual(port.calls.at(-1), {
      method: "turn/steer",
      params: {
        threadId: "T1",
        input: [{ type: "text", text: "also this", text_elements: [] }],
        expectedTurnId: "turn-1",
      },
    });
  });

  it("interrupts the running turn", async () => {
    const { port, session } = setup();
    port.answer("turn/interrupt", {});
    await session.send("first", []);
    await session.interrupt();
    assert.deepEqual(port.calls.at(-1), {
      method: "turn/interrupt",
      params: { threadId: "T1", turnId: "turn-1" },
    });
  });

  it("sends the new mode's policy with the next turn after a mode change", async () => {
    const { port, state, session, turnCompleted } = setup();
    await session.send("first", []);
    turnCompleted("turn-1");
    state.setModelChoice({ ...state.snapshot.modelChoice, mode: "chat", model: "gpt-x" });
    await session.send("second", []);
    const params = port.calls.at(-1)!.params as Record<string, unknown>;
    assert.equal(params.approvalPolicy, "on-request");
    assert.deepEqual(params.sandboxPolicy, { type: "readOnly", networkAccess: false });
    assert.equal(params.model, "gpt-x");
  });

  it("resumes a past thread from its latest page of turns; older pages come on request", async () => {
    const { port, state, history } = setup();
    const recorded = loadStream("text").notifications;
    const items = recorded.flatMap((n) => (n.method === "item/completed" ? [n.params.item] : []));
    port.answer("thread/resume", { thread: thread("T9", []) });
    port.answer("thread/read", { thread: thread("T9", []) });
    // Two pages, newest first, as codex pages them with sortDirection "desc".
    port.answer("thread/turns/list", (params: { cursor: string | null }) =>
      params.cursor === null
        ? { data: [turn("newer", "completed", items)], nextCursor: "page2", backwardsCursor: null }
        : { data: [turn("old", "completed", items)], nextCursor: null, backwardsCursor: null },
    );
    await history.resume("T9");
    // The turns first: codex answers a thread/read sent after a thread/resume only once loaded.
    assert.deepEqual(
      methods(port.calls.slice(0, 3)),
      ["thread/read", "thread/turns/list", "thread/resume"],
      "only the latest page, asked for before codex loads the thread",
    );
    const resumeParams = port.calls[2]!.params as { threadId: string; excludeTurns?: boolean };
    assert.equal(resumeParams.threadId, "T9");
    assert.equal(resumeParams.excludeTurns, true, "no deprecated full-history hydration");
    assert.equal(state.thread?.id, "T9");
    assert.deepEqual(
      state.thread?.turns.map((t) => t.id),
      ["newer"],
    );
    assert.equal(state.thread?.olderTurns, true);
    await history.loadOlder("T9");
    assert.deepEqual(
      (port.calls.at(-1)!.params as { cursor: string | null }).cursor,
      "page2",
      "the next page from codex's cursor",
    );
    assert.deepEqual(
      state.thread?.turns.map((t) => t.id),
      ["old", "newer"],
      "oldest first",
    );
    assert.equal(state.thread?.olderTurns, false);
    assert.equal(state.thread?.turns[0]?.items.length, 2);
    assert.ok(port.tracked.has("T9"));
  });

  it("shows a resumed thread's latest turns before codex has loaded it; a message sent meanwhile waits for the load", async () => {
    const { port, state, session, history } = setup();
    let answer!: () => void;
    port.answer(
      "thread/resume",
      () =>
        new Promise(
          (resolve) => (answer = () => resolve({ thread: thread("T9", []), model: "m" })),
        ),
    );
    port.answer("thread/read", { thread: thread("T9", []) });
    port.answer("thread/turns/list", {
      data: [turn("t2", "completed"), turn("t1", "completed")],
      nextCursor: null,
      backwardsCursor: null,
    });
    await history.resume("T9");
    assert.equal(state.thread?.id, "T9", "shown while codex still loads it");
    assert.deepEqual(
      state.thread?.turns.map((t) => t.id),
      ["t1", "t2"],
    );
    const sent = session.send("hi", []);
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(!methods(port.calls).includes("turn/start"), "the message waits for the load");
    assert.equal(state.thread?.loading, true, "the composer can say why");
    answer();
    await sent;
    assert.equal(state.thread?.loading, false, "loaded before the message went out");
    const start = port.calls.find((call) => call.method === "turn/start");
    assert.equal((start?.params as { threadId: string }).threadId, "T9");
    assert.deepEqual(
      state.thread?.turns.map((t) => t.id).slice(0, 2),
      ["t1", "t2"],
      "the same latest turn after the load: the early page stays",
    );
  });

  it("asks codex for the next older page ahead: once the thread is loaded, then after each page", async () => {
    const { port, state, history } = setup();
    port.answer("thread/resume", { thread: thread("T9", []), model: "m" });
    port.answer("thread/read", { thread: thread("T9", []) });
    const pages: Record<string, unknown> = {
      latest: { data: [turn("t3", "completed")], nextCursor: "c2", backwardsCursor: null },
      c2: { data: [turn("t2", "completed")], nextCursor: "c1", backwardsCursor: null },
      c1: { data: [turn("t1", "completed")], nextCursor: null, backwardsCursor: null },
    };
    port.answer(
      "thread/turns/list",
      (params: { cursor: string | null }) => pages[params.cursor ?? "latest"],
    );
    const cursors = () =>
      port.calls
        .filter((call) => call.method === "thread/turns/list")
        .map((call) => (call.params as { cursor: string | null }).cursor);
    const shown = () => state.snapshot.thread?.turns.map((t) => t.id);
    await history.resume("T9");
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(cursors(), [null, null, "c2"], "the latest page, again once loaded, then c2");
    await history.loadOlder("T9");
    assert.deepEqual(shown(), ["t2", "t3"]);
    assert.deepEqual(cursors(), [null, null, "c2", "c1"], "c2 was ready; c1 is asked ahead");
    await history.loadOlder("T9");
    assert.deepEqual(shown(), ["t1", "t2", "t3"]);
    assert.equal(state.snapshot.thread?.olderTurns, false);
    assert.deepEqual(cursors(), [null, null, "c2", "c1"], "nothing before the first turn");
  });

  /** T9 resumed and shown from `early`; codex loads it until `answer()`, then pages `loaded`. */
  async function resumeLoading(
    early: ReturnType<typeof turn>[] = [],
    loadedTurns: ReturnType<typeof turn>[] = early,
  ) {
    const context = setup();
    const { port, history } = context;
    let isLoaded = false;
    let answer!: () => void;
    port.answer(
      "thread/resume",
      () =>
        new Promise((resolve) => {
          answer = () => {
            isLoaded = true;
            resolve({ thread: thread("T9", []), model: "m" });
          };
        }),
    );
    port.answer("thread/read", { thread: thread("T9", []) });
    // Newest first, as codex pages with sortDirection "desc".
    port.answer("thread/turns/list", () => ({
      data: (isLoaded ? loadedTurns : early).slice().reverse(),
      nextCursor: null,
      backwardsCursor: null,
    }));
    await history.resume("T9");
    return { ...context, answer: () => answer() };
  }

  const settled = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it("a resumed thread whose early page is behind shows codex's latest turns once loaded", async () => {
    // codex indexes a rollout it has not indexed yet as it loads it (resumeLoading.test.ts).
    const { state, history, answer } = await resumeLoading([], [turn("t1", "completed")]);
    assert.equal(state.thread?.turns.length, 0);
    answer();
    await history.resume("T9"); // nothing: already shown
    await settled();
    assert.deepEqual(
      state.thread?.turns.map((t) => t.id),
      ["t1"],
    );
  });

  it("a thread codex still loads holds up only its own sends: a new thread and a detached review go first", async () => {
    const { port, state, session, answer } = await resumeLoading([turn("t1", "completed")]);
    port.answer("review/start", { turn: turn("r1") });
    const forT9 = session.send("for T9", []);
    await settled();
    assert.ok(!methods(port.calls).includes("turn/start"), "T9's message waits for the load");
    assert.equal(session.isLoading("T9"), true);

    await session.review({ type: "uncommittedChanges" }, "detached");
    assert.deepEqual(
      methods(port.calls).slice(-2),
      ["thread/start", "review/start"],
      "a detached review does not wait for T9",
    );
    session.newThread();
    const second = session.send("in a new thread", []);
    await settled();
    assert.equal(
      methods(port.calls).filter((method) => method === "turn/start").length,
      1,
      "the new thread's message went out while T9 still loads",
    );

    // T9 is no longer on screen when it has loaded: its message goes nowhere else.
    answer();
    await assert.rejects(forT9, /closed before it finished loading; nothing was sent/);
    await second;
    assert.equal(methods(port.calls).filter((method) => method === "turn/start").length, 1);
    assert.equal(session.isLoading("T9"), false, "the entry goes when the load settles");
    assert.notEqual(state.thread?.id, "T9");
  });

  it("/compact and an inline review wait for the thread on screen to load", async () => {
    const { port, session, answer } = await resumeLoading([turn("t1", "completed")]);
    port.answer("thread/compact/start", {});
    port.answer("review/start", { turn: turn("r1") });
    const compacted = session.compact();
    const reviewed = session.review({ type: "uncommittedChanges" }, "inline");
    await settled();
    assert.ok(!methods(port.calls).includes("thread/compact/start"), "compact waits");
    assert.ok(!methods(port.calls).includes("review/start"), "the inline review waits");
    answer();
    await compacted;
    assert.deepEqual(await reviewed, { threadId: "T9" });
    const resumedAt = methods(port.calls).indexOf("thread/resume");
    assert.ok(methods(port.calls).indexOf("thread/compact/start") > resumedAt);
    assert.ok(methods(port.calls).indexOf("review/start") > resumedAt);
  });

  it("Stop on a thread codex still loads waits for the load, then stops the turn still running", async () => {
    const { port, session, answer } = await resumeLoading([turn("t1", "inProgress")]);
    port.answer("turn/interrupt", {});
    const stopped = session.interrupt();
    await settled();
    assert.ok(!methods(port.calls).includes("turn/interrupt"), "not before codex loaded it");
    answer();
    await stopped;
    assert.ok(
      methods(port.calls).indexOf("turn/interrupt") > methods(port.calls).indexOf("thread/resume"),
    );
  });

  it("a resumed thread whose last turn codex reports in another state once loaded shows codex's page", async () => {
    // The early page says the last turn runs; once loaded codex says it was interrupted.
    const { state, session, answer } = await resumeLoading(
      [turn("t1", "completed"), turn("t2", "inProgress")],
      [turn("t1", "completed"), turn("t2", "interrupted")],
    );
    assert.equal(session.runningTurnId, "t2", "the early page's running turn");
    answer();
    await settled();
    assert.deepEqual(
      state.thread?.turns.map((t) => `${t.id}:${t.status}`),
      ["t1:completed", "t2:interrupted"],
    );
    assert.equal(session.runningTurnId, undefined, "follow-ups do not queue behind it");
  });

  it("a resume codex refuses is the request's error; one that fails after the turns are shown is a notice", async () => {
    const { port, state, history } = setup();
    port.answer("thread/resume", () => {
      throw new Error("no rollout found");
    });
    port.answer("thread/read", () => new Promise(() => undefined));
    port.answer("thread/turns/list", { data: [], nextCursor: null, backwardsCursor: null });
    await assert.rejects(history.resume("T9"), /Could not open the thread: .*no rollout found/);
    assert.equal(state.snapshot.thread, null);

    let fail!: () => void;
    port.answer(
      "thread/resume",
      () => new Promise((_, reject) => (fail = () => reject(new Error("broken rollout")))),
    );
    port.answer("thread/read", { thread: thread("T8", []) });
    await history.resume("T8");
    assert.equal(state.thread?.id, "T8");
    fail();
    await new Promise((resolve) => setImmediate(resolve));
    const notice = state.snapshot.notices.at(-1);
    assert.equal(notice?.level, "error");
    assert.match(
      `${notice?.message} ${notice?.details}`,
      /Could not open the thread.*broken rollout/,
    );
  });

  it("restore resumes a thread into an empty session, like resume", async () => {
    const { port, state, history } = setup();
    port.answer("thread/resume", { thread: thread("T9", []) });
    port.answer("thread/read", { thread: thread("T9", []) });
    port.answer("thread/turns/list", {
      data: [turn("t1", "completed")],
      nextCursor: null,
      backwardsCursor: null,
    });
    assert.equal(await history.restore("T9"), true);
    assert.deepEqual(methods(port.calls), ["thread/read", "thread/turns/list", "thread/resume"]);
    assert.equal((port.calls[2]!.params as { excludeTurns?: boolean }).excludeTurns, true);
    assert.equal(state.thread?.id, "T9");
    assert.ok(port.tracked.has("T9"));
  });

  it("restore gives way to a thread on screen, or one sent or shown while it loads", async () => {
    const { port, state, session, history } = setup();
    let answer!: () => void;
    port.answer(
      "thread/resume",
      () => new Promise((resolve) => (answer = () => resolve({ thread: thread("T9", []) }))),
    );
    port.answer("thread/read", { thread: thread("T9", []) });
    port.answer("thread/turns/list", { data: [], nextCursor: null, backwardsCursor: null });
    const restoring = history.restore("T9");
    await new Promise((resolve) => setImmediate(resolve));
    const sent = session.send("hi", []);
    answer();
    assert.equal(await restoring, false);
    await sent;
    assert.equal(state.thread?.id, "T1");
    assert.ok(!port.tracked.has("T9"));

    // Something on screen already: nothing is asked.
    const calls = port.calls.length;
    assert.equal(await history.restore("T9"), false);
    assert.equal(port.calls.length, calls);

    // Another thread shown meanwhile, then back to an empty session: still gives way.
    session.newThread();
    const again = history.restore("T9");
    await new Promise((resolve) => setImmediate(resolve));
    session.newThread();
    answer();
    assert.equal(await again, false);
    assert.equal(state.thread, null);
  });

  it("a new thread clears the transcript and stops tracking the old one", async () => {
    const { port, state, session } = setup();
    await session.send("hi", []);
    session.newThread();
    assert.equal(state.thread, null);
    assert.ok(!port.tracked.has("T1"));
  });

  it("marks the running turn interrupted when the app-server goes away", async () => {
    const { port, state, session } = setup();
    await session.send("hi", []);
    port.emit({ method: "turn/started", params: { threadId: "T1", turn: turn("turn-1") } });
    port.setState({ kind: "restarting", attempt: 1, reason: "exited with code 1" });
    const last = state.thread!.turns.at(-1)!;
    assert.equal(last.status, "interrupted");
    assert.match(last.error?.message ?? "", /interrupted/);
    assert.equal(state.snapshot.notices.at(-1)?.level, "warning");
    assert.equal(session.runningTurnId, undefined);
  });

  it("a turn that completed before its turn/start answer is not marked running (nor interrupted by a restart)", async () => {
    const { port, state, session, batcher } = setup();
    await session.send("first", []);
    port.answer("turn/start", () => {
      // codex's notifications for a fast turn can be handled before its answer is.
      port.emit({ method: "turn/started", params: { threadId: "T1", turn: turn("fast") } });
      port.emit({
        method: "turn/completed",
        params: { threadId: "T1", turn: turn("fast", "completed") },
      });
      return { turn: turn("fast") };
    });
    port.emit({
      method: "turn/completed",
      params: { threadId: "T1", turn: turn("turn-1", "completed") },
    });
    await session.send("second", []);
    assert.equal(session.runningTurnId, undefined);
    port.setState({ kind: "restarting", attempt: 1, reason: "killed" });
    batcher.flush();
    assert.equal(state.thread!.turns.at(-1)!.status, "completed");
  });

  it("lists history as thread summaries", async () => {
    const { port, history } = setup();
    port.answer("thread/list", { data: [thread("T5")], nextCursor: "c2", backwardsCursor: null });
    const page = await history.list(null, " auth ");
    assert.deepEqual(page, { threads: [threadSummary(thread("T5"))], nextCursor: "c2" });
    assert.equal((port.calls[0]!.params as { searchTerm: string }).searchTerm, "auth");
  });

  it("renames, forks and archives", async () => {
    const { port, state, session, history } = setup();
    await session.send("hi", []);
    port.answer("thread/name/set", {});
    await history.rename("T1", "Better name");
    assert.equal(state.thread?.name, "Better name");
    port.answer("thread/fork", { thread: { ...thread("T2"), name: "Better name" } });
    port.answer("thread/turns/list", { data: [], nextCursor: null, backwardsCursor: null });
    await history.fork("T1");
    assert.equal(state.thread?.id, "T2");
    // Turns are paged (codex deprecates full-history hydration), and the copy has its own title.
    const fork = port.calls.find((call) => call.method === "thread/fork");
    assert.equal((fork?.params as { excludeTurns?: boolean }).excludeTurns, true);
    assert.equal(state.thread?.name, "Better name (fork)");
    port.answer("thread/archive", {});
    await history.archive("T2");
    assert.equal(state.thread, null);
  });

  it("reports a failed send as a user-facing error", async () => {
    const { port, session } = setup();
    port.answer("thread/start", () => {
      throw new Error("no workspace");
    });
    await assert.rejects(session.send("hi", []), /Could not start a thread: no workspace/);
    assert.throws(() => session.send("  ", []), /nothing to send/);
    assert.ok(port.calls.length === 1);
  });
});
