import * as assert from "node:assert/strict";
import {
  applyThreadEvent,
  applyThreadEvents,
  coalesceThreadEvents,
  type ThreadEvent,
} from "../../../protocol/webview/threadEvents";
import type { ThreadView } from "../../../protocol/webview/viewModel";
import { codexAgentMessage } from "../bridge/codexFixtures";

function emptyThread(): ThreadView {
  return { id: "th", name: null, cwd: "/w", turns: [], tokenUsage: null, queued: [] };
}

const agent = codexAgentMessage;

const append = (
  itemId: string,
  delta: string,
  target: "agentText" | "reasoningSummary" | "commandOutput" = "agentText",
  index = 0,
): ThreadEvent => ({
  type: "textAppended",
  turnId: "t1",
  itemId,
  target,
  index,
  delta,
});

describe("protocol: thread event reducer", () => {
  it("starts turns, upserts items and appends text", () => {
    const thread = applyThreadEvents(emptyThread(), [
      { type: "turnStarted", turnId: "t1" },
      { type: "itemUpserted", turnId: "t1", item: agent("a1") },
      append("a1", "Hel"),
      append("a1", "lo"),
    ]);
    assert.equal(thread.turns.length, 1);
    assert.equal(thread.turns[0]!.status, "inProgress");
    assert.deepEqual(
      thread.turns[0]!.items.map((i) => (i as { text: string }).text),
      ["Hello"],
    );
  });

  it("upserts replace an item in place rather than duplicating it", () => {
    let thread = applyThreadEvents(emptyThread(), [
      { type: "itemUpserted", turnId: "t1", item: agent("a1", "draft") },
      { type: "itemUpserted", turnId: "t1", item: agent("a2", "other") },
    ]);
    thread = applyThreadEvent(thread, {
      type: "itemUpserted",
      turnId: "t1",
      item: agent("a1", "final"),
    });
    assert.deepEqual(
      thread.turns[0]!.items.map((i) => [i.id, (i as { text: string }).text]),
      [
        ["a1", "final"],
        ["a2", "other"],
      ],
    );
  });

  it("keeps untouched items identical (so memoised views skip them)", () => {
    const before = applyThreadEvents(emptyThread(), [
      { type: "itemUpserted", turnId: "t1", item: agent("a1", "one") },
      { type: "itemUpserted", turnId: "t1", item: agent("a2", "two") },
    ]);
    const after = applyThreadEvent(before, append("a2", "!"));
    assert.equal(after.turns[0]!.items[0], before.turns[0]!.items[0]);
    assert.notEqual(after.turns[0]!.items[1], before.turns[0]!.items[1]);
    assert.equal(
      before.turns[0]!.items[1]!.type === "agentMessage" && before.turns[0]!.items[1]!.text,
      "two",
      "the input is not mutated",
    );
  });

  it("keeps a delta that arrives before its item (out of order) and merges the later upsert", () => {
    let thread = applyThreadEvents(emptyThread(), [append("a1", "early "), append("a1", "text")]);
    assert.equal((thread.turns[0]!.items[0] as { text: string }).text, "early text");
    thread = applyThreadEvent(thread, {
      type: "itemUpserted",
      turnId: "t1",
      item: agent("a1", "early text, completed"),
    });
    assert.equal(thread.turns[0]!.items.length, 1);
    assert.equal((thread.turns[0]!.items[0] as { text: string }).text, "early text, completed");
  });

  it("drops deltas it cannot place (command output before the command)", () => {
    const thread = applyThreadEvent(emptyThread(), append("c1", "out", "commandOutput"));
    assert.deepEqual(thread.turns[0]!.items, []);
  });

  it("appends reasoning summaries by index, padding gaps", () => {
    const thread = applyThreadEvents(emptyThread(), [
      append("r1", "second", "reasoningSummary", 1),
      append("r1", "first", "reasoningSummary", 0),
    ]);
    const item = thread.turns[0]!.items[0] as { summary: string[] };
    assert.deepEqual(item.summary, ["first", "second"]);
  });

  it("ignores deltas aimed at the wrong item type", () => {
    const thread = applyThreadEvents(emptyThread(), [
      { type: "itemUpserted", turnId: "t1", item: agent("a1", "x") },
      append("a1", "y", "commandOutput"),
    ]);
    assert.equal((thread.turns[0]!.items[0] as { text: string }).text, "x");
  });

  it("completes turns with status and error, and records diff, plan, usage and name", () => {
    const thread = applyThreadEvents(emptyThread(), [
      { type: "turnStarted", turnId: "t1" },
      { type: "diffUpdated", turnId: "t1", diff: "diff --git a b" },
      {
        type: "planUpdated",
        turnId: "t1",
        explanation: "why",
        steps: [{ step: "a", status: "pending" }],
      },
      {
        type: "turnCompleted",
        turnId: "t1",
        status: "failed",
        error: {
          message: "boom",
          codexErrorInfo: null,
          additionalDetails: null,
          misalignment: null,
        },
      },
      { type: "renamed", name: "Named" },
    ]);
    const turn = thread.turns[0]!;
    assert.equal(turn.status, "failed");
    assert.equal(turn.error?.message, "boom");
    assert.equal(turn.diff, "diff --git a b");
    assert.equal(turn.plan?.steps.length, 1);
    assert.equal(thread.name, "Named");
  });

  it("coalesces runs of deltas to the same field, keeping order across items", () => {
    const events: ThreadEvent[] = [
      append("a1", "a"),
      append("a1", "b"),
      append("a2", "x"),
      append("a1", "c"),
      append("a1", "d"),
      append("r1", "s", "reasoningSummary", 0),
      append("r1", "t", "reasoningSummary", 1),
    ];
    const merged = coalesceThreadEvents(events);
    assert.deepEqual(
      merged.map((e) => (e.type === "textAppended" ? `${e.itemId}:${e.index}:${e.delta}` : e.type)),
      ["a1:0:ab", "a2:0:x", "a1:0:cd", "r1:0:s", "r1:1:t"],
    );
    const base = applyThreadEvents(emptyThread(), [
      { type: "itemUpserted", turnId: "t1", item: agent("a1") },
      { type: "itemUpserted", turnId: "t1", item: agent("a2") },
    ]);
    assert.deepEqual(applyThreadEvents(base, merged), applyThreadEvents(base, events));
  });
});
