/**
 * Finds the `codex` executable to run as the app-server, in a fixed order:
 *   1. the `chatgpt.cliExecutable` setting (an advanced override: if set, it must work),
 *   2. a binary bundled in the extension at `bin/<platform>-<arch>/codex[.exe]`,
 *   3. `codex` on PATH (searched here, honouring PATHEXT on Windows; no shell is spawned).
 *
 * Everything platform-specific is injected so Windows behaviour is unit-tested on Linux.
 */
import { constants as fsConstants, promises as fsp } from "node:fs";
import * as path from "node:path";

import { SETTINGS } from "../config/settings";
import { l10n } from "../l10n";

export const CLI_EXECUTABLE_SETTING = SETTINGS.cliExecutable.key;
export const CODEX_INSTALL_COMMAND = "npm i -g @openai/codex";

export type CodexBinarySource = "setting" | "bundled" | "path";

export interface ResolvedCodexBinary {
  path: string;
  source: CodexBinarySource;
}

export interface BinaryResolverHost {
  /** True when `file` exists, is a regular file and (on POSIX) is executable. */
  isExecutable(file: string): boolean | Promise<boolean>;
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
}

export interface ResolveCodexBinaryInput {
  /** The raw `chatgpt.cliExecutable` value; empty or whitespace means "not set". */
  settingValue?: string;
  /** The extension's install folder (holds `bin/<platform>-<arch>/` when bundled). */
  extensionPath?: string;
  /**
   * `vscode.env.remoteName` when the window is remote: codex is then looked for on the remote
   * machine and the setting is read from the Remote settings, which the message says.
   */
  remoteName?: string;
}

export type CodexNotFoundReason = "settingInvalid" | "notFound";

/** The executable could not be found; the message says how to fix it. */
export class CodexNotFoundError extends Error {
  override readonly name = "CodexNotFoundError";
  constructor(
    message: string,
    readonly reason: CodexNotFoundReason,
    /** Every candidate path that was checked, in order (for the log). */
    readonly searched: readonly string[],
  ) {
    super(message);
  }
}

/** VS Code platform-target names (`linux-x64`, `darwin-arm64`, `win32-x64`, ...). */
export function platformTarget(platform: NodeJS.Platform, arch: string): string {
  return `${platform}-${arch}`;
}

const NPM_TARGET_TRIPLES: Record<string, string> = {
  "win32-x64": "x86_64-pc-windows-msvc",
  "win32-arm64": "aarch64-pc-windows-msvc",
};

export async function resolveCodexBinary(
  input: ResolveCodexBinaryInput,
  host: BinaryResolverHost = nodeResolverHost(),
): Promise<ResolvedCodexBinary> {
  const p = pathFor(host.platform);
  const searched: string[] = [];
  const check = async (file: string): Promise<boolean> => {
    searched.push(file);
    return await host.isExecutable(file);
  };

  const setting = input.settingValue?.trim();
  if (setting) {
    const found = await resolveSetting(setting, host, check);
    if (found) return { path: found, source: "setting" };
    throw new CodexNotFoundError(
      l10n.t(
        'The {0} setting is "{1}", but no executable file is there. Fix the path, or clear the setting to use the bundled codex or the one on PATH.',
        CLI_EXECUTABLE_SETTING,
        setting,
      ),
      "settingInvalid",
      searched,
    );
  }

  if (input.extensionPath) {
    const bundled = p.join(
      input.extensionPath,
      "bin",
      platformTarget(host.platform, host.arch),
      exeName("codex", host.platform),
    );
    if (await check(bundled)) return { path: bundled, source: "bundled" };
  }

  const onPath = await searchPath("codex", host, check);
  if (onPath) return { path: onPath, source: "path" };

  throw new CodexNotFoundError(
    input.remoteName
      ? l10n.t(
          "Could not find the codex executable on the remote machine ({0}). Install it there with `{1}` (package @openai/codex), or set {2} in the Remote settings to its full path.",
          input.remoteName,
          CODEX_INSTALL_COMMAND,
          CLI_EXECUTABLE_SETTING,
        )
      : l10n.t(
          "Could not find the codex executable. Install it with `{0}` (package @openai/codex), or set {1} to its full path.",
          CODEX_INSTALL_COMMAND,
          CLI_EXECUTABLE_SETTING,
        ),
    "notFound",
    searched,
  );
}

/** `name` (e.g. `npm`) on the PATH of this machine, or undefined; no shell is spawned. */
export async function findOnPath(
  name: string,
  host: BinaryResolverHost = nodeResolverHost(),
): Promise<string | undefined> {
  return searchPath(name, host, async (file) => await host.isExecutable(file));
}

async function resolveSetting(
  value: string,
  host: BinaryResolverHost,
  check: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  const p = pathFor(host.platform);
  const home = envGet(host.env, host.platform === "win32" ? "USERPROFILE" : "HOME", host.platform);
  const expanded = home && /^~(?=$|[\\/])/.test(value) ? home + value.slice(1) : value;
  // A bare name ("codex-beta") is looked up on PATH; anything else must be an absolute path,
  // because a relative one would depend on the extension host's cwd.
  if (!/[\\/]/.test(expanded)) return searchPath(expanded, host, check);
  if (!p.isAbsolute(expanded)) return undefined;
  for (const candidate of withExtensions(expanded, host)) {
    if (await check(candidate)) return spawnableOnWindows(candidate, host, check);
  }
  return undefined;
}

/** Looks `name` up in PATH the way a shell would, without running one. */
async function searchPath(
  name: string,
  host: BinaryResolverHost,
  check: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  const p = pathFor(host.platform);
  const delimiter = host.platform === "win32" ? ";" : ":";
  const dirs = (envGet(host.env, "PATH", host.platform) ?? "")
    .split(delimiter)
    .map((d) => d.trim().replace(/^"(.*)"$/, "$1"))
    // An empty entry means the cwd in POSIX shells; never resolve through the cwd.
    .filter((d) => d !== "" && p.isAbsolute(d));
  for (const dir of dirs) {
    for (const candidate of withExtensions(p.join(dir, name), host)) {
      if (!(await check(candidate))) continue;
      const spawnable = await spawnableOnWindows(candidate, host, check);
      if (spawnable) return spawnable;
    }
  }
  return undefined;
}

/** On Windows, a name without an extension is tried with each PATHEXT extension. */
function withExtensions(file: string, host: BinaryResolverHost): string[] {
  if (host.platform !== "win32") return [file];
  const exts = (envGet(host.env, "PATHEXT", host.platform) ?? ".COM;.EXE;.BAT;.CMD")
    .split(";")
    .map((e) => e.trim())
    .filter((e) => e.startsWith("."));
  const hasExt = exts.some((e) => file.toLowerCase().endsWith(e.toLowerCase()));
  return hasExt ? [file] : exts.map((e) => file + e.toLowerCase());
}

/**
 * Node refuses to spawn `.cmd`/`.bat` files without a shell (CVE-2024-27980), and npm installs
 * codex on Windows as a `codex.cmd` shim. Map such a shim to the native `codex.exe` the npm
 * package ships; a shim we cannot map is skipped rather than returned unspawnable.
 */
async function spawnableOnWindows(
  file: string,
  host: BinaryResolverHost,
  check: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  if (host.platform !== "win32" || !/\.(cmd|bat)$/i.test(file)) return file;
  const p = path.win32;
  const target = platformTarget(host.platform, host.arch);
  const triple = NPM_TARGET_TRIPLES[target];
  if (!triple) return undefined;
  const scope = p.join(p.dirname(file), "node_modules", "@openai");
  const tail = p.join("vendor", triple, "bin", "codex.exe");
  const candidates = [
    p.join(scope, "codex", "node_modules", "@openai", `codex-${target}`, tail),
    p.join(scope, `codex-${target}`, tail),
    p.join(scope, "codex", tail),
  ];
  for (const candidate of candidates) {
    if (await check(candidate)) return candidate;
  }
  return undefined;
}

function exeName(base: string, platform: NodeJS.Platform): string {
  return platform === "win32" ? `${base}.exe` : base;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** Environment lookup; case-insensitive on Windows, where `Path` and `PATH` are one variable. */
function envGet(
  env: NodeJS.ProcessEnv,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (env[name] !== undefined || platform !== "win32") return env[name];
  const upper = name.toUpperCase();
  for (const [key, value] of Object.entries(env)) {
    if (key.toUpperCase() === upper) return value;
  }
  return undefined;
}

/** The real file system and process, for production. */
export function nodeResolverHost(): BinaryResolverHost {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    async isExecutable(file) {
      try {
        const stat = await fsp.stat(file);
        if (!stat.isFile()) return false;
        if (process.platform !== "win32") await fsp.access(file, fsConstants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
