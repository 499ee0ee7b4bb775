import assert from "node:assert/strict";

import { countLineChanges, isBinary } from "../../../extension/checkpoints/lineCounts";

describe("checkpoint line counts", () => {
  it("counts added and removed lines as a diff shows them", () => {
    assert.deepEqual(countLineChanges("a\nb\nc\n", "a\nB\nc\nd\n"), { added: 2, removed: 1 });
    assert.deepEqual(countLineChanges("", "x\ny\n"), { added: 2, removed: 0 });
    assert.deepEqual(countLineChanges("x\ny", ""), { added: 0, removed: 2 });
    assert.deepEqual(countLineChanges("same\n", "same\n"), { added: 0, removed: 0 });
    // A moved block: one removal and one addition, not a rewrite of everything between.
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const moved = [...lines.slice(1), lines[0]!];
    assert.deepEqual(countLineChanges(lines.join("\n"), moved.join("\n")), {
      added: 1,
      removed: 1,
    });
  });

  it("falls back to counting the whole differing middle when the diff is huge", () => {
    const a = Array.from({ length: 3_000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3_000 }, (_, i) => `b${i}`).join("\n");
    assert.deepEqual(countLineChanges(a, b), { added: 3_000, removed: 3_000 });
  });

  it("calls a file binary when a NUL byte appears early, as Git does", () => {
    assert.equal(isBinary(Buffer.from("plain text\n")), false);
    assert.equal(isBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00])), true);
  });
});
