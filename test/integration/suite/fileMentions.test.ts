/**
 * The @-mention file index on VS Code's own file watcher: files that arrive with a folder made or
 * moved into the workspace are offered, and what files.exclude hides (`.git/`) is not.
 */
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";

import { FileMentionIndex } from "../../../extension/editor/fileMentions";
import { workspaceFileSource } from "../../../extension/editor/vscodeHost";
import { waitFor } from "./helpers";

describe("@-mention file index in the real extension host", function () {
  it("offers the files of a folder moved into the workspace, but not its .git folder", async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the runner opens a workspace folder");
    const index = new FileMentionIndex(workspaceFileSource);
    const outside = mkdtempSync(path.join(tmpdir(), "codex-it-moved-"));
    const inside = path.join(folder.uri.fsPath, "moved-in");
    try {
      assert.deepEqual(await index.search("arrived-with-its-folder"), []);
      // Made outside and moved in whole: the watcher sees one new folder, not the files in it.
      mkdirSync(path.join(outside, "deep", ".git"), { recursive: true });
      writeFileSync(path.join(outside, "deep", "arrived-with-its-folder.txt"), "x\n");
      writeFileSync(path.join(outside, "deep", ".git", "arrived-with-its-folder.sample"), "x\n");
      renameSync(outside, inside);

      const found = await waitFor("the moved-in file in the index", async () => {
        const matches = await index.search("arrived-with-its-folder");
        return matches.length > 0 ? matches.map((match) => match.path) : undefined;
      });
      // Relative to the folder (no folder-name prefix in a single-folder workspace), and only
      // the file: the .git sample stays out.
      assert.deepEqual(found, ["moved-in/deep/arrived-with-its-folder.txt"]);
    } finally {
      index.dispose();
      rmSync(outside, { recursive: true, force: true });
      rmSync(inside, { recursive: true, force: true });
    }
  });
});
