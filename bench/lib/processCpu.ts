/**
 * CPU time (user + system, from /proc) of this process's descendants, summed by group, so a
 * metric can say who kept the cores busy during a timed stretch. Linux only; elsewhere empty.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/** A process's command line (arguments joined by spaces), and its parent's. */
export type Classify = (cmdline: string, parentCmdline: string) => string | undefined;

/** ms of CPU per group name; `classify` names a process's group (or skips it). */
export function cpuByGroup(classify: Classify): Map<string, number> {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return new Map();
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
      // utime and stime are fields 14 and 15 of stat; fields[] starts at field 3.
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  const cmdline = (pid: number | undefined): string => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
      return "";
    }
  };
  const groups = new Map<string, number>();
  for (const pid of mine) {
    const group = classify(cmdline(pid), cmdline(parents.get(pid)));
    if (group) groups.set(group, (groups.get(group) ?? 0) + (ticks.get(pid) ?? 0) * TICK_MS);
  }
  return groups;
}

/** `after - before` per group. */
export function cpuSpent(before: Map<string, number>, after: Map<string, number>) {
  const spent = new Map<string, number>();
  for (const [group, ms] of after) spent.set(group, ms - (before.get(group) ?? 0));
  return spent;
}
