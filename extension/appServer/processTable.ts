/**
 * Finds every descendant of a process, whatever its session or group. A process group kill misses
 * children that codex starts in their own session (a login-shell snapshot, escalated commands),
 * and once the leader is dead they are reparented and can no longer be traced; so the tree is
 * listed while the root is still alive, before any signal is sent.
 *
 * Linux reads /proc; macOS and other POSIX systems ask `ps`. Windows is not needed: taskkill /T
 * walks the tree itself.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** A `pid → parent pid` listing of the machine's processes. */
export type ParentTable = ReadonlyMap<number, number>;

/** The ppid from a /proc/<pid>/stat line; the command name may hold spaces and parentheses. */
export function parentFromStat(stat: string): number | undefined {
  const afterName = stat.slice(stat.lastIndexOf(")") + 2);
  const ppid = Number(afterName.split(" ")[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Parses `ps -A -o pid=,ppid=` output. */
export function parsePsTable(output: string): ParentTable {
  const table = new Map<number, number>();
  for (const line of output.split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (Number.isInteger(pid) && Number.isInteger(ppid)) table.set(pid!, ppid!);
  }
  return table;
}

function readProcTable(): ParentTable {
  const table = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const ppid = parentFromStat(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (ppid !== undefined) table.set(pid, ppid);
    } catch {
      // exited while we looked
    }
  }
  return table;
}

export function readParentTable(platform: NodeJS.Platform = process.platform): ParentTable {
  try {
    if (platform === "linux") return readProcTable();
    if (platform === "win32") return new Map();
    return parsePsTable(execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }));
  } catch {
    return new Map(); // the group kill still applies
  }
}

/** Every descendant of `root` in `table`, children before grandchildren. */
export function descendantsOf(root: number, table: ParentTable): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const found: number[] = [];
  const queue = [root];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
