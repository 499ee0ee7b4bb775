import assert from "node:assert/strict";

import { ThreadSession } from "../../../extension/bridge/threadSession";
import { ApprovalBroker } from "../../../extension/bridge/approvals";
import { ChatState, emptyThread, initialChatViewState } from "../../../extension/bridge/chatState";
import { EventBatcher } from "../../../extension/bridge/eventBatcher";
import { transcriptStream } from "../../../extension/bridge/transcriptStream";
import { notificationDispatcher } from "../../../extension/connection/notifications";
import { applyThreadEvents } from "../../../protocol/webview/threadEvents";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { fakePort, nullLogger } from "../bridge/fakePort";

const userItem = (id: string) => ({
  type: "userMessage" as const,
  id,
  clientId: null,
  content: [{ type: "text" as const, text: "review", text_elements: [] }],
});

describe("review turns (codex announces turn/started under a second id)", () => {
  it("the reducer drops an empty in-progress turn when another turn completes", () => {
    const thread = applyThreadEvents(emptyThread("t", "/w"), [
      { type: "itemUpserted", turnId: "real", item: userItem("u1") },
      { type: "turnStarted", turnId: "phantom" },
      { type: "turnCompleted", turnId: "real", status: "completed", error: null },
    ]);
    assert.deepEqual(
      thread.turns.map((turn) => [turn.id, turn.status]),
      [["real", "completed"]],
    );
  });

  it("keeps turns that have items, and the completed turn even when empty", () => {
    const thread = applyThreadEvents(emptyThread("t", "/w"), [
      { type: "turnStarted", turnId: "a" },
      { type: "itemUpserted", turnId: "b", item: userItem("u1") },
      { type: "turnCompleted", turnId: "a", status: "interrupted", error: null },
    ]);
    assert.deepEqual(
      thread.turns.map((turn) => [turn.id, turn.status]),
      [
        ["a", "interrupted"],
        ["b", "inProgress"],
      ],
    );
  });

  it("the session neither stays busy nor keeps queued follow-ups waiting after a review", () => {
    const port = fakePort();
    const state = new ChatState(initialChatViewState());
    const batcher = new EventBatcher({
      deliver: (threadId, events) => state.applyEvents(threadId, events),
      intervalMs: 1_000,
    });
    const logger = nullLogger();
    const approvals = new ApprovalBroker({ port, state, logger });
    const session = new ThreadSession({ port, state, batcher, approvals, logger, cwd: () => "/w" });
    port.onNotification(
      notificationDispatcher([session.notifications, transcriptStream(state, batcher)]),
    );
    state.setThread(emptyThread("t", "/w"));
    port.answer("turn/start", { turn: { id: "next", status: "inProgress" } });
    const emit = (n: unknown) => port.emit(n as ServerNotification);
    emit({
      method: "item/started",
      params: { threadId: "t", turnId: "real", item: userItem("u1") },
    });
    emit({ method: "turn/started", params: { threadId: "t", turn: { id: "phantom" } } });
    assert.equal(session.runningTurnId, "phantom");
    void session.send("after the review", []);
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      assert.equal(state.thread?.queued.length, 1, "queued while the review runs");
      emit({
        method: "turn/completed",
        params: { threadId: "t", turn: { id: "real", status: "completed", error: null } },
      });
      batcher.flush();
      assert.equal(state.thread?.queued.length, 0, "sent once the review completed");
      assert.deepEqual(
        state.thread?.turns.map((turn) => turn.id),
        ["real"],
      );
      return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
        assert.ok(port.calls.some((call) => call.method === "turn/start"));
        session.dispose();
        batcher.dispose();
      });
    });
  });
});
