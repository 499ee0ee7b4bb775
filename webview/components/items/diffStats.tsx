import type { TurnView } from "../../../protocol/webview/viewModel";

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

/**
 * What a turn changed: its aggregated diff while codex streams it, else (a resumed thread has no
 * `turn/diff/updated`) the sum of its applied file changes. Null when it changed nothing.
 */
export function turnChangeStats(turn: TurnView): DiffStats | null {
  let stats: DiffStats = { added: 0, removed: 0 };
  if (turn.diff && turn.diff.trim() !== "") stats = diffStats(turn.diff);
  else {
    for (const item of turn.items) {
      if (item.type !== "fileChange" || item.status !== "completed") continue;
      for (const change of item.changes) {
        const kind = (change.kind as { type?: string } | null)?.type;
        const counted = diffStats(
          change.diff,
          kind === "add" || kind === "delete" ? kind : "update",
        );
        stats = { added: stats.added + counted.added, removed: stats.removed + counted.removed };
      }
    }
  }
  return stats.added > 0 || stats.removed > 0 ? stats : null;
}

export function DiffCounts({ stats }: { stats: DiffStats }) {
  return (
    <span class="diff-counts">
      <span class="diff-added">+{stats.added}</span>{" "}
      <span class="diff-removed">−{stats.removed}</span>
    </span>
  );
}
