import * as assert from "node:assert/strict";

import type * as vscode from "vscode";

import {
  RELOAD_WINDOW_COMMAND,
  registerWslReloadPrompt,
  type ReloadPromptApi,
} from "../../../extension/wsl";

type Listener = (event: { affectsConfiguration(section: string): boolean }) => unknown;

function fakeApi(answer: string | undefined, platform: NodeJS.Platform = "win32") {
  const listeners: Listener[] = [];
  const shown: Array<{ message: string; items: string[] }> = [];
  const executed: string[] = [];
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const api: ReloadPromptApi = {
    platform,
    workspace: {
      onDidChangeConfiguration(listener) {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
    },
    window: {
      showInformationMessage(message, ...items) {
        shown.push({ message, items });
        if (answer === undefined) settle();
        return Promise.resolve(answer);
      },
    },
    commands: {
      executeCommand(command) {
        executed.push(command);
        settle();
        return Promise.resolve(undefined);
      },
    },
    l10n: { t: (message) => message },
  };
  const change = (...sections: string[]): void => {
    for (const listener of [...listeners]) {
      listener({
        affectsConfiguration: (s) => sections.some((x) => x === s || x.startsWith(`${s}.`)),
      });
    }
  };
  return { api, listeners, shown, executed, change, done };
}

describe("registerWslReloadPrompt", () => {
  it("offers Reload Window when the WSL setting changes, explains why, and reloads", async () => {
    const fake = fakeApi("Reload Window");
    registerWslReloadPrompt(fake.api);
    fake.change("chatgpt.runCodexInWindowsSubsystemForLinux");
    await fake.done;
    assert.equal(fake.shown.length, 1);
    assert.deepEqual(fake.shown[0]!.items, ["Reload Window"]);
    assert.match(fake.shown[0]!.message, /natively on Windows or inside WSL.*Reload the window/s);
    assert.deepEqual(fake.executed, [RELOAD_WINDOW_COMMAND]);
  });

  it("also for chatgpt.wslDistribution; dismissing does not reload", async () => {
    const fake = fakeApi(undefined);
    registerWslReloadPrompt(fake.api);
    fake.change("chatgpt.wslDistribution");
    await fake.done;
    assert.equal(fake.shown.length, 1);
    assert.deepEqual(fake.executed, []);
  });

  it("ignores other settings, other platforms, and stops after dispose", () => {
    const fake = fakeApi("Reload Window");
    const disposable = registerWslReloadPrompt(fake.api);
    fake.change("chatgpt.cliExecutable", "editor.fontSize");
    disposable.dispose();
    fake.change("chatgpt.runCodexInWindowsSubsystemForLinux");
    const mac = fakeApi("Reload Window", "darwin");
    registerWslReloadPrompt(mac.api);
    mac.change("chatgpt.runCodexInWindowsSubsystemForLinux");
    assert.equal(fake.shown.length + mac.shown.length, 0);
  });

  it("accepts the real vscode namespaces (compile-time check)", () => {
    // Never called: only type-checks that the host can pass the vscode API pieces as they are.
    const wire = (api: typeof vscode): ReloadPromptApi => ({
      workspace: api.workspace,
      window: api.window,
      commands: api.commands,
      l10n: api.l10n,
    });
    assert.equal(typeof wire, "function");
  });
});
