/**
 * What to spawn for the app-server. The supervisor only sees a LaunchSpec, so the native launch
 * here and a WSL launch (`wsl.exe ... codex app-server`) are interchangeable.
 */
import type { ResolvedCodexBinary } from "./binaryResolver";

export interface LaunchSpec {
  /** The executable, spawned directly (never through a shell). */
  command: string;
  args: string[];
  /** The complete environment of the child (already filtered; see childEnvironment.ts). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** One line for logs and error messages, e.g. `codex app-server (/usr/bin/codex, from PATH)`. */
  describe: string;
}

/** Produces a fresh LaunchSpec for each (re)start, so a changed setting takes effect on restart. */
export type LaunchSpecFactory = () => Promise<LaunchSpec>;

const SOURCE_LABELS: Record<ResolvedCodexBinary["source"], string> = {
  setting: "from chatgpt.cliExecutable",
  bundled: "bundled with the extension",
  path: "from PATH",
};

/** `codex app-server` run directly from the resolved binary. */
export function nativeLaunchSpec(
  binary: ResolvedCodexBinary | string,
  env: NodeJS.ProcessEnv,
  cwd?: string,
): LaunchSpec {
  const resolved = typeof binary === "string" ? undefined : binary;
  const command = typeof binary === "string" ? binary : binary.path;
  const origin = resolved ? `, ${SOURCE_LABELS[resolved.source]}` : "";
  return {
    command,
    args: ["app-server"],
    env,
    ...(cwd === undefined ? {} : { cwd }),
    describe: `codex app-server (${command}${origin})`,
  };
}
