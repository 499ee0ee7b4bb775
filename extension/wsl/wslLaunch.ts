/**
 * The LaunchSpecFactory that runs codex inside WSL 2 when the settings ask for it and WSL 2
 * works, and natively otherwise; and where in WSL the codex executable is found. The `wsl.exe`
 * command line itself is built in wslLaunchSpec.ts.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";

import { SETTINGS } from "../config/settings";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import {
  CLI_EXECUTABLE_SETTING,
  CODEX_INSTALL_COMMAND,
  CodexNotFoundError,
  nodeResolverHost,
  resolveCodexBinary,
  type BinaryResolverHost,
} from "../appServer/binaryResolver";
import { childEnvironment } from "../appServer/childEnvironment";
import { nativeLaunchSpec, type LaunchSpec, type LaunchSpecFactory } from "../appServer/launch";
import { nodeWslExec } from "./nodeWslExec";
import { detectWsl } from "./wslDetection";
import { defaultWslCommand, type WslExec } from "./wslExec";
import { codexHomeOnWindowsDrive, probeDistro, type WslProbe } from "./wslProbe";
import { cdExpressible, wslLaunchSpec, type CodexInWslSource } from "./wslLaunchSpec";
import { isLinuxAbsolutePath, nativePathMapper, wslPathMapper, type PathMapper } from "./wslPaths";

export const RUN_IN_WSL_SETTING = SETTINGS.runCodexInWsl.key;
export const WSL_DISTRIBUTION_SETTING = SETTINGS.wslDistribution.key;

export interface CodexLaunchSettings {
  /** `chatgpt.runCodexInWindowsSubsystemForLinux`. */
  runCodexInWsl: boolean;
  /** `chatgpt.wslDistribution`; empty → the default distribution. */
  wslDistribution: string;
  /** `chatgpt.cliExecutable`. */
  cliExecutable: string;
}

export interface LaunchNotice {
  severity: "info" | "warning" | "error";
  message: string;
}

export interface CreateLaunchSpecFactoryOptions {
  /** Read at every (re)start. */
  settings: () => CodexLaunchSettings;
  /** The extension's install folder (holds `bin/<target>/codex[.exe]` when bundled). */
  extensionPath: string;
  /** `vscode.env.remoteName` in a remote window (the not-found message says where to look). */
  remoteName?: string;
  logger: Logger;
  /** Shown to the user (once per distinct message), e.g. why WSL was not used. */
  notify?: (notice: LaunchNotice) => void;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Runs `wsl.exe` for detection; default {@link nodeWslExec}. */
  exec?: WslExec;
  /** Path of `wsl.exe`; default `%SystemRoot%\System32\wsl.exe`. */
  wslCommand?: string;
  /** The host folder (first workspace folder) the app-server starts in. */
  workspaceFolder?: () => string | undefined;
  /** For the native launch; default {@link nodeResolverHost}. */
  resolverHost?: BinaryResolverHost;
  /** Whether a host file exists (the bundled Linux binary); default: fs.stat. */
  fileExists?: (hostPath: string) => boolean | Promise<boolean>;
  /** More env names to keep (and forward into WSL), e.g. a custom provider's `env_key`. */
  extraAllowedEnv?: readonly string[];
  /** A Linux CODEX_HOME for WSL (tests); default: the Linux user's `~/.codex`. */
  linuxCodexHome?: string;
}

/** Where the last launch went. */
export type LaunchTarget =
  | { kind: "native"; describe: string; fallbackReason?: string }
  | { kind: "wsl"; describe: string; distro: string; codexPath: string; source: CodexInWslSource };

export interface CodexLauncher {
  /** Give this to the AppServerSupervisor. */
  launch: LaunchSpecFactory;
  /** Path translation for the app-server the last `launch()` started (identity until then). */
  readonly paths: PathMapper;
  readonly target: LaunchTarget | undefined;
}

/**
 * A LaunchSpecFactory that runs codex inside WSL 2 when the setting asks for it on Windows and
 * WSL 2 works, and natively otherwise (saying why through `notify`). Throws CodexNotFoundError
 * (which the supervisor treats as fatal) when codex cannot be found where it should run.
 */
export function createLaunchSpecFactory(options: CreateLaunchSpecFactoryOptions): CodexLauncher {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const exec = options.exec ?? nodeWslExec;
  const wslCommand = options.wslCommand ?? defaultWslCommand(env);
  const fileExists = options.fileExists ?? defaultFileExists;
  const logger = options.logger;
  const shown = new Set<string>();
  let paths: PathMapper = nativePathMapper;
  let target: LaunchTarget | undefined;

  const notify = (notice: LaunchNotice): void => {
    const log = notice.severity === "info" ? logger.info : logger.warn;
    log.call(logger, notice.message);
    if (shown.has(notice.message)) return;
    shown.add(notice.message);
    options.notify?.(notice);
  };

  const native = async (
    settings: CodexLaunchSettings,
    fallbackReason?: string,
  ): Promise<LaunchSpec> => {
    let settingValue: string | undefined = settings.cliExecutable;
    // A Linux path was meant for WSL; when WSL is unusable it must not also break the fallback.
    // With WSL off it is simply a wrong setting, and the resolver says so.
    if (fallbackReason && platform === "win32" && isLinuxAbsolutePath(settingValue.trim())) {
      logger.info(`${CLI_EXECUTABLE_SETTING} is a Linux path; not used for the native fallback.`);
      settingValue = undefined;
    }
    const binary = await resolveCodexBinary(
      {
        ...(settingValue ? { settingValue } : {}),
        extensionPath: options.extensionPath,
        ...(options.remoteName ? { remoteName: options.remoteName } : {}),
      },
      options.resolverHost ?? nodeResolverHost(),
    );
    const spec = nativeLaunchSpec(
      binary,
      childEnvironment(env, { extraAllowed: options.extraAllowedEnv ?? [] }),
    );
    paths = nativePathMapper;
    target = {
      kind: "native",
      describe: spec.describe,
      ...(fallbackReason ? { fallbackReason } : {}),
    };
    return spec;
  };

  const fallback = (settings: CodexLaunchSettings, why: string): Promise<LaunchSpec> => {
    notify({
      severity: "warning",
      message: l10n.t("Codex is running natively on Windows instead of in WSL: {0}", why),
    });
    return native(settings, why);
  };

  const launch: LaunchSpecFactory = async () => {
    const settings = options.settings();
    if (!settings.runCodexInWsl) return native(settings);
    if (platform !== "win32") {
      logger.info(`${RUN_IN_WSL_SETTING} only applies on Windows; running codex natively.`);
      return native(settings);
    }

    const detection = await detectWsl({
      exec,
      wslCommand,
      distro: settings.wslDistribution,
      env,
    });
    if (detection.status === "unavailable") {
      if (detection.details) logger.warn(`wsl.exe: ${detection.details}`);
      return fallback(settings, detection.message);
    }
    if (detection.status === "wsl1") return fallback(settings, detection.message);
    const distro = detection.distro.name;

    const setting = settings.cliExecutable.trim();
    const linuxSetting = /^~(\/|$)/.test(setting) || isLinuxAbsolutePath(setting) ? setting : "";
    if (setting && !linuxSetting) {
      logger.info(
        `${CLI_EXECUTABLE_SETTING} ("${setting}") is a Windows path; inside WSL a Linux codex is used.`,
      );
    }
    const probed = await probeDistro({
      exec,
      wslCommand,
      distro,
      env,
      ...(linuxSetting ? { settingPath: linuxSetting } : {}),
    });
    if (!probed.ok) return fallback(settings, probed.message);
    const probe = probed.probe;
    if (codexHomeOnWindowsDrive(probe) && options.linuxCodexHome === undefined) {
      notify({
        severity: "warning",
        message: l10n.t(
          "~/.codex in WSL ({0}) points to {1} on a Windows drive. Sharing codex's SQLite state between Windows and WSL corrupts it; give WSL its own ~/.codex (openai/codex#24348).",
          distro,
          probe.codexHomeTarget ?? "",
        ),
      });
    }

    const mapper = wslPathMapper({ distro, mountRoot: probe.mountRoot });
    const codex = await chooseCodexInWsl({
      distro,
      probe,
      linuxSetting,
      extensionPath: options.extensionPath,
      fileExists,
      toLinux: (p) => mapper.toServer(p),
    });
    const folder = options.workspaceFolder?.();
    const linuxCwd = folder ? mapper.toServer(folder) : undefined;
    if (folder && !linuxCwd) {
      logger.info(`The workspace folder ${folder} is not reachable from WSL; starting in ~.`);
    }
    const spec = wslLaunchSpec({
      wslCommand,
      distro,
      codexPath: codex.path,
      source: codex.source,
      env,
      mountRoot: probe.mountRoot,
      ...(linuxCwd ? { linuxCwd } : {}),
      ...(probe.loginPath ? { linuxPath: probe.loginPath } : {}),
      ...(options.linuxCodexHome === undefined ? {} : { linuxCodexHome: options.linuxCodexHome }),
      ...(options.extraAllowedEnv ? { extraAllowed: options.extraAllowedEnv } : {}),
    });
    paths = mapper;
    target = {
      kind: "wsl",
      describe: spec.describe,
      distro,
      codexPath: codex.path,
      source: codex.source,
    };
    return spec;
  };

  return {
    launch,
    get paths() {
      return paths;
    },
    get target() {
      return target;
    },
  };
}

interface ChooseCodexInput {
  distro: string;
  probe: WslProbe;
  /** The Linux `chatgpt.cliExecutable`, or empty. */
  linuxSetting: string;
  extensionPath: string;
  fileExists: (hostPath: string) => boolean | Promise<boolean>;
  toLinux: (hostPath: string) => string | undefined;
}

/** (1) the Linux cliExecutable, (2) the bundled Linux binary via /mnt, (3) `codex` on the login PATH. */
export async function chooseCodexInWsl(
  input: ChooseCodexInput,
): Promise<{ path: string; source: CodexInWslSource }> {
  const { probe, distro } = input;
  const searched: string[] = [];
  if (input.linuxSetting) {
    const expanded = input.linuxSetting.replace(/^~(?=\/|$)/, probe.home);
    searched.push(expanded);
    if (probe.settingExecutable) return { path: expanded, source: "setting" };
    throw new CodexNotFoundError(
      l10n.t(
        'The {0} setting is "{1}", but no executable file is there in WSL ({2}). Fix the path, or clear the setting to use the bundled codex or the one on the distribution\'s PATH.',
        CLI_EXECUTABLE_SETTING,
        input.linuxSetting,
        distro,
      ),
      "settingInvalid",
      searched,
    );
  }
  if (probe.arch) {
    const bundled = path.win32.join(input.extensionPath, "bin", `linux-${probe.arch}`, "codex");
    const linux = input.toLinux(bundled);
    searched.push(bundled);
    if (linux && cdExpressible(linux) && (await input.fileExists(bundled))) {
      return { path: linux, source: "bundled" };
    }
  }
  if (probe.codexOnPath && isLinuxAbsolutePath(probe.codexOnPath)) {
    return { path: probe.codexOnPath, source: "path" };
  }
  searched.push("codex on the login PATH");
  throw new CodexNotFoundError(
    l10n.t(
      "Could not find codex inside WSL ({0}). Install it there with `{1}`, set {2} to its Linux path, or turn off {3}.",
      probe.arch ? distro : `${distro}, ${probe.machine}`,
      CODEX_INSTALL_COMMAND,
      CLI_EXECUTABLE_SETTING,
      RUN_IN_WSL_SETTING,
    ),
    "notFound",
    searched,
  );
}

async function defaultFileExists(hostPath: string): Promise<boolean> {
  try {
    return (await fsp.stat(hostPath)).isFile();
  } catch {
    return false;
  }
}
