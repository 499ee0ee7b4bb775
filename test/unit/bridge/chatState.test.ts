import assert from "node:assert/strict";

import {
  ChatState,
  MAX_NOTICES,
  emptyThread,
  type ChatStateChange,
} from "../../../extension/bridge/chatState";

describe("ChatState", () => {
  let state: ChatState;
  let changes: ChatStateChange[];

  beforeEach(() => {
    state = new ChatState();
    changes = [];
    state.onDidChange((change) => changes.push(change));
  });

  it("starts stopped, unknown account, no thread, agent mode with codex's default model", () => {
    const s = state.snapshot;
    assert.equal(s.connection.kind, "stopped");
    assert.equal(s.account.status, "unknown");
    assert.equal(s.thread, null);
    assert.deepEqual(
      [s.modelChoice.model, s.modelChoice.effort, s.modelChoice.mode],
      [null, null, "agent"],
    );
  });

  it("patches post exactly the changed fields", () => {
    state.setConnection({ kind: "ready" });
    assert.deepEqual(changes, [{ kind: "patch", patch: { connection: { kind: "ready" } } }]);
    assert.equal(state.snapshot.connection.kind, "ready");
  });

  it("folds events into the current thread and posts them as events", () => {
    state.setThread(emptyThread("t", "/w"));
    changes.length = 0;
    state.applyEvents("t", [{ type: "turnStarted", turnId: "u" }]);
    assert.equal(state.thread!.turns[0]!.id, "u");
    assert.deepEqual(changes, [
      { kind: "events", threadId: "t", events: [{ type: "turnStarted", turnId: "u" }] },
    ]);
  });

  it("drops events of other threads", () => {
    state.setThread(emptyThread("t", "/w"));
    changes.length = 0;
    state.applyEvents("other", [{ type: "turnStarted", turnId: "u" }]);
    assert.deepEqual(state.thread!.turns, []);
    assert.equal(changes.length, 0);
  });

  it("drops the slash-command cards when another thread is shown (they belong to theirs)", () => {
    const state = new ChatState();
    state.setThread(emptyThread("t1", "/w"));
    state.showCard({ id: "c1", kind: "mcp", servers: [], truncated: false });
    state.setThread(emptyThread("t1", "/w"));
    assert.equal(state.snapshot.cards.length, 1, "the same thread keeps its card");
    state.setThread(null);
    assert.deepEqual(state.snapshot.cards, [], "/new leaves no card behind");
  });

  it("keeps the draft for hydrate without posting it", () => {
    state.setDraft("half a thought");
    assert.equal(state.snapshot.draft, "half a thought");
    assert.equal(changes.length, 0);
  });

  it("caps notices and dismisses by id", () => {
    for (let i = 0; i < MAX_NOTICES + 5; i++) {
      state.addNotice({ level: "info", message: `n${i}`, details: null });
    }
    assert.equal(state.snapshot.notices.length, MAX_NOTICES);
    assert.equal(state.snapshot.notices[0]!.message, "n5");
    const id = state.snapshot.notices[0]!.id;
    state.dismissNotice(id);
    assert.ok(!state.snapshot.notices.some((n) => n.id === id));
  });

  it("updates approvals by id", () => {
    const approval = {
      id: "a1",
      threadId: "t",
      status: "pending" as const,
      request: {
        kind: "fileChange" as const,
        params: { threadId: "t", turnId: "u", itemId: "i", startedAtMs: 0 },
      },
    };
    state.upsertApproval(approval);
    state.setApprovalStatus("a1", "answered");
    assert.equal(state.findApproval("a1")?.status, "answered");
    state.removeApprovals((a) => a.status === "answered");
    assert.deepEqual(state.snapshot.approvals, []);
  });
});

describe("ChatState: host-side thread edits", () => {
  it("posts a rename or a queue change as one small event, not the whole thread", () => {
    const state = new ChatState();
    state.setThread(emptyThread("t", "/w"));
    const changes: ChatStateChange[] = [];
    state.onDidChange((change) => changes.push(change));
    state.editThread("t", { type: "renamed", name: "Better" });
    state.editThread("t", { type: "queueChanged", queued: [{ id: "q1", text: "later" }] });
    state.editThread("other", { type: "renamed", name: "Not shown" });
    assert.deepEqual(changes, [
      { kind: "events", threadId: "t", events: [{ type: "renamed", name: "Better" }] },
      {
        kind: "events",
        threadId: "t",
        events: [{ type: "queueChanged", queued: [{ id: "q1", text: "later" }] }],
      },
    ]);
    assert.equal(state.thread?.name, "Better");
    assert.deepEqual(state.thread?.queued, [{ id: "q1", text: "later" }]);
  });

  it("while paced, holds edits for the next opening; with a held patch, posts once", () => {
    const state = new ChatState();
    state.setThread(emptyThread("t", "/w"));
    let release: (() => void) | undefined;
    state.pacePosts({ mustDefer: true, defer: (r) => (release = r), posted: () => undefined });
    const changes: ChatStateChange[] = [];
    state.onDidChange((change) => changes.push(change));
    state.editThread("t", { type: "renamed", name: "A" });
    state.editThread("t", { type: "renamed", name: "B" });
    assert.deepEqual(changes, []);
    release!();
    assert.deepEqual(changes, [
      {
        kind: "events",
        threadId: "t",
        events: [
          { type: "renamed", name: "A" },
          { type: "renamed", name: "B" },
        ],
      },
    ]);
    changes.length = 0;
    state.editThread("t", { type: "renamed", name: "C" });
    state.setConnection({ kind: "ready" });
    release!();
    assert.equal(changes.length, 1, "one post per opening");
    const post = changes[0] as ChatStateChange | undefined;
    assert.ok(post?.kind === "patch" && post.patch.thread?.name === "C" && post.patch.connection);
  });
});
