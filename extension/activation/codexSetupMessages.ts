/**
 * What the user sees when the codex to run is missing or too old, and the ways out it offers:
 * open the settings that apply in this window, or install/upgrade codex with npm in a terminal
 * the user watches. In a remote window (Remote-SSH, WSL, containers, code-server) codex runs on
 * the remote machine and machine-scoped settings such as chatgpt.cliExecutable are read from the
 * Remote settings only, so the message and its button point there and say why.
 * The VS Code API is passed in, so this is unit-tested without VS Code.
 */
import type * as vscode from "vscode";

import { CODEX_INSTALL_COMMAND, type CodexNotFoundError } from "../appServer/binaryResolver";
import { CODEX_UPGRADE_COMMAND, SUPPORTED_CODEX } from "../appServer/codexVersion";
import { SETTINGS } from "../config/settings";
import type { L10n } from "../l10n";

export const OPEN_USER_SETTINGS = "workbench.action.openSettings";
export const OPEN_REMOTE_SETTINGS = "workbench.action.openRemoteSettings";

export interface SetupMessagesApi {
  window: Pick<typeof vscode.window, "showErrorMessage" | "showWarningMessage" | "createTerminal">;
  commands: Pick<typeof vscode.commands, "executeCommand">;
  l10n: L10n;
  /** `vscode.env.remoteName`: set in a remote window (`ssh-remote`, `wsl`, `dev-container`...). */
  remoteName: string | undefined;
  /** True when `npm` is on the PATH of the machine codex runs on (then Install is offered). */
  npmAvailable(): Promise<boolean>;
  log: Pick<vscode.LogOutputChannel, "error" | "warn" | "show">;
}

/** The settings editor whose values apply to codex in this window, and how to open it there. */
export function settingsTarget(remoteName: string | undefined): {
  command: string;
  args: unknown[];
} {
  const key = SETTINGS.cliExecutable.key;
  return remoteName
    ? { command: OPEN_REMOTE_SETTINGS, args: [{ query: key }] }
    : { command: OPEN_USER_SETTINGS, args: [key] };
}

/** The not-found message: in a remote window it says where codex must be and why. */
export function notFoundMessage(
  error: CodexNotFoundError,
  remoteName: string | undefined,
  l10n: L10n,
): string {
  const base = l10n.t("Codex could not start. {0}", error.message);
  if (!remoteName) return base;
  return `${base} ${l10n.t(
    "This window is remote ({0}): codex runs on the remote machine, and {1} is read from the Remote settings there, not from your local User settings.",
    remoteName,
    SETTINGS.cliExecutable.key,
  )}`;
}

/** Runs `command` in a new terminal the user sees (never hidden: npm may ask or fail). */
export function runInTerminal(api: Pick<SetupMessagesApi, "window">, command: string): void {
  const terminal = api.window.createTerminal({ name: "Codex: install" });
  terminal.show();
  terminal.sendText(command, true);
}

export async function showCodexNotFound(
  error: CodexNotFoundError,
  api: SetupMessagesApi,
): Promise<void> {
  api.log.error(`${error.message} Looked in: ${error.searched.join(", ") || "(nothing)"}`);
  const showLog = api.l10n.t("Show log");
  const openSettings = api.remoteName
    ? api.l10n.t("Open Remote settings")
    : api.l10n.t("Open settings");
  const install = api.l10n.t("Install codex");
  const offerInstall = error.reason === "notFound" && (await api.npmAvailable());
  const actions = offerInstall ? [install, openSettings, showLog] : [openSettings, showLog];
  const choice = await api.window.showErrorMessage(
    notFoundMessage(error, api.remoteName, api.l10n),
    ...actions,
  );
  if (choice === showLog) api.log.show(true);
  else if (choice === install) runInTerminal(api, CODEX_INSTALL_COMMAND);
  else if (choice === openSettings) {
    const target = settingsTarget(api.remoteName);
    await api.commands.executeCommand(target.command, ...target.args);
  }
}

/** Below the supported range: say so, what may not work, and offer the upgrade. It still runs. */
export async function showCodexTooOld(version: string, api: SetupMessagesApi): Promise<void> {
  api.log.warn(
    `codex ${version} is older than ${SUPPORTED_CODEX.oldest}, the oldest release this extension ` +
      `supports; upgrade with \`${CODEX_UPGRADE_COMMAND}\`.`,
  );
  const upgrade = api.l10n.t("Upgrade codex");
  const actions = (await api.npmAvailable()) ? [upgrade] : [];
  const choice = await api.window.showWarningMessage(
    api.l10n.t(
      "codex {0} is older than {1}, the oldest release this extension supports. Codex will still try to run it, but some features may be missing or fail (history, reviews, slash commands). Upgrade with `{2}`.",
      version,
      SUPPORTED_CODEX.oldest,
      CODEX_UPGRADE_COMMAND,
    ),
    ...actions,
  );
  if (choice === upgrade) runInTerminal(api, CODEX_UPGRADE_COMMAND);
}
