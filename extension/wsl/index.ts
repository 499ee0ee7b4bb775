/**
 * What the extension host needs to run codex in WSL 2: the launcher (a LaunchSpecFactory that
 * picks WSL or native, plus the path mapper for the app-server it started) and the prompt that
 * offers a window reload when the WSL settings change. Nothing here imports `vscode`; the host
 * passes in the API pieces it uses.
 */
export {
  RUN_IN_WSL_SETTING,
  WSL_DISTRIBUTION_SETTING,
  chooseCodexInWsl,
  createLaunchSpecFactory,
  type CodexLaunchSettings,
  type CodexLauncher,
  type CreateLaunchSpecFactoryOptions,
  type LaunchNotice,
  type LaunchTarget,
} from "./wslLaunch";
export { buildWslEnv, wslLaunchSpec, type WslLaunchInput } from "./wslLaunchSpec";
export { nodeWslExec } from "./nodeWslExec";
export {
  detectWsl,
  parseWslListQuiet,
  parseWslListVerbose,
  parseWslStatus,
  type WslDetection,
  type WslDistro,
} from "./wslDetection";
export { decodeWslOutput, type WslExec, type WslExecResult } from "./wslExec";
export { probeDistro } from "./wslProbe";
export {
  mapThreadItemPaths,
  mapUserInputPaths,
  nativePathMapper,
  windowsToWslPath,
  wslLinkToWindows,
  wslPathMapper,
  wslToWindowsPath,
  type PathMapper,
  type WslPathOptions,
} from "./wslPaths";

import type { L10n } from "../l10n";
import { RUN_IN_WSL_SETTING, WSL_DISTRIBUTION_SETTING } from "./wslLaunch";

interface DisposableLike {
  dispose(): unknown;
}

/** The slice of the `vscode` API the reload prompt uses (`vscode.workspace` etc. satisfy it). */
export interface ReloadPromptApi {
  workspace: {
    onDidChangeConfiguration(
      listener: (event: { affectsConfiguration(section: string): boolean }) => unknown,
    ): DisposableLike;
  };
  window: {
    showInformationMessage(message: string, ...items: string[]): PromiseLike<string | undefined>;
  };
  commands: { executeCommand(command: string): PromiseLike<unknown> };
  /** `vscode.l10n`; messages are returned unchanged without it. */
  l10n?: L10n;
  /** Default `process.platform`; the prompt only appears on Windows, where the settings apply. */
  platform?: NodeJS.Platform;
}

export const RELOAD_WINDOW_COMMAND = "workbench.action.reloadWindow";

/**
 * Offers "Reload Window" when `chatgpt.runCodexInWindowsSubsystemForLinux` or
 * `chatgpt.wslDistribution` changes, and says why: the app-server that is running belongs to one
 * side (Windows or a distribution) with its own threads, sign-in and paths, and the webview and
 * open diffs hold paths of that side, so switching only takes effect cleanly on a fresh window.
 * Resolves nothing; returns the listener's Disposable.
 */
export function registerWslReloadPrompt(api: ReloadPromptApi): DisposableLike {
  const t = (message: string): string => api.l10n?.t(message) ?? message;
  const platform = api.platform ?? process.platform;
  return api.workspace.onDidChangeConfiguration((event) => {
    if (platform !== "win32") return;
    if (
      !event.affectsConfiguration(RUN_IN_WSL_SETTING) &&
      !event.affectsConfiguration(WSL_DISTRIBUTION_SETTING)
    ) {
      return;
    }
    void promptReload(api, t);
  });
}

/** The prompt itself, for hosts that detect the change some other way. Resolves true on reload. */
export async function promptReload(
  api: Pick<ReloadPromptApi, "window" | "commands">,
  t: (message: string) => string = (message) => message,
): Promise<boolean> {
  const reload = t("Reload Window");
  const choice = await api.window.showInformationMessage(
    t(
      "Codex runs either natively on Windows or inside WSL, and the running Codex keeps its " +
        "threads, sign-in and file paths on its side. Reload the window to restart Codex where " +
        "the changed setting says.",
    ),
    reload,
  );
  if (choice !== reload) return false;
  await api.commands.executeCommand(RELOAD_WINDOW_COMMAND);
  return true;
}
