import * as assert from "node:assert/strict";

import {
  CodexNotFoundError,
  resolveCodexBinary,
} from "../../../extension/appServer/binaryResolver";
import {
  notFoundMessage,
  OPEN_REMOTE_SETTINGS,
  OPEN_USER_SETTINGS,
  settingsTarget,
  showCodexNotFound,
  showCodexTooOld,
  type SetupMessagesApi,
} from "../../../extension/activation/codexSetupMessages";
import { englishL10n } from "../../../extension/l10n";

/** A VS Code stand-in that answers a message with `choose(actions)` and records what happened. */
function fakeApi(options: {
  remoteName?: string;
  npm?: boolean;
  choose?: (actions: string[]) => string | undefined;
}) {
  const shown: { kind: string; message: string; actions: string[] }[] = [];
  const commands: unknown[][] = [];
  const terminals: { name: string; sent: string[]; shown: boolean }[] = [];
  const answer =
    (kind: string) =>
    (message: string, ...actions: string[]) => {
      shown.push({ kind, message, actions });
      return Promise.resolve(options.choose?.(actions));
    };
  const api = {
    window: {
      showErrorMessage: answer("error"),
      showWarningMessage: answer("warning"),
      createTerminal: ({ name }: { name: string }) => {
        const terminal = { name, sent: [] as string[], shown: false };
        terminals.push(terminal);
        return {
          show: () => (terminal.shown = true),
          sendText: (text: string) => terminal.sent.push(text),
        };
      },
    },
    commands: {
      executeCommand: (...args: unknown[]) => {
        commands.push(args);
        return Promise.resolve(undefined);
      },
    },
    l10n: englishL10n,
    remoteName: options.remoteName,
    npmAvailable: () => Promise.resolve(options.npm ?? false),
    log: { error: () => undefined, warn: () => undefined, show: () => undefined },
  } as unknown as SetupMessagesApi;
  return { api, shown, commands, terminals };
}

async function notFound(remoteName?: string): Promise<CodexNotFoundError> {
  try {
    await resolveCodexBinary(
      { ...(remoteName ? { remoteName } : {}) },
      { platform: "linux", arch: "x64", env: { PATH: "/usr/bin" }, isExecutable: () => false },
    );
  } catch (error) {
    if (error instanceof CodexNotFoundError) return error;
    throw error;
  }
  throw new Error("codex was found");
}

describe("codex setup messages", () => {
  it("in a local window: the User settings, no word about remotes", async () => {
    const error = await notFound();
    const message = notFoundMessage(error, undefined, englishL10n);
    assert.match(
      message,
      /Could not find the codex executable\. Install it with `npm i -g @openai\/codex`/,
    );
    assert.doesNotMatch(message, /remote/i);
    assert.deepEqual(settingsTarget(undefined), {
      command: OPEN_USER_SETTINGS,
      args: ["chatgpt.cliExecutable"],
    });
  });

  it("in a remote window: says codex runs on the remote machine and why User settings do not apply", async () => {
    const error = await notFound("ssh-remote");
    const message = notFoundMessage(error, "ssh-remote", englishL10n);
    assert.match(message, /on the remote machine \(ssh-remote\)/);
    assert.match(message, /set chatgpt\.cliExecutable in the Remote settings/);
    assert.match(message, /read from the Remote settings there, not from your local User settings/);
    assert.deepEqual(settingsTarget("ssh-remote"), {
      command: OPEN_REMOTE_SETTINGS,
      args: [{ query: "chatgpt.cliExecutable" }],
    });
  });

  it("the remote message's button opens the Remote settings at chatgpt.cliExecutable", async () => {
    const ui = fakeApi({ remoteName: "wsl", choose: (actions) => actions[0] });
    await showCodexNotFound(await notFound("wsl"), ui.api);
    assert.deepEqual(ui.shown[0]?.actions, ["Open Remote settings", "Show log"]);
    assert.deepEqual(ui.commands, [[OPEN_REMOTE_SETTINGS, { query: "chatgpt.cliExecutable" }]]);
  });

  it("offers Install codex where npm is on PATH: it runs the install in a terminal the user sees", async () => {
    const ui = fakeApi({
      npm: true,
      choose: (actions) => actions.find((a) => a === "Install codex"),
    });
    await showCodexNotFound(await notFound(), ui.api);
    assert.deepEqual(ui.shown[0]?.actions, ["Install codex", "Open settings", "Show log"]);
    assert.deepEqual(ui.terminals, [
      { name: "Codex: install", sent: ["npm i -g @openai/codex"], shown: true },
    ]);
  });

  it("offers no Install without npm, nor when the setting points at a missing file", async () => {
    const noNpm = fakeApi({ npm: false });
    await showCodexNotFound(await notFound(), noNpm.api);
    assert.deepEqual(noNpm.shown[0]?.actions, ["Open settings", "Show log"]);
    const wrongSetting = fakeApi({ npm: true });
    const error = new CodexNotFoundError(
      "The chatgpt.cliExecutable setting is …",
      "settingInvalid",
      [],
    );
    await showCodexNotFound(error, wrongSetting.api);
    assert.deepEqual(wrongSetting.shown[0]?.actions, ["Open settings", "Show log"]);
  });

  it("below the range: a warning with the upgrade command, what may not work, and an Upgrade button", async () => {
    const ui = fakeApi({ npm: true, choose: (actions) => actions[0] });
    await showCodexTooOld("0.150.0", ui.api);
    const [warning] = ui.shown;
    assert.equal(warning?.kind, "warning");
    assert.match(warning.message, /codex 0\.150\.0 is older than 0\.160\.0/);
    assert.match(warning.message, /still try to run it, but some features may be missing/);
    assert.match(warning.message, /`npm i -g @openai\/codex@latest`/);
    assert.deepEqual(ui.terminals[0]?.sent, ["npm i -g @openai/codex@latest"]);
  });
});
