/**
 * What a WSL distribution looks like inside: arch, home, the login shell's PATH, `codex` on that
 * PATH, the mount root of Windows drives, and where `~/.codex` really lives.
 */
import { l10n } from "../l10n";
import type { DetectWslOptions } from "./wslDetection";
import { decodeWslOutput, joinOutput, safeExec } from "./wslExec";

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
