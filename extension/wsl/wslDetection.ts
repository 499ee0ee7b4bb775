/**
 * Is WSL 2 usable, which distribution, and what does that distribution look like inside?
 * Pure apart from the injected `exec`, which runs `wsl.exe` (the real one in production, a fake
 * in tests, a table of canned outputs in unit tests).
 *
 * `wsl.exe`'s own messages (`--list`, `--status`, errors) are UTF-16LE, sometimes with a BOM,
 * unless `WSL_UTF8=1` is set; what a Linux process prints through it is passed through as is
 * (UTF-8). `decodeWslOutput` accepts both.
 *
 * Calls, in order:
 *   1. `wsl.exe --list --verbose`: every distribution with its state and WSL version, `*` marking
 *      the default. Fails with a readable message when WSL or any distribution is missing.
 *   2. only when 1 fails: `wsl.exe --status`, whose text explains why (optional component not
 *      installed, virtualization disabled...).
 *   3. only when 1 prints no table (a WSL too old to know `--verbose`, hence WSL 1 only):
 *      `wsl.exe --list --quiet`, names only, default first.
 *   4. `wsl.exe -d <distro> --exec /bin/sh -lc <probe>`: arch, home, login PATH, `codex` on that
 *      PATH, the mount root, where `~/.codex` really lives. See {@link PROBE_SCRIPT}.
 */
import * as path from "node:path";

import { l10n } from "../l10n";

export interface WslExecResult {
  /** Null when the process could not be started or was killed. */
  exitCode: number | null;
  stdout: Buffer | string;
  stderr: Buffer | string;
  /** Set when the process could not be started (`ENOENT`: no `wsl.exe`) or timed out. */
  error?: NodeJS.ErrnoException;
}

export interface WslExecOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs a program without a shell and collects its output. Never rejects. */
export type WslExec = (
  command: string,
  args: readonly string[],
  options?: WslExecOptions,
) => Promise<WslExecResult>;

export interface WslDistro {
  name: string;
  /** `Running`, `Stopped`, `Installing`, ... as printed. */
  state: string;
  /** 1 or 2. */
  version: number;
  isDefault: boolean;
}

export type WslUnavailableReason =
  | "wslMissing"
  | "notInstalled"
  | "noDistributions"
  | "virtualizationDisabled"
  | "distroNotFound"
  | "error";

export type WslDetection =
  | { status: "ready"; distro: WslDistro; distros: WslDistro[] }
  | { status: "wsl1"; distro: WslDistro; distros: WslDistro[]; message: string }
  | { status: "unavailable"; reason: WslUnavailableReason; message: string; details?: string };

/** Codex's app-server needs WSL 2 (0.115 and later do not run under WSL 1). */
function wsl1Unsupported(distro: string): string {
  return l10n.t(
    'The WSL distribution "{0}" runs WSL 1. Codex 0.115 and later need WSL 2; WSL 1 is not supported. Convert the distribution with `wsl.exe --set-version {0} 2`, or pick a WSL 2 distribution in the chatgpt.wslDistribution setting.',
    distro,
  );
}

// -------------------------------------------------------------------------------------------------
// Decoding and parsing (pure)

/**
 * Text of a `wsl.exe` output stream: UTF-16LE (with or without BOM) or UTF-8, without BOMs,
 * NULs and carriage returns (`wsl.exe` writes `\r\n`, sometimes `\r\r\n`).
 */
export function decodeWslOutput(data: Buffer | string): string {
  let text: string;
  if (typeof data === "string") {
    text = data;
  } else if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
    text = data.subarray(2).toString("utf16le");
  } else if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    text = data.subarray(3).toString("utf8");
  } else if (looksLikeUtf16le(data)) {
    text = data.toString("utf16le");
  } else {
    text = data.toString("utf8");
  }
  return text
    .split("\u0000")
    .join("")
    .replace(/\uFEFF/g, "")
    .replace(/\r+\n/g, "\n")
    .replace(/\r/g, "\n");
}

/** ASCII-heavy UTF-16LE has a NUL in most odd bytes; UTF-8 text has none. */
function looksLikeUtf16le(data: Buffer): boolean {
  if (data.length < 2) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  const pairs = Math.floor(data.length / 2);
  for (let i = 0; i + 1 < data.length; i += 2) {
    if (data[i + 1] === 0) oddNuls++;
    if (data[i] === 0) evenNuls++;
  }
  return oddNuls >= pairs / 3 && oddNuls > evenNuls;
}

/** Rows of `wsl.exe --list --verbose`; empty when there is no `NAME STATE VERSION` table. */
export function parseWslListVerbose(text: string): WslDistro[] {
  const lines = text.split("\n");
  const header = lines.findIndex((line) => /\bNAME\s+STATE\s+VERSION\b/i.test(line));
  if (header < 0) return [];
  const distros: WslDistro[] = [];
  for (const line of lines.slice(header + 1)) {
    const match = /^\s*(\*)?\s*(\S+)\s+(\S+)\s+(\d+)\s*$/.exec(line);
    if (!match) continue;
    distros.push({
      name: match[2]!,
      state: match[3]!,
      version: Number(match[4]),
      isDefault: match[1] === "*",
    });
  }
  return distros;
}

/** Names from `wsl.exe --list --quiet`, the default first (as wsl.exe sorts them). */
export function parseWslListQuiet(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/\s/.test(line));
}

/** `Default Distribution:` and `Default Version:` from `wsl.exe --status` (English output only). */
export function parseWslStatus(text: string): { defaultDistro?: string; defaultVersion?: number } {
  const distro = /Default Distribution:\s*(\S+)/i.exec(text)?.[1];
  const version = /Default Version:\s*(\d+)/i.exec(text)?.[1];
  return {
    ...(distro ? { defaultDistro: distro } : {}),
    ...(version ? { defaultVersion: Number(version) } : {}),
  };
}

/** Why `wsl.exe` refused, from its message (English, plus the error codes it prints in any language). */
export function classifyWslFailure(text: string): Exclude<WslUnavailableReason, "distroNotFound"> {
  if (/no installed distributions|WSL_E_DEFAULT_DISTRO_NOT_FOUND/i.test(text)) {
    return "noDistributions";
  }
  if (/virtuali[sz]ation|Virtual Machine Platform|HCS_E_HYPERV_NOT_INSTALLED/i.test(text)) {
    return "virtualizationDisabled";
  }
  if (
    /not installed|optional component|WSL_E_WSL_OPTIONAL_COMPONENT_REQUIRED|REGDB_E_CLASSNOTREG/i.test(
      text,
    )
  ) {
    return "notInstalled";
  }
  return "error";
}

/** Translated when needed, in the interface language of that moment. */
const UNAVAILABLE_MESSAGES: Record<WslUnavailableReason, () => string> = {
  wslMissing: () =>
    l10n.t("wsl.exe was not found, so the Windows Subsystem for Linux is not installed."),
  notInstalled: () =>
    l10n.t(
      "The Windows Subsystem for Linux is not installed (install it with `wsl.exe --install`).",
    ),
  noDistributions: () =>
    l10n.t(
      "WSL has no Linux distribution installed (install one with `wsl.exe --install Ubuntu`).",
    ),
  virtualizationDisabled: () =>
    l10n.t(
      "WSL 2 cannot start because virtualization or the Virtual Machine Platform component is off.",
    ),
  distroNotFound: () => l10n.t("The WSL distribution was not found."),
  error: () => l10n.t("wsl.exe failed."),
};

// -------------------------------------------------------------------------------------------------
// Detection

export interface DetectWslOptions {
  exec: WslExec;
  /** Path of `wsl.exe`. */
  wslCommand: string;
  /** The `chatgpt.wslDistribution` setting; empty means the default distribution. */
  distro?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Whether WSL 2 can run the app-server, and in which distribution. Never throws. */
export async function detectWsl(options: DetectWslOptions): Promise<WslDetection> {
  const run = (args: string[]): Promise<WslExecResult> =>
    safeExec(options, args, options.timeoutMs ?? 20_000);

  const list = await run(["--list", "--verbose"]);
  if (list.error?.code === "ENOENT") {
    return unavailable("wslMissing", `${options.wslCommand} does not exist.`);
  }
  const listText = joinOutput(list);
  let distros = parseWslListVerbose(listText);

  if (distros.length === 0) {
    if (list.exitCode === 0 && !list.error && !/\bNAME\b/.test(listText)) {
      // No table although wsl.exe succeeded: a WSL that predates `--verbose`, i.e. before WSL 2.
      const quiet = await run(["--list", "--quiet"]);
      const names = parseWslListQuiet(joinOutput(quiet));
      if (quiet.exitCode === 0 && names.length > 0) {
        distros = names.map((name, i) => ({
          name,
          state: "Unknown",
          version: 1,
          isDefault: i === 0,
        }));
      }
    }
    if (distros.length === 0) {
      const status = await run(["--status"]);
      const details = [listText, joinOutput(status)].map((t) => t.trim()).filter(Boolean);
      const text = details.join("\n");
      const reason = list.error ? "error" : classifyWslFailure(text);
      return unavailable(
        reason,
        text || (list.error ? list.error.message : `exit code ${list.exitCode}`),
      );
    }
  }

  const wanted = options.distro?.trim();
  const distro = wanted
    ? distros.find((d) => d.name.toLowerCase() === wanted.toLowerCase())
    : (distros.find((d) => d.isDefault) ?? distros[0]);
  if (!distro) {
    return {
      status: "unavailable",
      reason: "distroNotFound",
      message: l10n.t(
        'There is no WSL distribution named "{0}" (chatgpt.wslDistribution). Installed: {1}.',
        wanted ?? "",
        distros.map((d) => d.name).join(", "),
      ),
    };
  }
  if (distro.version < 2) {
    return {
      status: "wsl1",
      distro,
      distros,
      message: wsl1Unsupported(distro.name),
    };
  }
  return { status: "ready", distro, distros };
}

function unavailable(reason: WslUnavailableReason, details: string): WslDetection {
  return { status: "unavailable", reason, message: UNAVAILABLE_MESSAGES[reason](), details };
}

// -------------------------------------------------------------------------------------------------
// Probe inside the distribution

/**
 * Runs in the distribution as `/bin/sh -lc PROBE_SCRIPT sh <setting>`: a login shell, so PATH is
 * the one the user's terminal has (`~/.profile`), with `$1` the Linux `chatgpt.cliExecutable`
 * (or empty). Output is `__codex_probe_<key>=<value>` lines; anything else a profile prints is
 * ignored. `wslpath -u 'C:\'` yields the drive mount root (`/mnt/c/` by default).
 */
export const PROBE_SCRIPT = [
  `printf '__codex_probe_arch=%s\\n' "$(uname -m)"`,
  `printf '__codex_probe_home=%s\\n' "$HOME"`,
  `printf '__codex_probe_path=%s\\n' "$PATH"`,
  `p=$(command -v codex 2>/dev/null) && printf '__codex_probe_codex=%s\\n' "$p"`,
  `m=$(wslpath -u 'C:\\' 2>/dev/null) && printf '__codex_probe_mount=%s\\n' "$m"`,
  `h=$(readlink -f "$HOME/.codex" 2>/dev/null) && printf '__codex_probe_codexhome=%s\\n' "$h"`,
  `if [ -n "$1" ]; then`,
  `  if [ -f "$1" ] && [ -x "$1" ]; then s=ok; else s=missing; fi`,
  `  printf '__codex_probe_setting=%s\\n' "$s"`,
  `fi`,
  `printf '__codex_probe_done=1\\n'`,
].join("\n");

export interface WslProbe {
  /** `uname -m`: `x86_64`, `aarch64`... */
  machine: string;
  /** VS Code's arch name for it (`x64`, `arm64`), if it is one codex ships for. */
  arch: "x64" | "arm64" | undefined;
  home: string;
  /** The login shell's PATH. */
  loginPath: string;
  /** `command -v codex` in the login shell. */
  codexOnPath?: string;
  /** Mount root of Windows drives, e.g. `/mnt/`. */
  mountRoot: string;
  /** Where `~/.codex` resolves (symlinks followed). */
  codexHomeTarget?: string;
  /** Whether `$1` (the Linux cliExecutable) is an executable file; undefined when not asked. */
  settingExecutable?: boolean;
}

export function parseProbeOutput(text: string): WslProbe | undefined {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^__codex_probe_([a-z]+)=(.*)$/.exec(line);
    if (match) values.set(match[1]!, match[2]!);
  }
  if (!values.has("done") || !values.get("arch")) return undefined;
  const machine = values.get("arch")!;
  const mount = values.get("mount");
  // `wslpath -u 'C:\'` → `/mnt/c/`: the root is what precedes the drive letter.
  const mountRoot =
    mount && /^(.*\/)c\/?$/i.test(mount) ? /^(.*\/)c\/?$/i.exec(mount)![1]! : "/mnt/";
  const setting = values.get("setting");
  return {
    machine,
    arch:
      machine === "x86_64" || machine === "amd64"
        ? "x64"
        : /^(aarch64|arm64)$/.test(machine)
          ? "arm64"
          : undefined,
    home: values.get("home") ?? "",
    loginPath: values.get("path") ?? "",
    ...(values.get("codex") ? { codexOnPath: values.get("codex")! } : {}),
    mountRoot,
    ...(values.get("codexhome") ? { codexHomeTarget: values.get("codexhome")! } : {}),
    ...(setting === undefined ? {} : { settingExecutable: setting === "ok" }),
  };
}

export type WslProbeResult = { ok: true; probe: WslProbe } | { ok: false; message: string };

/** Runs {@link PROBE_SCRIPT} in `distro`. `settingPath` is a Linux path to check, if any. */
export async function probeDistro(
  options: Omit<DetectWslOptions, "distro"> & { distro: string; settingPath?: string },
): Promise<WslProbeResult> {
  const args = [
    "-d",
    options.distro,
    "--cd",
    "~",
    "--exec",
    "/bin/sh",
    "-lc",
    PROBE_SCRIPT,
    "sh",
    options.settingPath ?? "",
  ];
  const result = await safeExec(options, args, options.timeoutMs ?? 60_000);
  const probe = parseProbeOutput(decodeWslOutput(result.stdout));
  if (probe) return { ok: true, probe };
  const why = joinOutput(result).trim() || result.error?.message || `exit code ${result.exitCode}`;
  return {
    ok: false,
    message: l10n.t(
      'Could not start a shell in the WSL distribution "{0}": {1}',
      options.distro,
      why,
    ),
  };
}

/** True when `~/.codex` (after symlinks) lives on a Windows drive: SQLite state must not. */
export function codexHomeOnWindowsDrive(probe: WslProbe): boolean {
  const target = probe.codexHomeTarget;
  if (!target) return false;
  const root = probe.mountRoot;
  return target.startsWith(root) && /^[A-Za-z](\/|$)/.test(target.slice(root.length));
}

// -------------------------------------------------------------------------------------------------

async function safeExec(
  options: { exec: WslExec; wslCommand: string; env?: NodeJS.ProcessEnv },
  args: string[],
  timeoutMs: number,
): Promise<WslExecResult> {
  try {
    return await options.exec(options.wslCommand, args, {
      timeoutMs,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (error) {
    return { exitCode: null, stdout: "", stderr: "", error: error as NodeJS.ErrnoException };
  }
}

function joinOutput(result: WslExecResult): string {
  return [decodeWslOutput(result.stdout), decodeWslOutput(result.stderr)]
    .filter((t) => t.trim() !== "")
    .join("\n");
}

/** `%SystemRoot%\System32\wsl.exe`, so a `wsl.exe` planted on PATH or in the cwd is never run. */
export function defaultWslCommand(env: NodeJS.ProcessEnv): string {
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  return systemRoot ? path.win32.join(systemRoot, "System32", "wsl.exe") : "wsl.exe";
}
