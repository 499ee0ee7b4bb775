/** Line counts from a unified diff (or, for added/deleted files, raw content). */
export interface DiffStats {
  added: number;
  removed: number;
}

export function diffStats(diff: string, kind?: "add" | "delete" | "update"): DiffStats {
  if (!diff) return { added: 0, removed: 0 };
  const lines = diff.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const isUnified = lines.some((line) => line.startsWith("@@"));
  if (!isUnified) {
    // codex sends the whole file content for adds and deletes
    if (kind === "add") return { added: lines.length, removed: 0 };
    if (kind === "delete") return { added: 0, removed: lines.length };
  }
  let added = 0;
  let removed = 0;
  let inHunk = false;
  for (const line of lines) {
    if (line.startsWith("@@")) {
      inHunk = true;
      continue;
    }
    if (line.startsWith("diff --git")) {
      inHunk = false;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith("+")) added++;
    else if (line.startsWith("-")) removed++;
  }
  return { added, removed };
}

export function DiffCounts({ stats }: { stats: DiffStats }) {
  return (
    <span class="diff-counts">
      <span class="diff-added">+{stats.added}</span>{" "}
      <span class="diff-removed">−{stats.removed}</span>
    </span>
  );
}
