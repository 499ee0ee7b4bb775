import assert from "node:assert/strict";

import { ThreadStates } from "../../../extension/threads/threadStates";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";

function status(threadId: string, status: unknown): ServerNotification {
  return { method: "thread/status/changed", params: { threadId, status } } as ServerNotification;
}
function turn(method: "turn/started" | "turn/completed", threadId: string, turnStatus: string) {
  return {
    method,
    params: { threadId, turn: { id: "t1", status: turnStatus, items: [], error: null } },
  } as unknown as ServerNotification;
}

describe("thread live states", () => {
  it("follows a turn from running to finished-and-unseen, then idle once seen", () => {
    const states = new ThreadStates();
    assert.equal(states.stateOf("a"), "idle");
    assert.deepEqual(states.handle(turn("turn/started", "a", "inProgress")), { changed: true });
    assert.equal(states.stateOf("a"), "running");
    const done = states.handle(turn("turn/completed", "a", "completed"));
    assert.deepEqual(done.attention, { threadId: "a", kind: "finished" });
    // The idle status that follows keeps the outcome.
    assert.equal(states.handle(status("a", { type: "idle" })).changed, false);
    assert.equal(states.stateOf("a"), "unseen");
    assert.equal(states.markSeen("a"), true);
    assert.equal(states.stateOf("a"), "idle");
    assert.equal(states.markSeen("a"), false);
  });

  it("counts threads waiting for approval and reports each new wait once", () => {
    const states = new ThreadStates();
    const waiting = status("a", { type: "active", activeFlags: ["waitingOnApproval"] });
    assert.deepEqual(states.handle(waiting).attention, { threadId: "a", kind: "approval" });
    assert.equal(states.handle(waiting).attention, undefined);
    states.handle(status("b", { type: "active", activeFlags: ["waitingOnUserInput"] }));
    states.handle(status("c", { type: "active", activeFlags: [] }));
    assert.equal(states.waitingCount, 2);
    assert.equal(states.stateOf("c"), "running");
    states.handle(status("a", { type: "active", activeFlags: [] }));
    assert.equal(states.waitingCount, 1);
    assert.equal(states.stateOf("a"), "running");
  });

  it("marks failed turns and system errors, interrupted turns go idle", () => {
    const states = new ThreadStates();
    states.handle(turn("turn/started", "a", "inProgress"));
    assert.deepEqual(states.handle(turn("turn/completed", "a", "failed")).attention, {
      threadId: "a",
      kind: "failed",
    });
    assert.equal(states.stateOf("a"), "failed");
    states.handle(status("b", { type: "systemError" }));
    assert.equal(states.stateOf("b"), "failed");
    states.handle(turn("turn/started", "c", "inProgress"));
    const interrupted = states.handle(turn("turn/completed", "c", "interrupted"));
    assert.equal(interrupted.attention, undefined);
    assert.equal(states.stateOf("c"), "idle");
  });

  it("a status going idle without a turn outcome ends running; reset stops everything", () => {
    const states = new ThreadStates();
    states.handle(status("a", { type: "active", activeFlags: [] }));
    states.handle(status("a", { type: "idle" }));
    assert.equal(states.stateOf("a"), "idle");
    states.handle(status("b", { type: "active", activeFlags: ["waitingOnApproval"] }));
    states.handle(turn("turn/completed", "c", "completed"));
    assert.equal(states.reset(), true);
    assert.equal(states.stateOf("b"), "idle");
    assert.equal(states.stateOf("c"), "unseen");
    assert.equal(states.waitingCount, 0);
  });

  it("forgets archived threads", () => {
    const states = new ThreadStates();
    states.handle(turn("turn/completed", "a", "completed"));
    const archived = { method: "thread/archived", params: { threadId: "a" } };
    assert.equal(states.handle(archived as ServerNotification).changed, true);
    assert.equal(states.stateOf("a"), "idle");
  });
});
