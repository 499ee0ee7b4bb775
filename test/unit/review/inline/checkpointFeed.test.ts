import assert from "node:assert/strict";

import { silentLogger } from "../../../../extension/log";
import { feedTurn } from "../../../../extension/review/inline/checkpointFeed";
import { reviewDecisionOf } from "../../../../extension/review/inline/decisionNote";
import type { TurnFile } from "../../../../extension/review/inline/pendingChanges";
import { noteText } from "../../../../extension/review/reviewNotes";
import type { CheckpointFileView } from "../../../../protocol/webview/viewModel";

const file = (
  path: string,
  kind: CheckpointFileView["kind"],
  binary = false,
): CheckpointFileView => ({
  path,
  previousPath: null,
  kind,
  added: 1,
  removed: 1,
  binary,
});

describe("review/inline: checkpoint feed and the agent's note", () => {
  it("hands a finished turn's files with their before-text to the pending set", async () => {
    const added: { turnId: string; files: readonly TurnFile[] }[] = [];
    const forgotten: string[] = [];
    const sink = {
      addTurnChanges: (_: string, turnId: string, files: readonly TurnFile[]) =>
        added.push({ turnId, files }),
      forgetTurn: (turnId: string) => forgotten.push(turnId),
    };
    const store = {
      root: "/ws",
      beforeAfter: (_thread: string, _turn: string, path: string) =>
        Promise.resolve({
          before: path === "new.ts" ? null : Buffer.from(`old ${path}\n`),
          after: Buffer.from("new\n"),
          binary: false,
        }),
    };
    const checkpoint = {
      files: [
        file("src/a.ts", "modified"),
        file("new.ts", "added"),
        file("img.png", "modified", true),
        file("gone.ts", "deleted"),
      ],
      incomplete: false,
      undone: null,
    };
    await feedTurn({ threadId: "t", turnId: "turn1", checkpoint }, store, sink, silentLogger);
    assert.deepEqual(added, [
      {
        turnId: "turn1",
        files: [
          { path: "/ws/src/a.ts", before: "old src/a.ts\n", tooLarge: false, after: "new\n" },
          { path: "/ws/new.ts", before: null, tooLarge: false, after: "new\n" },
          { path: "/ws/img.png", before: null, binary: true },
          { path: "/ws/gone.ts", before: null, deleted: true },
        ],
      },
    ]);
    const undone = { ...checkpoint, undone: [] };
    await feedTurn(
      { threadId: "t", turnId: "turn1", checkpoint: undone },
      store,
      sink,
      silentLogger,
    );
    assert.deepEqual(forgotten, ["turn1"]);
  });

  it("a hunk decision reads as the file and its lines in the note to the model", () => {
    const relative = (path: string) => path.replace("/ws/", "");
    const undid = reviewDecisionOf(
      { threadId: "t", kind: "undid", path: "/ws/src/a.ts", lines: ["2"], comment: "keep b" },
      relative,
    );
    const kept = reviewDecisionOf(
      { threadId: "t", kind: "kept", path: "/ws/src/a.ts", lines: ["6-8", "12"] },
      relative,
    );
    assert.equal(
      noteText([undid, kept]),
      "Note: the user undid your changes to src/a.ts line 2 since your last turn.\n" +
        "The user kept your changes to src/a.ts lines 6-8, 12.\n" +
        "The user commented on src/a.ts line 2: keep b",
    );
  });
});
