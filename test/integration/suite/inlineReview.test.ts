/**
 * Inline review in the real extension host: a turn's pending hunks on a real document get
 * Keep / Undo lenses, a "Codex Changes" tree item and commands; Undo edits the document
 * undoably and saves it; once every hunk is decided the file leaves the set.
 */
import * as assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

import type { CodexExtensionExports } from "../../../extension/extension";
import { EXTENSION_ID, waitFor } from "./helpers";

const before = ["one", "two", "three", "four", "five", "six", "seven", ""].join("\n");
const after = ["one", "TWO", "three", "four", "five", "six", "seven", "eight", ""].join("\n");

async function lensesOf(uri: vscode.Uri, command: string): Promise<vscode.CodeLens[]> {
  const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    "vscode.executeCodeLensProvider",
    uri,
  );
  return (found ?? []).filter((lens) => lens.command?.command === command);
}

describe("inline review in the real extension host", function () {
  it("shows a turn's hunks with Keep/Undo, undoes one undoably, keeps one, and clears the file", async function () {
    const ext = vscode.extensions.getExtension<CodexExtensionExports>(EXTENSION_ID);
    assert.ok(ext);
    const { inlineReview } = await ext.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the runner opens a workspace folder");
    const file = path.join(folder.uri.fsPath, "src", "inline-review.txt");
    writeFileSync(file, after);
    const uri = vscode.Uri.file(file);
    inlineReview.addTurnChanges("thread-it", "turn-it", [{ path: file, before }]);

    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const undoLenses = await waitFor("Undo lenses on both hunks", async () => {
      const lenses = await lensesOf(uri, "chatgpt.undoChange");
      return lenses.length === 2 ? lenses : undefined;
    });
    assert.deepEqual(
      undoLenses.map((lens) => lens.range.start.line),
      [1, 7],
    );
    assert.equal((await lensesOf(uri, "chatgpt.keepChange")).length, 2);

    const items = inlineReview.tree.getChildren();
    assert.deepEqual(
      items.map((item) => item.path),
      [file],
    );
    const treeItem = inlineReview.tree.getTreeItem(items[0]!);
    assert.equal(treeItem.contextValue, "codexPendingFile");
    assert.equal(treeItem.command?.command, "vscode.open");

    // Undo the first hunk from its lens: "two" comes back, the file is saved again.
    await vscode.commands.executeCommand(
      "chatgpt.undoChange",
      ...(undoLenses[0]!.command!.arguments ?? []),
    );
    assert.equal(document.lineAt(1).text, "two");
    // The file was saved before, so it is saved again (the dirty flag follows by an event).
    await waitFor("the undone hunk saved", () =>
      !document.isDirty && readFileSync(file, "utf8").includes("\ntwo\n") ? true : undefined,
    );
    await waitFor(
      "one hunk left",
      async () => (await lensesOf(uri, "chatgpt.undoChange")).length === 1,
    );

    // The undo is an ordinary edit: Ctrl+Z brings Codex's line back, and its hunk with it.
    await vscode.commands.executeCommand("undo");
    assert.equal(document.lineAt(1).text, "TWO");
    await waitFor(
      "two hunks again",
      async () => (await lensesOf(uri, "chatgpt.undoChange")).length === 2,
    );

    // Keyboard: next change from the top lands on the first hunk; Keep takes the hunk at the cursor.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand("chatgpt.nextChange");
    assert.equal(editor.selection.active.line, 1);
    await vscode.commands.executeCommand("chatgpt.keepChange");
    assert.equal(document.lineAt(1).text, "TWO", "Keep leaves the text as it is");
    await vscode.commands.executeCommand("chatgpt.nextChange");
    assert.equal(editor.selection.active.line, 7);

    // Undo all of the file: the last hunk goes, and with nothing left the file leaves the set.
    await vscode.commands.executeCommand("chatgpt.undoFileChanges", uri);
    assert.equal(document.getText(), before.replace("two", "TWO"));
    await waitFor("the file left the Codex Changes view", () =>
      inlineReview.tree.getChildren().length === 0 ? true : undefined,
    );
    assert.equal((await lensesOf(uri, "chatgpt.undoChange")).length, 0);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
