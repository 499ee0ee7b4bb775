/**
 * Creates the supervised app-server for the extension: the launch factory (native, or inside
 * WSL 2 when `chatgpt.runCodexInWindowsSubsystemForLinux` is on), the "codex not found" message
 * and the WSL reload prompt. Nothing here starts a process; the supervisor starts lazily.
 */
import vscode = require("vscode");
import { CLIENT_CAPABILITIES } from "../appServer/clientCapabilities";

import { CodexNotFoundError, findOnPath } from "../appServer/binaryResolver";
import { codexSupport, codexVersionOf, SUPPORTED_CODEX } from "../appServer/codexVersion";
import { ignoredWorkspaceValue, SETTINGS, type SettingName } from "../config/settings";
import { chatgptConfiguration, setting } from "../config/vscodeSettings";
import { AppServerSupervisor } from "../appServer/supervisor";
import { showCodexNotFound, showCodexTooOld, type SetupMessagesApi } from "./codexSetupMessages";
import {
  createLaunchSpecFactory,
  registerWslReloadPrompt,
  type CodexLauncher,
  type LaunchNotice,
} from "../wsl/index";

export interface AppServerHost {
  supervisor: AppServerSupervisor;
  launcher: CodexLauncher;
}

/** The VS Code side of the setup messages: this window's remote name and the machine's npm. */
function setupMessagesApi(log: vscode.LogOutputChannel): SetupMessagesApi {
  return {
    window: vscode.window,
    commands: vscode.commands,
    l10n: vscode.l10n,
    remoteName: vscode.env.remoteName,
    npmAvailable: async () => (await findOnPath("npm")) !== undefined,
    log,
  };
}

/**
 * Reads the codex version from `initialize`'s user agent at every start, logs it, and warns once
 * per version when it is older than the supported range (codex still runs).
 */
function watchCodexVersion(supervisor: AppServerSupervisor, log: vscode.LogOutputChannel) {
  const warned = new Set<string>();
  return supervisor.onDidChangeState((state) => {
    if (state.kind !== "ready") return;
    const version = codexVersionOf(state.serverInfo.userAgent);
    const support = codexSupport(version);
    log.info(
      `codex version ${version ?? "unknown"} (${support}; supported ${SUPPORTED_CODEX.oldest} ` +
        `through ${SUPPORTED_CODEX.newestTested} and newer)`,
    );
    if (support !== "tooOld" || !version || warned.has(version)) return;
    warned.add(version);
    void showCodexTooOld(version, setupMessagesApi(log));
  });
}

function showLaunchNotice({ severity, message }: LaunchNotice): void {
  const show =
    severity === "error"
      ? vscode.window.showErrorMessage
      : severity === "warning"
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
  void show(message);
}

const PROGRAM_SETTINGS: readonly SettingName[] = [
  "cliExecutable",
  "runCodexInWsl",
  "wslDistribution",
];

/** A workspace that tries to choose the program is ignored; the log says so (never a popup). */
function warnIgnoredWorkspaceValues(log: vscode.LogOutputChannel): void {
  const configuration = chatgptConfiguration();
  for (const name of PROGRAM_SETTINGS) {
    if (ignoredWorkspaceValue(configuration, name) === undefined) continue;
    log.warn(
      `Ignoring ${SETTINGS[name].key} from the workspace settings: it chooses the program Codex ` +
        `runs, so it is read from User settings only.`,
    );
  }
}

export function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === "file")?.uri
    .fsPath;
}

export function createAppServerHost(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): AppServerHost {
  const launcher = createLaunchSpecFactory({
    settings: () => {
      warnIgnoredWorkspaceValues(log);
      return {
        runCodexInWsl: setting("runCodexInWsl"),
        wslDistribution: setting("wslDistribution"),
        cliExecutable: setting("cliExecutable"),
      };
    },
    extensionPath: context.extensionPath,
    ...(vscode.env.remoteName ? { remoteName: vscode.env.remoteName } : {}),
    logger: log,
    notify: showLaunchNotice,
    workspaceFolder: firstWorkspaceFolder,
  });
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? "0");
  const supervisor = new AppServerSupervisor({
    launch: async () => {
      try {
        return await launcher.launch();
      } catch (error) {
        if (error instanceof CodexNotFoundError) {
          void showCodexNotFound(error, setupMessagesApi(log));
        }
        throw error;
      }
    },
    logger: log,
    clientInfo: { name: "codex_vscode_oss", title: "Codex – open-source IDE extension", version },
    capabilities: CLIENT_CAPABILITIES,
  });
  // A hard exit of the extension host skips deactivate(); never leave codex behind.
  const killOnExit = () => supervisor.killNow();
  process.once("exit", killOnExit);
  context.subscriptions.push(
    { dispose: () => process.removeListener("exit", killOnExit) },
    watchCodexVersion(supervisor, log),
    registerWslReloadPrompt({
      workspace: vscode.workspace,
      window: vscode.window,
      commands: vscode.commands,
      l10n: vscode.l10n,
    }),
  );
  return { supervisor, launcher };
}
