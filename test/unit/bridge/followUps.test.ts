/**
 * Issue 15, follow-ups: Ctrl/Cmd+Shift+Enter flips queue and steer for one message; queued
 * messages are edited, reordered and removed; the queue survives a thread switch and a window
 * reload (saved in the workspace state), and a message that cannot be sent goes back in the queue.
 * Also the `skill` items (`$name`) and `/fast`'s service tier on turn/start.
 */
import assert from "node:assert/strict";

import { ApprovalBroker } from "../../../extension/bridge/approvals";
import { ChatState } from "../../../extension/bridge/chatState";
import { EventBatcher } from "../../../extension/bridge/eventBatcher";
import { QUEUE_STATE_KEY, type QueueMemento } from "../../../extension/bridge/followUpQueue";
import { ThreadSession } from "../../../extension/bridge/threadSession";
import { transcriptStream } from "../../../extension/bridge/transcriptStream";
import { UserFacingError } from "../../../extension/bridge/userFacingError";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import type { UserInput } from "../../../protocol/codex/v2/UserInput";
import type { Attachment } from "../../../protocol/webview/messages";
import type { ThreadView } from "../../../protocol/webview/viewModel";
import { codexThread, codexTurn } from "./codexFixtures";
import { fakePort, nullLogger } from "./fakePort";

/** The workspace state, in memory; it outlives a session as it outlives a window. */
function memento(): QueueMemento & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: (key) => structuredClone(data.get(key)),
    update: (key, value) => void data.set(key, structuredClone(value)),
  };
}

function setup(
  options: {
    memento?: QueueMemento;
    skillInputs?: (text: string) => UserInput[];
  } = {},
) {
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
    queueMemento: options.memento,
    skillInputs: options.skillInputs,
  });
  port.onNotification(
    notificationDispatcher([session.notifications, transcriptStream(state, batcher)]),
  );
  let turnCounter = 0;
  port.answer("thread/start", { thread: codexThread("T1"), cwd: "/w", model: "mock-model" });
  port.answer("turn/start", () => ({ turn: codexTurn(`turn-${++turnCounter}`) }));
  port.answer("turn/steer", { turnId: "turn-1" });
  const turnCompleted = (turnId: string, status: "completed" | "interrupted" = "completed") =>
    port.emit({
      method: "turn/completed",
      params: { threadId: "T1", turn: codexTurn(turnId, status) },
    });
  const turnStarts = () =>
    port.calls
      .filter((call) => call.method === "turn/start")
      .map((call) => (call.params as { input: UserInput[] }).input);
  return { port, state, session, batcher, turnCompleted, turnStarts };
}

const textOf = (input: UserInput[]) =>
  input.flatMap((item) => (item.type === "text" ? [item.text] : []));
const queuedTexts = (state: ChatState) => state.thread!.queued.map((entry) => entry.text);
const fileA: Attachment = { kind: "file", path: "/w/a.ts" };

describe("follow-ups (issue 15)", () => {
  describe("Ctrl/Cmd+Shift+Enter", () => {
    it("steers one message while follow-ups queue", async () => {
      const { port, session } = setup();
      await session.send("first", []);
      assert.deepEqual(await session.send("now", [], "steer"), { queued: false });
      assert.equal(port.calls.at(-1)!.method, "turn/steer");
    });

    it("queues one message while follow-ups steer", async () => {
      const { port, state, session } = setup();
      state.setSettings({ ...state.snapshot.settings, followUpQueueMode: "steer" });
      await session.send("first", []);
      assert.deepEqual(await session.send("after this", [], "queue"), { queued: true });
      assert.deepEqual(queuedTexts(state), ["after this"]);
      assert.ok(!port.calls.some((call) => call.method === "turn/steer"));
    });
  });

  describe("editing the queue", () => {
    it("an edited message goes with its new text and keeps its attachments", async () => {
      const { state, session, turnCompleted, turnStarts } = setup();
      await session.send("first", []);
      await session.send("second", [fileA]);
      const id = state.thread!.queued[0]!.id;
      session.followUps.edit(id, "second, reworded");
      assert.deepEqual(queuedTexts(state), ["second, reworded"]);
      turnCompleted("turn-1");
      await session.send("x", []).catch(() => undefined); // waits for the queued turn/start
      const sent = turnStarts()[1]!;
      assert.deepEqual(textOf(sent)[0], "second, reworded");
      assert.ok(sent.some((item) => item.type === "mention" && item.path === "/w/a.ts"));
    });

    it("refuses an edit that leaves nothing to send, and one for a message already gone", async () => {
      const { state, session } = setup();
      await session.send("first", []);
      await session.send("second", []);
      const id = state.thread!.queued[0]!.id;
      assert.throws(() => session.followUps.edit(id, "  "), UserFacingError);
      session.followUps.cancel(id);
      assert.throws(() => session.followUps.edit(id, "late"), /already sent or removed/);
    });

    it("moves messages up and down; the queue goes out in the new order", async () => {
      const { state, session, turnCompleted, turnStarts } = setup();
      await session.send("first", []);
      for (const text of ["a", "b", "c"]) await session.send(text, []);
      const [a, , c] = state.thread!.queued;
      session.followUps.move(c!.id, -1);
      assert.deepEqual(queuedTexts(state), ["a", "c", "b"]);
      session.followUps.move(a!.id, 1);
      assert.deepEqual(queuedTexts(state), ["c", "a", "b"]);
      session.followUps.move(state.thread!.queued[0]!.id, -1); // already first: stays
      assert.deepEqual(queuedTexts(state), ["c", "a", "b"]);
      turnCompleted("turn-1");
      await session.send("z", []).catch(() => undefined);
      assert.deepEqual(textOf(turnStarts()[1]!), ["c"]);
    });
  });

  describe("never dropped", () => {
    it("survives a window reload: saved per thread, restored held, sent with its attachments", async () => {
      const saved = memento();
      const before = setup({ memento: saved });
      await before.session.send("first", []);
      await before.session.send("keep me", [fileA]);
      assert.ok(saved.data.has(QUEUE_STATE_KEY), "saved in the workspace state");
      // A reloaded webview is hydrated from the host's state, which holds the queue.
      assert.deepEqual(
        before.state.snapshot.thread!.queued.map((entry) => entry.text),
        ["keep me"],
      );

      // A new window: new state and session, the same workspace state; the thread is reopened.
      const after = setup({ memento: saved });
      const view: ThreadView = {
        id: "T1",
        name: null,
        cwd: "/w",
        turns: [],
        tokenUsage: null,
        queued: [],
      };
      after.session.show(view);
      assert.deepEqual(
        after.state.thread!.queued.map(({ text, held }) => ({ text, held })),
        [{ text: "keep me", held: true }],
        "held: the turn it waited for is gone",
      );
      await after.session.followUps.sendNow(after.state.thread!.queued[0]!.id);
      const sent = after.turnStarts()[0]!;
      assert.equal(textOf(sent)[0], "keep me");
      assert.ok(sent.some((item) => item.type === "mention" && item.path === "/w/a.ts"));
      assert.deepEqual(after.state.thread!.queued, []);
      assert.deepEqual(saved.data.get(QUEUE_STATE_KEY), {}, "nothing left saved");
    });

    it("keeps no @terminal output in the workspace state (it may hold secrets), and says so", async () => {
      const saved = memento();
      const { state, session } = setup({ memento: saved });
      const terminal: Attachment = {
        kind: "context",
        source: "terminal",
        label: "npm run deploy",
        text: "$ env\nAPI_TOKEN=sk-secret",
      };
      await session.send("first", []);
      await session.send("why did it fail?", [terminal, fileA]);
      assert.deepEqual(saved.data.get(QUEUE_STATE_KEY), {
        T1: [{ text: "why did it fail?", attachments: [fileA] }],
      });
      assert.doesNotMatch(JSON.stringify([...saved.data.values()]), /sk-secret/);
      assert.ok(
        state.snapshot.notices.some((notice) =>
          /not kept across a reload: @terminal\./.test(notice.message),
        ),
      );
      const id = state.thread!.queued[0]!.id;
      assert.deepEqual(
        session.followUps.message(id)?.attachments,
        [terminal, fileA],
        "sent whole until a reload",
      );
    });

    it("comes back after showing another thread and returning", async () => {
      const saved = memento();
      const { state, session } = setup({ memento: saved });
      await session.send("first", []);
      await session.send("wait for me", []);
      const shown = state.thread!;
      session.newThread();
      assert.equal(state.thread, null);
      session.show({ ...shown, queued: [] });
      assert.deepEqual(queuedTexts(state), ["wait for me"]);
    });

    it("a queued message whose turn/start fails is back at the head of the queue, held, with a notice", async () => {
      const { port, state, session, turnCompleted } = setup();
      await session.send("first", []);
      await session.send("second", []);
      await session.send("third", []);
      port.answer("turn/start", () => {
        throw new Error("boom");
      });
      turnCompleted("turn-1");
      await session.send("x", []).catch(() => undefined);
      assert.deepEqual(
        state.thread!.queued.map(({ text, held }) => ({ text, held: held ?? false })),
        [
          { text: "second", held: true },
          { text: "third", held: false },
        ],
      );
      assert.ok(state.snapshot.notices.some((notice) => /back in the queue/.test(notice.message)));
    });

    it("a held message whose Send fails goes back where it was", async () => {
      const { port, state, session, turnCompleted } = setup();
      await session.send("first", []);
      await session.send("one", []);
      await session.send("two", []);
      turnCompleted("turn-1", "interrupted");
      port.answer("turn/start", () => {
        throw new Error("boom");
      });
      const two = state.thread!.queued[1]!;
      await assert.rejects(session.followUps.sendNow(two.id), /boom/);
      assert.deepEqual(queuedTexts(state), ["one", "two"]);
    });
  });

  describe("skills and /fast on turn/start", () => {
    it("adds the skill items for the message's $mentions, also for a queued one", async () => {
      const skill: UserInput = {
        type: "skill",
        name: "demo",
        path: "/home/.codex/skills/demo/SKILL.md",
      };
      const { session, turnCompleted, turnStarts } = setup({
        skillInputs: (text) => (text.includes("$demo") ? [skill] : []),
      });
      await session.send("use $demo", []);
      assert.deepEqual(turnStarts()[0]!.at(-1), skill);
      await session.send("again $demo", []);
      turnCompleted("turn-1");
      await session.send("x", []).catch(() => undefined);
      assert.deepEqual(turnStarts()[1]!.at(-1), skill);
    });

    it("sends the fast tier while /fast is on, and clears it once when turned off", async () => {
      const { port, state, session, turnCompleted } = setup();
      state.setModelChoice({
        ...state.snapshot.modelChoice,
        models: [
          {
            model: "m",
            displayName: "M",
            description: "",
            efforts: [],
            defaultEffort: "medium",
            isDefault: true,
            fastTier: "priority",
          },
        ],
        fast: true,
      });
      const tiers = () =>
        port.calls
          .filter((call) => call.method === "turn/start")
          .map((call) => {
            const params = call.params as { serviceTier?: string | null };
            return "serviceTier" in params ? params.serviceTier : "absent";
          });
      await session.send("one", []);
      turnCompleted("turn-1");
      await session.send("two", []);
      turnCompleted("turn-2");
      state.setModelChoice({ ...state.snapshot.modelChoice, fast: false });
      await session.send("three", []);
      turnCompleted("turn-3");
      await session.send("four", []);
      assert.deepEqual(tiers(), ["priority", "absent", null, "absent"]);
    });
  });
});
