import assert from "node:assert/strict";

import { applyReplacement } from "../../../../extension/review/inline/hunks";
import {
  MAX_INLINE_BYTES,
  PendingChanges,
  type HunkDecision,
  type PendingSnapshot,
} from "../../../../extension/review/inline/pendingChanges";

function setup(restored?: PendingSnapshot) {
  const decisions: HunkDecision[] = [];
  let saved: PendingSnapshot | undefined;
  const pending = new PendingChanges({
    onDecision: (decision) => decisions.push(decision),
    persist: (snapshot) => (saved = structuredClone(snapshot)),
    ...(restored ? { restored } : {}),
  });
  return { pending, decisions, saved: () => saved };
}

const before = "one\ntwo\nthree\nfour\n";
const after = "one\nTWO\nthree\nfour\nfive\n";

describe("review/inline: pending changes", () => {
  it("keep and undo per hunk are reported with their lines; all decided removes the file", () => {
    const { pending, decisions } = setup();
    pending.addTurnChanges("t1", "turn1", [{ path: "/w/a.txt", before }]);
    let text = after;
    const [modified, added] = pending.hunks("/w/a.txt", text);
    pending.keepHunk("/w/a.txt", text, added!);
    assert.equal(pending.hunks("/w/a.txt", text).length, 1);
    const edit = pending.undoHunk("/w/a.txt", text, modified!, "  keep the old name ");
    text = applyReplacement(text, edit);
    pending.refresh("/w/a.txt", text);
    assert.equal(pending.get("/w/a.txt"), undefined, "every hunk decided: the file left");
    assert.deepEqual(decisions, [
      { threadId: "t1", kind: "kept", path: "/w/a.txt", lines: ["5"] },
      {
        threadId: "t1",
        kind: "undid",
        path: "/w/a.txt",
        lines: ["2"],
        comment: "keep the old name",
      },
    ]);
  });

  it("survives a reload through its snapshot", () => {
    const first = setup();
    first.pending.addTurnChanges("t1", "turn1", [{ path: "/w/a.txt", before }]);
    first.pending.keepHunk("/w/a.txt", after, first.pending.hunks("/w/a.txt", after)[1]!);
    const second = setup(first.saved());
    assert.deepEqual(
      second.pending.hunks("/w/a.txt", after).map((h) => h.beforeText),
      ["two\n"],
    );
  });

  it("a later turn on a pending file keeps the first baseline and adds its turn", () => {
    const { pending } = setup();
    pending.addTurnChanges("t1", "turn1", [{ path: "/w/a.txt", before }]);
    pending.addTurnChanges("t1", "turn2", [{ path: "/w/a.txt", before: after }]);
    assert.deepEqual(pending.get("/w/a.txt")?.turnIds, ["turn1", "turn2"]);
    assert.equal(pending.get("/w/a.txt")?.baseline, before);
    assert.deepEqual(
      pending.filesOfTurn("turn2").map((f) => f.path),
      ["/w/a.txt"],
    );
  });

  it("binary, too large and deleted files are listed without hunks", () => {
    const { pending } = setup();
    pending.addTurnChanges("t1", "turn1", [
      { path: "/w/img.png", before: null, binary: true },
      { path: "/w/big.txt", before: "x".repeat(MAX_INLINE_BYTES + 1) },
      { path: "/w/gone.txt", before: "bye\n", deleted: true },
    ]);
    assert.deepEqual(
      pending.list().map((f) => [f.path, f.noInline]),
      [
        ["/w/img.png", "binary"],
        ["/w/big.txt", "too-large"],
        ["/w/gone.txt", "deleted"],
      ],
    );
    assert.deepEqual(pending.hunks("/w/big.txt", "y"), []);
    assert.equal(pending.undoFile("/w/img.png", ""), null);
  });

  it("undo all of a file gives its baseline; keep all reports every hunk and drops it", () => {
    const { pending, decisions } = setup();
    pending.addTurnChanges("t1", "turn1", [
      { path: "/w/a.txt", before },
      { path: "/w/b.txt", before: null },
    ]);
    assert.equal(pending.undoFile("/w/a.txt", after), before);
    pending.keepFile("/w/b.txt", "created\n");
    assert.deepEqual(
      decisions.map((d) => [d.kind, d.path, d.lines]),
      [
        ["undid", "/w/a.txt", ["2", "5"]],
        ["kept", "/w/b.txt", ["1"]],
      ],
    );
    assert.equal(pending.get("/w/b.txt"), undefined);
    pending.refresh("/w/a.txt", before);
    assert.deepEqual(pending.list(), []);
  });

  it("the user's own edits away from Codex's changes are neither shown nor decided, and Undo all keeps them", () => {
    const { pending, decisions } = setup();
    pending.addTurnChanges("t1", "turn1", [{ path: "/w/a.txt", before, after }]);
    // The user adds a line at the top, far from Codex's changes (lines 2 and 5).
    const edited = "mine\n" + after;
    assert.deepEqual(
      pending.hunks("/w/a.txt", edited).map((h) => h.beforeText),
      ["two\n", ""],
    );
    const undone = pending.undoFile("/w/a.txt", edited);
    assert.equal(undone, "mine\n" + before, "Codex's hunks undone, the user's line kept");
    pending.refresh("/w/a.txt", undone!);
    assert.equal(
      pending.get("/w/a.txt"),
      undefined,
      "nothing of Codex's left: the file is decided",
    );
    assert.deepEqual(decisions[0]?.lines, ["3", "6"]);
  });
});
