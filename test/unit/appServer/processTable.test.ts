import * as assert from "node:assert/strict";

import {
  descendantsOf,
  parentFromStat,
  parsePsTable,
} from "../../../extension/appServer/processTable";

describe("processTable", () => {
  it("reads the parent pid from a /proc stat line, even with spaces and parens in the name", () => {
    assert.equal(parentFromStat("1234 (codex) S 1200 1234 1234 0 -1 4194560"), 1200);
    assert.equal(parentFromStat("77 (weird) name) (x) R 76 77 77 0"), 76);
    assert.equal(parentFromStat("garbage"), undefined);
  });

  it("parses `ps -A -o pid=,ppid=` output", () => {
    const table = parsePsTable("    1     0\n  200     1\n  201   200\n\nbogus line\n");
    assert.deepEqual(
      [...table],
      [
        [1, 0],
        [200, 1],
        [201, 200],
      ],
    );
  });

  it("finds every descendant breadth-first and ignores unrelated processes and cycles", () => {
    const table = new Map([
      [10, 1],
      [11, 10],
      [12, 10],
      [13, 11],
      [20, 1],
      [30, 31],
      [31, 30],
    ]);
    assert.deepEqual(descendantsOf(10, table), [11, 12, 13]);
    assert.deepEqual(descendantsOf(20, table), []);
    assert.deepEqual(descendantsOf(30, table), [31]);
  });
});
