/**
 * The two sides of a Codex file change for a diff editor, from the change, whether it was applied,
 * and the file as it is on disk now. Before approval (or when declined or failed) the file on disk
 * is the "before" and the proposal the "after"; once applied, the disk is the "after" and the
 * "before" is reconstructed by undoing the diff. Pure: the editor glue reads and opens.
 */
import type { FileUpdateChange } from "../../protocol/codex/v2/FileUpdateChange";
import type { PatchApplyStatus } from "../../protocol/codex/v2/PatchApplyStatus";
import { forwardApply, originalText } from "../bridge/unifiedDiff";

export interface ChangeSides {
  /** The path the change is about (after a move: the new path). */
  path: string;
  /** Text before the change; "" for a file that did not exist. */
  before: string;
  /**
   * Text after the change ("" for a deleted file), or `disk` when the file on disk is the after
   * side (an applied change: the user may keep editing it in the diff editor).
   */
  after: string | "disk";
  /** True when the change is a proposal that is not (or no longer) on disk. */
  proposed: boolean;
}

/** Whether a `fileChange` item's changes are on disk. */
export function isApplied(status: PatchApplyStatus): boolean {
  return status === "completed";
}

/**
 * The sides of `change`; `current` is the file's text now (undefined when it does not exist).
 * Null when the change does not fit the file any more (it was edited since).
 */
export function changeSides(
  change: FileUpdateChange,
  status: PatchApplyStatus,
  current: string | undefined,
): ChangeSides | null {
  const kind = change.kind;
  const path = kind.type === "update" && kind.move_path ? kind.move_path : change.path;
  if (isApplied(status)) {
    const before = originalText(change, current);
    if (before === null) return null;
    return { path, before, after: kind.type === "delete" ? "" : "disk", proposed: false };
  }
  switch (kind.type) {
    case "add":
      return { path, before: current ?? "", after: change.diff, proposed: true };
    case "delete":
      return { path, before: current ?? change.diff, after: "", proposed: true };
    case "update": {
      if (current === undefined) return null;
      const after = forwardApply(current, change.diff);
      return after === null ? null : { path, before: current, after, proposed: true };
    }
  }
}

/** One file of a turn's review: its text before the turn, and where its text after it is. */
export interface TurnFileSides {
  /** The file now (after a move: its new path). */
  path: string;
  before: string;
  /** "" for a file the turn deleted; `disk` for the file as it is now. */
  after: string | "disk";
}

/**
 * Every file a turn's applied `fileChange` items touched, with its text before the turn: the
 * changes are undone newest first, starting from the files as they are now. A file whose changes
 * no longer fit (edited since) is left out and named in `unavailable`.
 */
export function turnFileSides(
  applied: readonly FileUpdateChange[],
  read: (path: string) => string | undefined,
): { files: TurnFileSides[]; unavailable: string[] } {
  /** Text at the current point of the walk back, by path (undefined: the file did not exist). */
  const text = new Map<string, string | undefined>();
  /** Where each file that exists after the turn came from (its path before the turn). */
  const origin = new Map<string, string>();
  const textOf = (path: string) => (text.has(path) ? text.get(path) : read(path));
  const unavailable = new Set<string>();
  for (const change of [...applied].reverse()) {
    const kind = change.kind;
    const afterPath = kind.type === "update" && kind.move_path ? kind.move_path : change.path;
    if (!origin.has(afterPath) && ![...origin.values()].includes(afterPath)) {
      origin.set(afterPath, afterPath);
    }
    const before = originalText(change, kind.type === "delete" ? undefined : textOf(afterPath));
    if (before === null) {
      unavailable.add(afterPath);
      continue;
    }
    if (afterPath !== change.path) {
      text.set(afterPath, undefined);
      for (const [final, from] of origin) if (from === afterPath) origin.set(final, change.path);
    }
    text.set(change.path, kind.type === "add" ? undefined : before);
  }
  const files: TurnFileSides[] = [];
  for (const [final, from] of origin) {
    if (unavailable.has(final)) continue;
    const existsNow = read(final) !== undefined;
    files.push({ path: final, before: text.get(from) ?? "", after: existsNow ? "disk" : "" });
  }
  // In the order the turn first touched them.
  const first = (path: string) =>
    applied.findIndex(
      (change) =>
        change.path === path || (change.kind.type === "update" && change.kind.move_path === path),
    );
  files.sort((a, b) => first(a.path) - first(b.path));
  return { files, unavailable: [...unavailable] };
}
