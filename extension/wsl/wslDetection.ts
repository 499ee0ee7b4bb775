/**
 * Is WSL 2 usable, which distribution, and what does that distribution look like inside?
 * Pure apart from the injected `exec`, which runs `wsl.exe` (the real one in production, a fake
 * in tests, a table of canned outputs in unit tests).
 *
 * `wsl.exe` is run and its output decoded through wslExec.ts; the probe inside a distribution is
 * in wslProbe.ts.
 *
 * Calls, in order:
 *   1. `wsl.exe --list --verbose`: every distribution with its state and WSL version, `*` marking
 *      the default. Fails with a readable message when WSL or any distribution is missing.
 *   2. only when 1 fails: `wsl.exe --status`, whose text explains why (optional component not
 *      installed, virtualization disabled...).
 *   3. only when 1 prints no table (a WSL too old to know `--verbose`, hence WSL 1 only):
 *      `wsl.exe --list --quiet`, names only, default first.
 *   4. `wsl.exe -d <distro> --exec /bin/sh -lc <probe>`: arch, home, login PATH, `codex` on that
 *      PATH, the mount root, where `~/.codex` really lives (wslProbe.ts).
 */
import { l10n } from "../l10n";
import { joinOutput, safeExec, type WslExec, type WslExecResult } from "./wslExec";

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
