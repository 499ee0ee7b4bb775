/** Helpers for tests running inside the extension host (Linux /proc, condition polling). */
import { readFileSync, readdirSync } from "node:fs";

export const EXTENSION_ID = "codex-oss.codex-vscode";

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${String(lastError)})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string[];
  env: Record<string, string>;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const env: Record<string, string> = {};
    for (const entry of readFileSync(`/proc/${pid}/environ`, "utf8").split("\0")) {
      const eq = entry.indexOf("=");
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return { pid, ppid, cmdline, env };
  } catch {
    return undefined; // gone, or a zombie without environ
  }
}

/** Every live descendant of `root` (default: this extension host). */
export function descendants(root = process.pid): ProcInfo[] {
  const all: ProcInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProc(Number(name));
    if (info && info.cmdline.length > 0) all.push(info);
  }
  const out: ProcInfo[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const parent = stack.pop();
    for (const child of all.filter((p) => p.ppid === parent)) {
      out.push(child);
      stack.push(child.pid);
    }
  }
  return out;
}

/** The `codex app-server` processes started by this extension host. */
export function codexAppServers(): ProcInfo[] {
  return descendants().filter(
    (p) => /(^|\/)codex(\.exe)?$/.test(p.cmdline[0] ?? "") && p.cmdline.includes("app-server"),
  );
}
