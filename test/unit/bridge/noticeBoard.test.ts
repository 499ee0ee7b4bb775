import assert from "node:assert/strict";

import { ChatState, emptyThread } from "../../../extension/bridge/chatState";
import { codexNotice } from "../../../extension/bridge/codexNotices";
import { NoticeBoard, type NoticeInput } from "../../../extension/bridge/noticeBoard";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";

function retry(turnId: string, attempt: number, of = 5): NoticeInput {
  const [mapped] = codexNotice({
    method: "error",
    params: {
      threadId: "t",
      turnId,
      willRetry: true,
      error: {
        message: `Reconnecting... ${attempt}/${of}`,
        codexErrorInfo: { responseStreamDisconnected: { httpStatusCode: null } },
        additionalDetails: "error sending request",
        misalignment: null,
      },
    },
  } as Extract<ServerNotification, { method: "error" }>);
  assert.ok(mapped?.kind === "notice");
  return mapped.notice;
}

const metadata = (threadId: string): NoticeInput => {
  const [mapped] = codexNotice({
    method: "warning",
    params: { threadId, message: "Model metadata for `custom-x` not found. Defaulting…" },
  });
  assert.ok(mapped?.kind === "notice");
  return mapped.notice;
};

describe("NoticeBoard", () => {
  it("retries of one request update one line in place, and end with the turn", () => {
    const board = new NoticeBoard();
    for (let attempt = 1; attempt <= 5; attempt++) board.add(retry("u1", attempt));
    assert.equal(board.views.length, 1);
    assert.equal(board.views[0]!.message, "Reconnecting… 5 of 5");
    const id = board.views[0]!.id;
    board.add(retry("u1", 3));
    assert.equal(board.views[0]!.id, id, "the same line, not a new one");
    assert.equal(board.turnEnded("t", "u1", true), true);
    assert.deepEqual(board.views, []);
  });

  it("a failed turn's error replaces its retry line, and the turn takes it over when it ends", () => {
    const board = new NoticeBoard();
    board.add(retry("u1", 2));
    board.add({ ...retry("u1", 2), level: "error", message: "Can't connect" });
    assert.deepEqual(
      board.views.map((view) => [view.level, view.message]),
      [["error", "Can't connect"]],
    );
    board.turnEnded("t", "u1", false);
    assert.deepEqual(board.views, [], "shown once: in the turn, not also as a banner");
  });

  it("identical notices collapse into one line with a count", () => {
    const board = new NoticeBoard();
    const same = { level: "warning", message: "Falling back", details: null } as const;
    board.add(same);
    board.add(same);
    board.add(same);
    assert.equal(board.views.length, 1);
    assert.equal(board.views[0]!.count, 3);
    board.add({ ...same, message: "Other" });
    assert.equal(board.views.length, 2);
  });

  it("shows a known-harmless warning once per model; Don't show again is remembered", () => {
    const suppressed = new Set<string>();
    const memory = {
      isSuppressed: (key: string) => suppressed.has(key),
      suppress: (key: string) => void suppressed.add(key),
    };
    const board = new NoticeBoard(memory);
    for (let turn = 0; turn < 6; turn++) board.add(metadata("t"));
    assert.equal(board.views.length, 1);
    assert.equal(board.views[0]!.count, undefined);
    // A success does not take it away before it was read.
    board.turnEnded("t", "u1", true);
    assert.equal(board.views.length, 1);
    board.dismiss(board.views[0]!.id, true);
    assert.deepEqual([...suppressed], ["modelMetadata:custom-x"]);
    // A new session (a new board) with the same memory never shows it again.
    const next = new NoticeBoard(memory);
    assert.equal(next.add(metadata("t")), null);
    assert.deepEqual(next.views, []);
  });

  it("notices end with their cause: another thread, a success, sign-out", () => {
    const board = new NoticeBoard();
    board.add({ level: "warning", message: "interrupted", details: null, threadId: "t" });
    board.add({ level: "warning", message: "bad config", details: null, threadId: null });
    board.add({ level: "warning", message: "elsewhere", details: null, threadId: "t2" });
    board.threadShown("t");
    assert.deepEqual(
      board.views.map((v) => v.message),
      ["interrupted", "bad config"],
    );
    board.turnEnded("t", "u9", true);
    assert.deepEqual(
      board.views.map((v) => v.message),
      ["bad config"],
    );
    board.add(retry("u2", 1));
    board.signedOut();
    assert.deepEqual(
      board.views.map((v) => v.message),
      ["bad config"],
    );
  });

  it("ChatState posts the board: a new thread or sign-out clears thread notices", () => {
    const state = new ChatState();
    state.setThread(emptyThread("t", "/w"));
    state.addNotice(retry("u1", 1));
    assert.equal(state.snapshot.notices.length, 1);
    state.setThread(emptyThread("t2", "/w"));
    assert.deepEqual(state.snapshot.notices, []);
    state.setThread(emptyThread("t", "/w"));
    state.addNotice(retry("u1", 1));
    state.setAccount({ status: "signedOut" });
    assert.deepEqual(state.snapshot.notices, []);
  });
});
