/**
 * Which codex releases this extension supports, and how to read the version of the one running.
 * The extension runs whatever codex the user has (PATH or `chatgpt.cliExecutable`), so it reads
 * the version from `initialize`'s user agent and tells the user when it is older than the range.
 * CI runs the protocol and e2e suites against the pinned release and the newest one (codex-next).
 */

/** The supported range: the oldest release known to work, and the newest one CI tested. */
export const SUPPORTED_CODEX = { oldest: "0.160.0", newestTested: "0.171.0" } as const;

/** The command that installs or upgrades codex (npm's global install of @openai/codex). */
export const CODEX_UPGRADE_COMMAND = "npm i -g @openai/codex@latest";

export type CodexVersion = readonly [major: number, minor: number, patch: number];

/** `0.169.0` (or `0.171.0-alpha.1`: the pre-release tag is ignored) as numbers. */
export function parseVersion(text: string): CodexVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/**
 * The codex version in `initialize`'s user agent, `<originator>/<version> (<os>; <arch>) ...`
 * (e.g. `codex_vscode_oss/0.169.0 (Debian 12.0.0; x86_64) ...`), or in `codex --version`
 * (`codex-cli 0.169.0`).
 */
export function codexVersionOf(userAgentOrVersion: string): string | undefined {
  const match = /^\s*[^\s/]+[/ ]v?(\d+\.\d+\.\d+(?:-[\w.]+)?)/.exec(userAgentOrVersion);
  return match?.[1];
}

export function compareVersions(a: CodexVersion, b: CodexVersion): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export type CodexSupport =
  /** Inside the supported range. */
  | "supported"
  /** Older than the oldest supported release: it may lack methods the extension uses. */
  | "tooOld"
  /** Newer than the newest release CI tested: expected to work. */
  | "newer"
  /** No version could be read (a wrapper script, a custom build). */
  | "unknown";

export function codexSupport(version: string | undefined): CodexSupport {
  const parsed = version === undefined ? undefined : parseVersion(version);
  if (!parsed) return "unknown";
  if (compareVersions(parsed, parseVersion(SUPPORTED_CODEX.oldest)!) < 0) return "tooOld";
  if (compareVersions(parsed, parseVersion(SUPPORTED_CODEX.newestTested)!) > 0) return "newer";
  return "supported";
}
