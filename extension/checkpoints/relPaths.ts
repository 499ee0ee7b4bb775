/**
 * Relative workspace paths (`a/b/c`, "" the root) against folders: inside one, below one of a
 * sorted list, named by an event, under a folder the walk did not enter.
 */
import type { StatRecord } from "./treeWalk";

/** `rel` is `folder` or lies below it. */
export function isInside(rel: string, folder: string): boolean {
  return rel === folder || rel.startsWith(`${folder}/`);
}

/** Some earlier folder of the sorted list contains folders[i]. */
export function isBelow(rel: string, sorted: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) if (isInside(rel, sorted[j]!)) return true;
  return false;
}

/** `rel` or a folder above it was named by an event. */
export function coveredBy(rel: string, named: ReadonlySet<string>): boolean {
  if (named.has("")) return true;
  for (let at = rel.length; at > 0; at = rel.lastIndexOf("/", at - 1)) {
    if (named.has(rel.slice(0, at))) return true;
  }
  return false;
}

/** Below a skipped or unreadable folder (the walk did not look inside). */
export function isUnder(
  rel: string,
  skipped: ReadonlyMap<string, StatRecord>,
  unreadable: readonly string[],
): boolean {
  for (let at = rel.indexOf("/"); at >= 0; at = rel.indexOf("/", at + 1)) {
    const prefix = rel.slice(0, at);
    if (skipped.has(prefix) || unreadable.includes(prefix)) return true;
  }
  return false;
}
