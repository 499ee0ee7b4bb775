import assert from "node:assert/strict";

import {
  applyReplacement,
  computeHunks,
  hunkAt,
  hunkKind,
  hunkLines,
  keepHunk,
  splitLines,
  undoHunk,
} from "../../../../extension/review/inline/hunks";

const lines = (n: number, label = "line") =>
  Array.from({ length: n }, (_, i) => `${label} ${i + 1}\n`).join("");

describe("review/inline: hunks", () => {
  const before = lines(10);
  // line 2 changed, a line added after line 5, line 9 removed
  const current = before
    .replace("line 2\n", "LINE TWO\n")
    .replace("line 5\n", "line 5\nadded\n")
    .replace("line 9\n", "");

  it("splits lines keeping their terminators, the last one without", () => {
    assert.deepEqual(splitLines("a\r\nb\nc"), ["a\r\n", "b\n", "c"]);
    assert.deepEqual(splitLines(""), []);
    assert.equal(splitLines(before).join(""), before);
  });

  it("computes one hunk per changed region, with kinds and 1-based lines", () => {
    const hunks = computeHunks(before, current);
    assert.deepEqual(
      hunks.map((h) => [hunkKind(h), h.currentStart, h.currentEnd, h.beforeText, hunkLines(h)]),
      [
        ["modified", 1, 2, "line 2\n", "2"],
        ["added", 5, 6, "", "6"],
        ["removed", 9, 9, "line 9\n", "10"],
      ],
    );
    assert.deepEqual(computeHunks(before, before), []);
  });

  it("undo of one hunk puts its baseline lines back and leaves the others", () => {
    const hunks = computeHunks(before, current);
    const undone = applyReplacement(current, undoHunk(current, hunks[0]!));
    assert.ok(undone.includes("line 2\n") && !undone.includes("LINE TWO"));
    assert.ok(undone.includes("added\n"));
    assert.equal(computeHunks(before, undone).length, 2);
    // Undoing the removal brings line 9 back at its place.
    const restored = applyReplacement(current, undoHunk(current, hunks[2]!));
    assert.ok(restored.includes("line 8\nline 9\nline 10\n"));
  });

  it("keep of one hunk moves it into the baseline; the other hunks stay", () => {
    const hunks = computeHunks(before, current);
    const baseline = keepHunk(before, current, hunks[1]!);
    assert.ok(baseline.includes("line 5\nadded\n"));
    const left = computeHunks(baseline, current);
    assert.deepEqual(
      left.map((h) => h.beforeText),
      ["line 2\n", "line 9\n"],
    );
  });

  it("keeping and undoing every hunk decides the file", () => {
    let baseline = before;
    let text = current;
    const [first, second, third] = computeHunks(before, current);
    baseline = keepHunk(baseline, text, first!);
    // Undo the last hunk first so the earlier ones keep their line numbers.
    text = applyReplacement(text, undoHunk(text, third!));
    baseline = keepHunk(baseline, text, computeHunks(baseline, text)[0]!);
    assert.ok(second);
    assert.deepEqual(computeHunks(baseline, text), []);
  });

  it("edits above a hunk shift it; the hunk found at a line follows", () => {
    const hunks = computeHunks(before, current);
    const edited = "new top line\n" + current;
    const shifted = computeHunks(before, edited);
    assert.equal(shifted.length, 4, "the user's own line is a hunk too");
    const modified = shifted.find((h) => h.beforeText === "line 2\n")!;
    assert.equal(modified.currentStart, hunks[0]!.currentStart + 1);
    assert.equal(hunkAt(shifted, modified.currentStart), modified);
    assert.equal(hunkAt(shifted, 4), undefined);
  });

  it("keeps CRLF and a last line without newline byte for byte", () => {
    const crlf = "a\r\nb\r\nc";
    const changed = "a\r\nB\r\nc";
    const [hunk] = computeHunks(crlf, changed);
    assert.equal(applyReplacement(changed, undoHunk(changed, hunk!)), crlf);
    assert.equal(keepHunk(crlf, changed, hunk!), changed);
    const [tail] = computeHunks("x\ny", "x\ny\n");
    assert.equal(applyReplacement("x\ny\n", undoHunk("x\ny\n", tail!)), "x\ny");
  });

  it("a file created by the turn is one added hunk; undo empties it", () => {
    const [hunk] = computeHunks("", "new\nfile\n");
    assert.equal(hunkKind(hunk!), "added");
    assert.equal(applyReplacement("new\nfile\n", undoHunk("new\nfile\n", hunk!)), "");
  });
});
