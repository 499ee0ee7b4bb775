import assert from "node:assert/strict";

import { forwardApply, reverseApply } from "../../../extension/bridge/unifiedDiff";
import { changeSides, turnFileSides } from "../../../extension/review/changeSides";
import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";

const update = (path: string, diff: string, movePath: string | null = null): FileUpdateChange => ({
  path,
  kind: { type: "update", move_path: movePath },
  diff,
});
const add = (path: string, content: string): FileUpdateChange => ({
  path,
  kind: { type: "add" },
  diff: content,
});
const del = (path: string, content: string): FileUpdateChange => ({
  path,
  kind: { type: "delete" },
  diff: content,
});

const before = "first line\nold line\nlast line\n";
const after = "first line\nnew line\nlast line\n";
const diff = "@@ -1,3 +1,3 @@\n first line\n-old line\n+new line\n last line\n";

describe("review: change sides", () => {
  it("forwardApply is reverseApply's inverse, with several hunks that shift lines", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const twoHunks =
      "@@ -2,2 +2,3 @@\n line 2\n+inserted a\n line 3\n" +
      "@@ -15,3 +16,2 @@\n line 15\n-line 16\n line 17\n";
    const applied = forwardApply(old, twoHunks);
    assert.ok(applied);
    assert.match(applied, /line 2\ninserted a\nline 3/);
    assert.doesNotMatch(applied, /line 16/);
    assert.equal(reverseApply(applied, twoHunks), old);
    assert.equal(forwardApply("unrelated\n", twoHunks), null);
  });

  it("a pending update: the file on disk against the proposal, nothing reconstructed", () => {
    assert.deepEqual(changeSides(update("/w/a.txt", diff), "inProgress", before), {
      path: "/w/a.txt",
      before,
      after,
      proposed: true,
    });
  });

  it("a pending add or delete: empty against the content, and the reverse", () => {
    assert.deepEqual(changeSides(add("/w/new.txt", "hi\n"), "inProgress", undefined), {
      path: "/w/new.txt",
      before: "",
      after: "hi\n",
      proposed: true,
    });
    assert.deepEqual(changeSides(del("/w/old.txt", "bye\n"), "declined", "bye\n"), {
      path: "/w/old.txt",
      before: "bye\n",
      after: "",
      proposed: true,
    });
  });

  it("an applied update: the reconstructed original against the file on disk", () => {
    assert.deepEqual(changeSides(update("/w/a.txt", diff), "completed", after), {
      path: "/w/a.txt",
      before,
      after: "disk",
      proposed: false,
    });
    const moved = changeSides(update("/w/a.txt", diff, "/w/b.txt"), "completed", after);
    assert.equal(moved?.path, "/w/b.txt");
  });

  it("a change that no longer fits the file gives no sides (never a wrong diff)", () => {
    assert.equal(changeSides(update("/w/a.txt", diff), "completed", "rewritten\n"), null);
    assert.equal(changeSides(update("/w/a.txt", diff), "inProgress", "rewritten\n"), null);
  });

  it("a turn's files: several changes to one file undone newest first; adds and deletes", () => {
    const second = "@@ -1,3 +1,3 @@\n first line\n-new line\n+newer line\n last line\n";
    const disk: Record<string, string> = {
      "/w/a.txt": "first line\nnewer line\nlast line\n",
      "/w/new.txt": "hi\n",
    };
    const { files, unavailable } = turnFileSides(
      [update("/w/a.txt", diff), add("/w/new.txt", "hi\n"), update("/w/a.txt", second)].concat(
        del("/w/gone.txt", "bye\n"),
      ),
      (path) => disk[path],
    );
    assert.deepEqual(unavailable, []);
    const byPath = Object.fromEntries(files.map((file) => [file.path, file]));
    assert.deepEqual(byPath["/w/a.txt"], { path: "/w/a.txt", before, after: "disk" });
    assert.deepEqual(byPath["/w/new.txt"], { path: "/w/new.txt", before: "", after: "disk" });
    assert.deepEqual(byPath["/w/gone.txt"], { path: "/w/gone.txt", before: "bye\n", after: "" });
  });

  it("a turn's file edited since the turn is named, not shown wrong", () => {
    const { files, unavailable } = turnFileSides([update("/w/a.txt", diff)], () => "other\n");
    assert.deepEqual(files, []);
    assert.deepEqual(unavailable, ["/w/a.txt"]);
  });
});
