/**
 * The `wsl.exe` command line and environment that run `codex app-server` inside WSL 2.
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
import * as path from "node:path";

import { CLI_EXECUTABLE_SETTING } from "../appServer/binaryResolver";
import { childEnvironment, wslForwardedNames } from "../appServer/childEnvironment";
import type { LaunchSpec } from "../appServer/launch";
import { l10n } from "../l10n";
import { isLinuxAbsolutePath, normalizeMountRoot } from "./wslPaths";

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
    throw new Error(l10n.t('"{0}" is not a valid WSL distribution name.', input.distro));
  }
  if (!isLinuxAbsolutePath(input.codexPath) || input.codexPath.includes('"')) {
    throw new Error(
      l10n.t('Cannot run "{0}" inside WSL: not an absolute Linux path.', input.codexPath),
    );
  }
  let codexHome: string | undefined;
  if (input.linuxCodexHome !== undefined) {
    if (!isLinuxAbsolutePath(input.linuxCodexHome)) {
      throw new Error(
        l10n.t('CODEX_HOME for WSL must be a Linux path, got "{0}".', input.linuxCodexHome),
      );
    }
    if (onWindowsDrive(input.linuxCodexHome, input.mountRoot)) {
      throw new Error(
        l10n.t(
          "CODEX_HOME for WSL must not be on a Windows drive ({0}): codex's SQLite state is corrupted when shared over /mnt (openai/codex#24348).",
          input.linuxCodexHome,
        ),
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
