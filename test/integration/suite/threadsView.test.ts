/**
 * The Threads view in the real extension host: the tree is registered in the Codex container and,
 * once a turn ran on the real codex (against the mock model), lists that thread under Today with
 * its live state as icon. A thread started in this window shows before codex lists it (titled
 * "New thread" until then): the tests wait for a listed one (`titleOf` names listed threads only).
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";

import type { CodexExtensionExports } from "../../../extension/extension";
import type { ThreadsNode, ThreadsTree } from "../../../extension/views/threadsTree";
import { EXTENSION_ID, waitFor } from "./helpers";

describe("Threads view in the real extension host", function () {
  let tree: ThreadsTree;
  /** A row of a thread codex listed, not one started here that codex has not listed yet. */
  const isListed = (node: ThreadsNode): boolean =>
    node.kind === "thread" && tree.titleOf(node.thread.id) !== undefined;

  it("is registered and lists a thread that ran a turn, with its state icon", async function () {
    const ext = vscode.extensions.getExtension<CodexExtensionExports>(EXTENSION_ID);
    assert.ok(ext);
    ({ tree } = (await ext.activate()).threadsView);
    // The view is contributed and registered: VS Code knows its focus command.
    await vscode.commands.executeCommand("chatgpt.threadsView.focus");

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the runner opens a workspace folder");
    const document = await vscode.workspace.openTextDocument(
      vscode.Uri.file(path.join(folder.uri.fsPath, "src", "todo.ts")),
    );
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 4, 1, 4);
    // "Implement with Codex" starts a new thread with a turn (the mock model's default reply).
    await vscode.commands.executeCommand("chatgpt.implementTodo");

    const threadItem = await waitFor(
      "the thread in the Threads tree",
      async () => {
        tree.reload();
        const groups = await tree.getChildren();
        const today = groups.find(
          (node): node is Extract<ThreadsNode, { kind: "group" }> =>
            node.kind === "group" && node.group === "today",
        );
        const threads = today ? await tree.getChildren(today) : [];
        const listed = threads.find(isListed);
        return listed ? tree.getTreeItem(listed) : undefined;
      },
      60_000,
      500,
    );
    assert.match(String(threadItem.id), /^thread:/);
    assert.ok(threadItem.iconPath instanceof vscode.ThemeIcon, "a state icon");
    assert.match(String(threadItem.contextValue), /^codexThread\./);
    assert.equal(threadItem.command?.command, "chatgpt.threads.open");
    assert.ok(String(threadItem.label).length > 0, "a title");

    const today = (await tree.getChildren()).find((node) => node.kind === "group");
    assert.ok(today);
    assert.equal(tree.getTreeItem(today).label, "Today");
  });

  it("filters by title through thread/list's searchTerm, says when nothing matches, and clears", async function () {
    const ext = vscode.extensions.getExtension<CodexExtensionExports>(EXTENSION_ID);
    assert.ok(ext);
    ({ tree } = (await ext.activate()).threadsView);
    const nodes = async (): Promise<ThreadsNode[]> => {
      const all: ThreadsNode[] = [];
      for (const node of await tree.getChildren())
        all.push(node, ...(await tree.getChildren(node)));
      return all;
    };
    const rows = async () => (await nodes()).map((node) => tree.getTreeItem(node));
    const title = await waitFor(
      "a listed thread",
      async () => {
        tree.reload();
        const listed = (await nodes()).find(isListed);
        return listed ? tree.getTreeItem(listed).label : undefined;
      },
      60_000,
      500,
    );
    const term = String(title).slice(0, 12);
    await vscode.commands.executeCommand("chatgpt.threads.filter", term);
    assert.equal(tree.filter, term);
    const matching = await rows();
    assert.ok(
      matching.some((item) => item.label === title),
      `"${String(title)}" is listed under the filter "${term}"`,
    );

    await vscode.commands.executeCommand("chatgpt.threads.filter", "no thread is called this 7f3a");
    const none = await rows();
    assert.deepEqual(
      none.map((item) => item.label),
      ["No threads match “no thread is called this 7f3a”"],
    );

    await vscode.commands.executeCommand("chatgpt.threads.clearFilter");
    assert.equal(tree.filter, undefined);
    assert.ok(
      (await rows()).some((item) => item.label === title),
      "listed again after Clear",
    );
  });
});
