/**
 * `chatgpt.newCodexPanel` in a real extension host: each run opens a Codex thread in an editor
 * tab of its own (a webview panel of type chatgpt.codexPanel), and "New chat" in the editor
 * title acts on the panel that has focus.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

import { EXTENSION_ID, waitFor } from "./helpers";

function codexPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.endsWith("chatgpt.codexPanel"),
    );
}

describe("Codex editor panels", function () {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  after(async () => {
    await vscode.window.tabGroups.close(codexPanelTabs());
  });

  it("opens a new panel per run, side by side, titled Codex", async () => {
    const before = codexPanelTabs().length;
    await vscode.commands.executeCommand("chatgpt.newCodexPanel");
    await vscode.commands.executeCommand("chatgpt.newCodexPanel");
    const tabs = await waitFor("two Codex panel tabs", () => {
      const found = codexPanelTabs();
      return found.length >= before + 2 ? found : undefined;
    });
    assert.ok(
      tabs.every((tab) => tab.label === "Codex"),
      tabs.map((tab) => tab.label).join(),
    );
  });

  it("New chat runs while a panel has focus, and closing the panels leaves the sidebar working", async () => {
    await vscode.commands.executeCommand("chatgpt.newChat");
    await vscode.window.tabGroups.close(codexPanelTabs());
    await waitFor("the panels to close", () => codexPanelTabs().length === 0);
    await vscode.commands.executeCommand("workbench.view.extension.codexSidebar");
  });
});
