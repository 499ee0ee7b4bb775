/**
 * Activation stays cheap: the real `activate()` (with a recording stand-in for `vscode`) starts no
 * codex child, sends codex nothing (the Threads view's `thread/list`, skills, MCP state, account
 * and models all go through the one lazily started connection, so no request means no child),
 * opens no view, lists and watches no files and opens no checkpoint store. The first use does:
 * VS Code asking the Threads view for its rows (it does that only once the view is visible) starts
 * codex. bench metric 5 checks the same in code-server for the activation time.
 *
 * Activation runs under a mocked clock that is then moved on by an hour: a start put off by a
 * debounce or a "warm up after N s" timer happens inside the test, not after it.
 */
import assert from "node:assert/strict";
import childProcess = require("node:child_process");
import { EventEmitter } from "node:events";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { mock } from "node:test";

import type * as ExtensionModule from "../../../extension/extension";
import { englishL10n, useHostL10n } from "../../../extension/l10n";
import { waitUntil } from "../../support/waitUntil";
import { fakeVscode, memento, provideVscodeModule, type FakeVscode } from "./fakeVscode";

const repoRoot = path.resolve(__dirname, "../../..");
const SECONDARY_CONTAINER_COMMAND = "workbench.view.extension.codexSecondarySidebar";
const CHAT_MODULE = path.join(repoRoot, "extension/chat.ts");

/** Lets every queued callback and promise run (setImmediate is not mocked). */
async function drainEventLoop(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs everything activation queued or put on the mocked clock, an hour of it, a minute at a
 * time so a timer set by a promise (or by another timer) runs too; then gives the real clock back.
 */
async function runActivationToRest(): Promise<void> {
  for (let minute = 0; minute < 60; minute++) {
    await drainEventLoop();
    mock.timers.tick(60_000);
  }
  await drainEventLoop();
  mock.timers.reset();
}

describe("activation is lazy: nothing is started or requested before first use", function () {
  let vscode: FakeVscode;
  let restoreVscode: () => void;
  let extension: typeof ExtensionModule;
  let workspace: string;
  let storage: string;
  let subscriptions: { dispose(): unknown }[];
  const spawned: string[] = [];
  const originalSpawn = childProcess.spawn;

  before(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), "codex-lazy-ws-"));
    vscode = fakeVscode({ workspaceFolder: workspace });
    restoreVscode = provideVscodeModule(vscode.module);
    extension = await import("../../../extension/extension");
    // Every child process is recorded and refused (as if the binary could not be executed).
    (childProcess as { spawn: unknown }).spawn = (command: string, args: string[] = []) => {
      spawned.push([command, ...args].join(" "));
      const child = new EventEmitter();
      setImmediate(() =>
        child.emit(
          "error",
          Object.assign(new Error("no child processes here"), { code: "EACCES" }),
        ),
      );
      return child;
    };
  });

  after(() => {
    (childProcess as { spawn: unknown }).spawn = originalSpawn;
    restoreVscode();
    // activate() installed a translator over the fake `vscode.l10n`; later tests get English.
    useHostL10n(englishL10n);
    rmSync(workspace, { recursive: true, force: true });
  });

  beforeEach(() => {
    storage = mkdtempSync(path.join(tmpdir(), "codex-lazy-storage-"));
    spawned.length = 0;
    subscriptions = [];
  });

  afterEach(async () => {
    mock.timers.reset();
    for (const subscription of subscriptions.splice(0).reverse()) subscription.dispose();
    await extension.deactivate();
    rmSync(storage, { recursive: true, force: true });
  });

  function activate(options: { commands?: string[]; globalState?: Record<string, unknown> } = {}) {
    vscode.reset({ workspaceFolder: workspace, commands: options.commands ?? [] });
    mock.timers.enable({ apis: ["setTimeout", "setInterval"] });
    const context = {
      subscriptions,
      extensionPath: repoRoot,
      extensionUri: { scheme: "file", fsPath: repoRoot, path: repoRoot },
      globalState: memento(options.globalState),
      workspaceState: memento(),
      storageUri: { scheme: "file", fsPath: storage },
      extension: { packageJSON: { version: "0.0.0-test" } },
    };
    return extension.activate(context as never);
  }

  /** What activation did that costs a process, I/O or the user's attention. */
  function sideEffects() {
    return {
      childProcesses: [...spawned],
      commands: [
        ...new Set(vscode.callsTo("commands.executeCommand").map((args) => String(args[0]))),
      ],
      filesListed: vscode.callsTo("workspace.findFiles").length,
      watchers: vscode.callsTo("workspace.createFileSystemWatcher").length,
      storageWritten: readdirSync(storage),
    };
  }

  it("activate() starts no codex, opens no view, lists no files, opens no checkpoints", async () => {
    activate();
    await runActivationToRest();
    assert.deepEqual(sideEffects(), {
      childProcesses: [],
      // Only context keys (which view holds the chat); no view is opened or focused.
      commands: ["setContext"],
      filesListed: 0,
      watchers: 0,
      storageWritten: [],
    });
    // The views are registered for VS Code to fill once they are shown.
    assert.equal(vscode.callsTo("window.createTreeView").length, 1);
    assert.equal(vscode.callsTo("window.registerWebviewViewProvider").length, 2);
    // No bridge is made: the chat's code (dist/chat.js in the build) is not even loaded.
    assert.equal(require.cache[CHAT_MODULE], undefined, "extension/chat.ts was loaded");
  });

  it("the Threads view's first listing, asked for once the view is visible, starts codex", async () => {
    const { threadsView } = activate();
    await runActivationToRest();
    assert.deepEqual(spawned, []);
    // What VS Code does when the Threads view becomes visible.
    const rows = await threadsView.tree.getChildren();
    await waitUntil(() => spawned.length > 0, "codex is started for the first listing");
    assert.match(spawned[0]!, /codex.* app-server/);
    // Codex starting makes the sidebar's bridge, which follows it from then on.
    assert.ok(require.cache[CHAT_MODULE], "codex started, but the chat's code was not loaded");
    // The refused start shows as the view's message, not as an empty list.
    assert.deepEqual(
      rows.map((row) => row.kind),
      ["message"],
    );
  });

  it("with the secondary side bar: a window where the chat was opened there before opens nothing", async () => {
    activate({
      commands: [SECONDARY_CONTAINER_COMMAND],
      globalState: { "codex.secondarySidebarOpenedOnce": true },
    });
    await runActivationToRest();
    assert.deepEqual(sideEffects().commands, ["setContext"]);
    assert.deepEqual(spawned, []);
  });

  it("the one exception: the very first window opens the secondary side bar (as the official extension does)", async () => {
    activate({ commands: [SECONDARY_CONTAINER_COMMAND] });
    await runActivationToRest();
    // VS Code then shows the chat, whose view starts codex: that is the view opening, not
    // activation (nothing is started here).
    assert.deepEqual(sideEffects().commands, ["setContext", SECONDARY_CONTAINER_COMMAND]);
    assert.deepEqual(spawned, []);
  });
});
