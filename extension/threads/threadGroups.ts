/**
 * Groups threads (newest first) for the Threads tree: Today, This week (the last seven days),
 * Older, by their `updatedAt` (seconds) against the local calendar day.
 */
export type ThreadGroup = "today" | "thisWeek" | "older";

export const THREAD_GROUPS: readonly ThreadGroup[] = ["today", "thisWeek", "older"];

export function threadGroupOf(updatedAtSeconds: number, nowMs: number): ThreadGroup {
  const startOfToday = new Date(nowMs);
  startOfToday.setHours(0, 0, 0, 0);
  const updatedMs = updatedAtSeconds * 1000;
  if (updatedMs >= startOfToday.getTime()) return "today";
  const weekAgo = new Date(startOfToday);
  weekAgo.setDate(weekAgo.getDate() - 6);
  return updatedMs >= weekAgo.getTime() ? "thisWeek" : "older";
}

/** The threads in each non-empty group, in the groups' order, each keeping the input order. */
export function groupThreads<T extends { updatedAt: number }>(
  threads: readonly T[],
  nowMs: number,
): { group: ThreadGroup; threads: T[] }[] {
  const byGroup = new Map<ThreadGroup, T[]>();
  for (const thread of threads) {
    const group = threadGroupOf(thread.updatedAt, nowMs);
    byGroup.set(group, [...(byGroup.get(group) ?? []), thread]);
  }
  return THREAD_GROUPS.filter((group) => byGroup.has(group)).map((group) => ({
    group,
    threads: byGroup.get(group) ?? [],
  }));
}
