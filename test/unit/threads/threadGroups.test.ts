import assert from "node:assert/strict";

import { groupThreads, threadGroupOf } from "../../../extension/threads/threadGroups";

describe("thread groups", () => {
  const now = new Date(2026, 5, 10, 15, 0, 0).getTime();
  const at = (day: number, hour: number) => new Date(2026, 5, day, hour).getTime() / 1000;

  it("splits by local day: today, the last seven days, older", () => {
    assert.equal(threadGroupOf(at(10, 0), now), "today");
    assert.equal(threadGroupOf(at(9, 23), now), "thisWeek");
    assert.equal(threadGroupOf(at(4, 0), now), "thisWeek");
    assert.equal(threadGroupOf(at(3, 23), now), "older");
  });

  it("keeps the order inside groups and leaves out empty ones", () => {
    const threads = [
      { id: "1", updatedAt: at(10, 9) },
      { id: "2", updatedAt: at(1, 9) },
      { id: "3", updatedAt: at(10, 8) },
    ];
    assert.deepEqual(
      groupThreads(threads, now).map(({ group, threads }) => [group, threads.map((t) => t.id)]),
      [
        ["today", ["1", "3"]],
        ["older", ["2"]],
      ],
    );
  });
});
