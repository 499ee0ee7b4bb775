/**
 * Ending the app-server together with everything it started (shell commands, MCP servers).
 *
 * POSIX: the child is spawned with `detached: true`, so it leads its own process group and
 * `process.kill(-pid, sig)` reaches the whole group. Descendants in other sessions (codex starts
 * some commands with setsid) are listed before any signal and signalled one by one. We SIGTERM
 * the group and those, give it `graceMs`, then SIGKILL whatever is left.
 * Windows: there are no signals for console programs and no groups we can signal; `taskkill /T
 * /F` walks the tree from the root by parent PID, so it must run while the root is alive.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

import { descendantsOf, readParentTable } from "./processTable";

export interface TerminateOptions {
  /** How long to wait after SIGTERM before SIGKILL. */
  graceMs: number;
  /** For tests; defaults to `process.platform`. */
  platform?: NodeJS.Platform;
}

export interface WindowsKillCommand {
  command: string;
  args: string[];
}

/**
 * `taskkill /PID <pid> /T /F`, by full path when `SystemRoot` is known so a `taskkill.exe` planted
 * on PATH or in the cwd is never the one run.
 */
export function windowsTreeKillCommand(
  pid: number,
  env: NodeJS.ProcessEnv = process.env,
): WindowsKillCommand {
  if (!Number.isInteger(pid) || pid <= 0) throw new RangeError(`invalid pid: ${pid}`);
  const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  const command = systemRoot
    ? path.win32.join(systemRoot, "System32", "taskkill.exe")
    : "taskkill.exe";
  return { command, args: ["/PID", String(pid), "/T", "/F"] };
}

/** True once Node has seen the process exit. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true when the child exits within `ms` (omit to wait as long as it takes). */
export function waitForExit(child: ChildProcess, ms?: number): Promise<boolean> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = (): void => {
      if (timer) clearTimeout(timer);
      resolve(true);
    };
    // No timer for "forever": setTimeout clamps huge delays to 1 ms.
    const timer =
      ms === undefined
        ? undefined
        : setTimeout(() => {
            child.off("exit", onExit);
            resolve(false);
          }, ms);
    child.once("exit", onExit);
  });
}

/**
 * Closes stdin, then terminates the child's whole tree. Resolves once the child has exited.
 * Never throws, also not for a process that is already dead or never started.
 */
export async function terminateProcessTree(
  child: ChildProcess,
  options: TerminateOptions,
): Promise<void> {
  const platform = options.platform ?? process.platform;
  closeStdin(child);
  const pid = child.pid;
  if (pid === undefined) return; // never spawned

  if (platform === "win32") {
    if (!hasExited(child)) {
      await runTaskkill(pid);
      if (!(await waitForExit(child, options.graceMs))) trySignal(child, "SIGKILL");
    }
    await waitForExit(child);
    return;
  }

  // Listed while the leader lives: once it is gone its orphans are reparented and untraceable.
  const descendants = hasExited(child) ? [] : descendantsOf(pid, readParentTable(platform));
  if (!hasExited(child)) {
    if (!signalGroup(pid, "SIGTERM")) trySignal(child, "SIGTERM");
    signalEach(descendants, "SIGTERM");
    if (!(await waitForExit(child, options.graceMs))) {
      if (!signalGroup(pid, "SIGKILL")) trySignal(child, "SIGKILL");
      await waitForExit(child);
    }
  }
  // Sweep what outlived the leader (e.g. a grandchild that ignored SIGTERM, or in its own session).
  signalGroup(pid, "SIGKILL");
  signalEach(descendants, "SIGKILL");
}

function signalEach(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already, or not ours
    }
  }
}

/**
 * Synchronous, best-effort kill of the whole tree, for `process.on("exit")` where nothing async
 * runs. On Windows, taskkill is started detached so it finishes after we are gone.
 */
export function killProcessTreeNow(
  child: ChildProcess,
  platform: NodeJS.Platform = process.platform,
): void {
  closeStdin(child);
  const pid = child.pid;
  if (pid === undefined) return;
  if (platform === "win32") {
    if (hasExited(child)) return;
    try {
      const { command, args } = windowsTreeKillCommand(pid);
      spawn(command, args, { detached: true, stdio: "ignore", windowsHide: true }).unref();
    } catch {
      trySignal(child, "SIGKILL");
    }
    return;
  }
  const descendants = hasExited(child) ? [] : descendantsOf(pid, readParentTable(platform));
  if (!signalGroup(pid, "SIGKILL")) trySignal(child, "SIGKILL");
  signalEach(descendants, "SIGKILL");
}

/** Sends `signal` to the process group led by `pid`; false when there is no such group. */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH (gone) or EPERM: nothing more we can do through the group
  }
}

function trySignal(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

function closeStdin(child: ChildProcess): void {
  try {
    child.stdin?.end();
  } catch {
    // a stdin that already errored is as closed as it gets
  }
}

function runTaskkill(pid: number): Promise<void> {
  return new Promise((resolve) => {
    try {
      const { command, args } = windowsTreeKillCommand(pid);
      const killer = spawn(command, args, { stdio: "ignore", windowsHide: true });
      killer.once("error", () => resolve());
      killer.once("exit", () => resolve());
    } catch {
      resolve();
    }
  });
}
