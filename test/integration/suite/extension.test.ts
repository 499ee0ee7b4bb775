/**
 * The extension inside a real VS Code extension host (code-server, or desktop VS Code through
 * @vscode/test-electron): activation, contributions, the sidebar, and the supervised codex.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";

import { EXTENSION_ID, codexAppServers, waitFor } from "./helpers";

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

describe("extension in the real extension host", function () {
  it("activates", async function () {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it("registers every command of contributes.commands", async function () {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest()
      .contributes.commands.map((c) => c.command)
      .filter((id) => !registered.has(id));
    assert.deepEqual(
      missing,
      [],
      `commands in package.json but not registered: ${missing.join(", ")}`,
    );
  });

  it("reads every setting of contributes.configuration with its default", function () {
    const properties = manifest().contributes.configuration.properties;
    assert.ok(Object.keys(properties).length > 0);
    for (const [key, schema] of Object.entries(properties)) {
      const inspected = vscode.workspace.getConfiguration().inspect(key);
      assert.ok(inspected, `setting ${key} is unknown to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `default of ${key}`);
      // The runner sets chatgpt.cliExecutable (machine settings); all others keep their default.
      const expected = inspected.globalValue ?? inspected.workspaceValue ?? schema.default;
      assert.deepEqual(vscode.workspace.getConfiguration().get(key), expected, `value of ${key}`);
    }
  });

  it("resolves the sidebar view, which starts codex app-server with the test CODEX_HOME", async function () {
    // Activation starts nothing slow: the app-server starts when the view resolves.
    assert.deepEqual(
      codexAppServers().map((p) => p.pid),
      [],
      "codex app-server was running before the view was opened",
    );
    await vscode.commands.executeCommand("workbench.view.extension.codexSidebar");
    const [server] = await waitFor("a codex app-server child of the extension host", () => {
      const found = codexAppServers();
      return found.length > 0 ? found : undefined;
    });
    assert.ok(server);
    const expectedHome = process.env.CODEX_HOME;
    assert.ok(expectedHome, "the runner must pass CODEX_HOME");
    assert.equal(server.env.CODEX_HOME, expectedHome, "CODEX_HOME reached the codex child");
    const setting = vscode.workspace.getConfiguration("chatgpt").get<string>("cliExecutable");
    const expectedCli = process.env.CODEX_IT_CLI;
    if (expectedCli) {
      assert.equal(setting, expectedCli, "chatgpt.cliExecutable as the runner set it");
      assert.equal(server.cmdline[0], expectedCli, "codex came from chatgpt.cliExecutable");
    }
    // The child env is filtered: nothing of VS Code's own environment leaks into it.
    const leaked = Object.keys(server.env).filter((k) => k.startsWith("VSCODE_"));
    assert.deepEqual(leaked, [], "VS Code environment variables leaked into codex");
  });

  it("restarts codex app-server on chatgpt.restartAppServer", async function () {
    const before = await waitFor("a running app-server", () => codexAppServers()[0]);
    await vscode.commands.executeCommand("chatgpt.restartAppServer");
    const after = await waitFor("a new app-server process", () =>
      codexAppServers().find((p) => p.pid !== before.pid),
    );
    assert.equal(after.env.CODEX_HOME, process.env.CODEX_HOME);
    await waitFor("the old app-server to exit", () =>
      codexAppServers().every((p) => p.pid !== before.pid),
    );
  });

  it("shows “Implement with Codex” above a TODO", async function () {
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes("chatgpt.implementTodo")) {
      // Pending, not passed: the editor features are not wired into activate() yet.
      console.log(
        "    pending: chatgpt.implementTodo is not registered (editor features not wired)",
      );
      this.skip();
    }
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, "the runner opens a workspace folder");
    const uri = vscode.Uri.file(path.join(folder.uri.fsPath, "src", "todo.ts"));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = await waitFor("a TODO CodeLens", async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        "vscode.executeCodeLensProvider",
        uri,
      );
      const todo = (found ?? []).filter((l) => l.command?.command === "chatgpt.implementTodo");
      return todo.length > 0 ? todo : undefined;
    });
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.ok(lens);
    assert.equal(lens.range.start.line, 1, "the lens sits on the TODO's line");
    assert.equal(lens.command?.title, "Implement with Codex");
  });
});
