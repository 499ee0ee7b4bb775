/**
 * The app-server launched inside WSL 2, and the LaunchSpecFactory that chooses WSL or native.
 *
 * ## The `wsl.exe` argument contract
 *
 *   wsl.exe -d <distro> --cd <linux dir> --exec /usr/bin/env PATH=<path> <linux codex> app-server
 *
 * `--exec`, not `--`: after `--`, wsl.exe hands the *raw rest of its command line* to
 * `$SHELL -c`, so the Linux shell would re-parse what Node quoted for Windows (`$`, `'`, `;`,
 * backticks in a path would be interpreted; fish and zsh differ from bash). After `--exec`,
 * wsl.exe splits the rest with `CommandLineToArgvW` and execs it without any shell. Node (libuv
 * `quote_cmd_arg`) quotes each argument exactly for that parser, so no extra
 * `quoteWindowsArgument` is needed. Two places use wsl.exe's own, simpler parser instead:
 *   - `-d <distro>`: split at the first space. Distribution names never contain whitespace
 *     (validated here anyway).
 *   - `--cd <dir>`: split at whitespace, or from a leading `"` to the next `"`, with no escapes.
 *     libuv quotes a path with spaces as `"..."`, which works; a path containing `"`, or ending
 *     in `\` (libuv would double it), cannot be expressed, and `~` is used instead (the
 *     app-server's own cwd does not matter much: every thread carries its cwd).
 * The program after `--exec` is the first token for `CommandLineToArgvW`, which takes it up to
 * the next `"` without escapes; a codex path containing `"` is refused.
 *
 * `/usr/bin/env PATH=...` gives codex the login shell's PATH (plus codex's own folder, where an
 * npm/nvm install keeps `node` for the `codex` launcher script) without running a login shell
 * at launch, whose profile output would corrupt the JSON-RPC stream on stdout.
 *
 * ## Environment
 *
 * WSL passes only the variables named in `WSLENV` into Linux (`/u`: Windows→Linux only, `/p`:
 * translate a path). `WSLENV` is built from scratch, so a user's own `WSLENV` cannot smuggle
 * anything else in. Forwarded: the allow-list's entries marked for WSL in
 * `appServer/childEnvironment.ts` (the OpenAI credentials and endpoint, proxies, `RUST_LOG`, CA
 * certificate files, path-translated) and the host's extra allowed names. Never forwarded:
 * `CODEX_HOME` / `CODEX_SQLITE_HOME` (see below), PATH (WSL builds its own), and the
 * Windows-only folders (HOME, TEMP, APPDATA...).
 *
 * ## CODEX_HOME stays in Linux
 *
 * codex keeps SQLite databases (`state_*.sqlite`, `logs_*.sqlite`) in CODEX_HOME. The Linux and
 * Windows builds sharing one over `/mnt/c` (a 9P/DrvFS mount without the POSIX locking SQLite
 * needs, with CRLF-vs-LF migration checksums on top) corrupts it or fails with "migration 1 was
 * previously applied but has been modified" / "disk I/O error" (openai/codex #24348, #23913,
 * #23251). So the Windows CODEX_HOME is removed from the child's environment and never listed in
 * WSLENV: codex uses `~/.codex` of the Linux user. A Linux `~/.codex` that is itself a symlink
 * into `/mnt/<drive>` gets a warning.
 */
import { execFile } from "node:child_process";
import { promises as fsp } from "node:fs";
import * as path from "node:path";

import { SETTINGS } from "../config/settings";
import type { Logger } from "../log";
import {
  CLI_EXECUTABLE_SETTING,
  CODEX_INSTALL_COMMAND,
  CodexNotFoundError,
  nodeResolverHost,
  resolveCodexBinary,
  type BinaryResolverHost,
} from "../appServer/binaryResolver";
import { childEnvironment, wslForwardedNames } from "../appServer/childEnvironment";
import { nativeLaunchSpec, type LaunchSpec, type LaunchSpecFactory } from "../appServer/launch";
import {
  codexHomeOnWindowsDrive,
  defaultWslCommand,
  detectWsl,
  probeDistro,
  type WslExec,
  type WslExecResult,
  type WslProbe,
} from "./wslDetection";
import {
  isLinuxAbsolutePath,
  nativePathMapper,
  normalizeMountRoot,
  wslPathMapper,
  type PathMapper,
} from "./wslPaths";

export const RUN_IN_WSL_SETTING = SETTINGS.runCodexInWsl.key;
export const WSL_DISTRIBUTION_SETTING = SETTINGS.wslDistribution.key;

export type CodexInWslSource = "setting" | "bundled" | "path";

export interface WslLaunchInput {
  /** Path of `wsl.exe` on the host. */
  wslCommand: string;
  distro: string;
  /** Linux directory for `--cd`; `~` (the Linux home) when absent or not expressible. */
  linuxCwd?: string;
  /** Linux path of the codex executable. */
  codexPath: string;
  source: CodexInWslSource;
  /** The host environment (unfiltered; filtered here). */
  env: NodeJS.ProcessEnv;
  /** PATH for codex inside Linux (the login shell's); omitted → WSL's default PATH. */
  linuxPath?: string;
  /**
   * A Linux CODEX_HOME to use instead of the Linux user's `~/.codex` (tests, advanced). Must be
   * a Linux path outside the Windows drive mounts; forwarded through WSLENV as is.
   */
  linuxCodexHome?: string;
  /** More variable names to keep and forward (a custom provider's `env_key`). */
  extraAllowed?: readonly string[];
  /** Mount root of Windows drives in the distribution (default `/mnt/`). */
  mountRoot?: string;
}

/** Windows state folders that must never reach the Linux codex (see the file comment). */
const NEVER_FORWARDED = ["CODEX_HOME", "CODEX_SQLITE_HOME"];

const DISTRO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The `WSLENV` value for `env`: each forwarded variable present in it, with its flags. */
export function buildWslEnv(
  env: NodeJS.ProcessEnv,
  extra: readonly string[] = [],
): { value: string; names: string[] } {
  const entries: string[] = [];
  const names: string[] = [];
  const add = (wanted: string, flags: string): void => {
    const upper = wanted.toUpperCase();
    if (NEVER_FORWARDED.includes(upper)) return;
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || name.toUpperCase() !== upper) continue;
      if (names.includes(name) || /[:/]/.test(name)) continue;
      entries.push(`${name}/${flags}`);
      names.push(name);
    }
  };
  const forwarded = wslForwardedNames();
  for (const { name } of forwarded.filter(({ wsl }) => wsl === "plain")) add(name, "u");
  for (const name of extra) add(name, "u");
  for (const { name } of forwarded.filter(({ wsl }) => wsl === "path")) add(name, "pu");
  return { value: entries.join(":"), names };
}

/** The `wsl.exe` launch of `codex app-server` in `distro` (see the file comment). */
export function wslLaunchSpec(input: WslLaunchInput): LaunchSpec {
  if (!DISTRO_NAME.test(input.distro)) {
    throw new Error(`"${input.distro}" is not a valid WSL distribution name.`);
  }
  if (!isLinuxAbsolutePath(input.codexPath) || input.codexPath.includes('"')) {
    throw new Error(`Cannot run "${input.codexPath}" inside WSL: not an absolute Linux path.`);
  }
  let codexHome: string | undefined;
  if (input.linuxCodexHome !== undefined) {
    if (!isLinuxAbsolutePath(input.linuxCodexHome)) {
      throw new Error(`CODEX_HOME for WSL must be a Linux path, got "${input.linuxCodexHome}".`);
    }
    if (onWindowsDrive(input.linuxCodexHome, input.mountRoot)) {
      throw new Error(
        `CODEX_HOME for WSL must not be on a Windows drive (${input.linuxCodexHome}): codex's ` +
          `SQLite state is corrupted when shared over /mnt (openai/codex#24348).`,
      );
    }
    codexHome = input.linuxCodexHome;
  }

  const extra = input.extraAllowed ?? [];
  const wslenv = buildWslEnv(input.env, extra);
  const overrides: Record<string, string | undefined> = {
    CODEX_HOME: undefined,
    CODEX_SQLITE_HOME: undefined,
    WSLENV: wslenv.value + (codexHome ? `${wslenv.value ? ":" : ""}CODEX_HOME/u` : ""),
  };
  if (codexHome) overrides.CODEX_HOME = codexHome;
  const env = childEnvironment(input.env, { extraAllowed: extra, overrides });

  const cwd = input.linuxCwd && cdExpressible(input.linuxCwd) ? input.linuxCwd : "~";
  const program: string[] = [];
  if (input.linuxPath !== undefined && !input.codexPath.includes("=")) {
    const codexDir = path.posix.dirname(input.codexPath);
    const linuxPath = [codexDir, ...input.linuxPath.split(":").filter((d) => d && d !== codexDir)];
    program.push("/usr/bin/env", `PATH=${linuxPath.join(":")}`);
  }
  program.push(input.codexPath, "app-server");

  const origin = {
    setting: `from ${CLI_EXECUTABLE_SETTING}`,
    bundled: "bundled with the extension",
    path: "from PATH",
  }[input.source];
  return {
    command: input.wslCommand,
    args: ["-d", input.distro, "--cd", cwd, "--exec", ...program],
    env,
    describe: `codex app-server in WSL (${input.distro}: ${input.codexPath}, ${origin})`,
  };
}

/** True for `/mnt/c`, `/mnt/c/...` (with the distribution's mount root). */
function onWindowsDrive(linuxPath: string, mountRoot: string | undefined): boolean {
  const root = normalizeMountRoot(mountRoot);
  const normalized = path.posix.normalize(linuxPath);
  return normalized.startsWith(root) && /^[A-Za-z](\/|$)/.test(normalized.slice(root.length));
}

/** Whether wsl.exe's `--cd` parser can receive `dir` intact after Node's quoting. */
export function cdExpressible(dir: string): boolean {
  return (
    isLinuxAbsolutePath(dir) && !dir.includes('"') && !dir.endsWith("\\") && !/[\r\n]/.test(dir)
  );
}

// -------------------------------------------------------------------------------------------------
// Choosing WSL or native

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
      { ...(settingValue ? { settingValue } : {}), extensionPath: options.extensionPath },
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
      message: `Codex is running natively on Windows instead of in WSL: ${why}`,
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
        message:
          `~/.codex in WSL (${distro}) points to ${probe.codexHomeTarget} on a Windows drive. ` +
          `Sharing codex's SQLite state between Windows and WSL corrupts it; give WSL its own ` +
          `~/.codex (openai/codex#24348).`,
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
      `The ${CLI_EXECUTABLE_SETTING} setting is "${input.linuxSetting}", but no executable file ` +
        `is there in WSL (${distro}). Fix the path, or clear the setting to use the bundled ` +
        `codex or the one on the distribution's PATH.`,
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
    `Could not find codex inside WSL (${distro}${probe.arch ? "" : `, ${probe.machine}`}). ` +
      `Install it there with \`${CODEX_INSTALL_COMMAND}\`, set ${CLI_EXECUTABLE_SETTING} to its ` +
      `Linux path, or turn off ${RUN_IN_WSL_SETTING}.`,
    "notFound",
    searched,
  );
}

// -------------------------------------------------------------------------------------------------
// Production plumbing

/** `execFile` without a shell, collecting raw bytes (wsl.exe writes UTF-16LE). Never rejects. */
export const nodeWslExec: WslExec = (command, args, options = {}) =>
  new Promise<WslExecResult>((resolve) => {
    try {
      execFile(
        command,
        [...args],
        {
          encoding: "buffer",
          windowsHide: true,
          timeout: options.timeoutMs ?? 20_000,
          maxBuffer: 4 * 1024 * 1024,
          ...(options.env ? { env: options.env } : {}),
        },
        (error, stdout, stderr) => {
          const err = error as
            (NodeJS.ErrnoException & { code?: unknown; killed?: boolean }) | null;
          // A non-zero exit is reported through `error` too; only spawn failures and timeouts are errors here.
          const spawnFailed = err !== null && typeof err.code === "string";
          const timedOut = err?.killed === true;
          resolve({
            exitCode: err === null ? 0 : typeof err.code === "number" ? err.code : null,
            stdout,
            stderr,
            ...(spawnFailed || timedOut ? { error: err } : {}),
          });
        },
      );
    } catch (error) {
      resolve({ exitCode: null, stdout: "", stderr: "", error: error as NodeJS.ErrnoException });
    }
  });

async function defaultFileExists(hostPath: string): Promise<boolean> {
  try {
    return (await fsp.stat(hostPath)).isFile();
  } catch {
    return false;
  }
}
