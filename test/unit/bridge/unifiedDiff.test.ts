import assert from "node:assert/strict";

import { originalText, parseHunks, reverseApply } from "../../../extension/bridge/unifiedDiff";
import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import { loadStream } from "./streams";

function recordedChanges(): FileUpdateChange[] {
  for (const n of loadStream("patchApproval").notifications) {
    if (n.method === "item/completed" && n.params.item.type === "fileChange") {
      return n.params.item.changes;
    }
  }
  throw new Error("no fileChange in the fixture");
}

describe("unifiedDiff", () => {
  it("undoes codex's recorded update diff", () => {
    const update = recordedChanges().find((c) => c.kind.type === "update")!;
    assert.equal(
      originalText(update, "first line\nnew line\nlast line\n"),
      "first line\nold line\nlast line\n",
    );
  });

  it("an added file was empty; a deleted file had the diff's content", () => {
    const add = recordedChanges().find((c) => c.kind.type === "add")!;
    assert.equal(originalText(add, "brand new file\n"), "");
    assert.equal(
      originalText({ path: "/w/x", kind: { type: "delete" }, diff: "gone\n" }, undefined),
      "gone\n",
    );
  });

  it("undoes several hunks, bottom-up, even when lines moved", () => {
    const current = ["a", "B", "c", "d", "e", "f", "G", "h"].join("\n") + "\n";
    const diff = [
      "@@ -1,3 +1,3 @@",
      " a",
      "-b",
      "+B",
      " c",
      "@@ -5,3 +5,3 @@",
      " f",
      "-g",
      "+G",
      " h",
    ].join("\n");
    // The second hunk's header says line 5 but the block is at line 6: it is found nearby.
    assert.equal(
      reverseApply(current, diff),
      ["a", "b", "c", "d", "e", "f", "g", "h"].join("\n") + "\n",
    );
  });

  it("undoes pure insertions and deletions", () => {
    assert.equal(reverseApply("x\ny\nz\n", "@@ -1,2 +1,3 @@\n x\n+y\n z\n"), "x\nz\n");
    assert.equal(reverseApply("x\nz\n", "@@ -1,3 +1,2 @@\n x\n-y\n z\n"), "x\ny\nz\n");
  });

  it("returns null when the diff does not fit", () => {
    assert.equal(reverseApply("other\n", "@@ -1 +1 @@\n-a\n+b\n"), null);
    assert.equal(reverseApply("x\n", "not a diff"), null);
  });

  it("parses hunk headers and ignores no-newline markers", () => {
    const [hunk] = parseHunks("@@ -3 +4,2 @@\n-a\n+b\n+c\n\\ No newline at end of file\n");
    assert.deepEqual(hunk, { newStart: 4, oldLines: ["a"], newLines: ["b", "c"] });
  });
});
