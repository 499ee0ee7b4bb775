/**
 * The data the checkpoint store keeps and hands out. Everything here is plain JSON so a turn's
 * summary can be persisted, posted to the webview and reloaded after a restart.
 * Paths are workspace-relative with "/" separators.
 */

/** What one path held at one moment. */
export type EntryState =
  | {
      type: "file";
      size: number;
      /** Permission bits (mode & 0o7777), so the executable bit is restored too. */
      mode: number;
      /** sha256 of the content, the blob's name; absent when the file exceeded the size cap. */
      hash?: string;
      /** Content not kept: the file was larger than `maxFileBytes`. */
      tooLarge?: true;
      /** Size and mtime, to recognise a too-large file without its content. */
      mtime?: number;
    }
  | { type: "symlink"; target: string }
  | { type: "dir" };

export type ChangeKind = "added" | "modified" | "deleted" | "renamed";

export interface FileChange {
  /** The path after the turn (for a deletion: the deleted path). */
  path: string;
  kind: ChangeKind;
  /** For `renamed`: where the file was before the turn. */
  previousPath?: string;
  /** State before the turn (at `previousPath` for a rename); null when the turn created it. */
  before: EntryState | null;
  /** State after the turn; null when the turn deleted it. */
  after: EntryState | null;
  /** Line counts of the text diff; 0 for binary files and symlinks. */
  added: number;
  removed: number;
  binary: boolean;
  /** Only the permission bits changed (e.g. chmod +x). */
  modeOnly?: boolean;
}

export interface IncompleteReason {
  path: string;
  reason: "too-large" | "skipped-folder-changed" | "unreadable" | "outside-workspace";
}

/** The summary of one turn's effect on the workspace, persisted as the turn's manifest. */
export interface TurnChanges {
  version: 1;
  threadId: string;
  turnId: string;
  /** Store-wide order of turns: later turns have larger numbers. */
  seq: number;
  startedAt: number;
  finishedAt: number;
  files: FileChange[];
  /** Folders the turn created or removed (undo removes/recreates them). */
  directories: { added: string[]; deleted: string[] };
  /** True when something the turn changed was not captured: undo cannot be exact. */
  incomplete: boolean;
  incompleteReasons: IncompleteReason[];
  /** Other turns that ran at the same time: their changes cannot be told apart. */
  overlappedWith: string[];
  /** Set once the turn has been undone. */
  undone?: { at: number; results: UndoFileResult[] };
}

export type UndoOutcome =
  /** Back to the state before the turn. */
  | "restored"
  /** Already in the state before the turn (nothing to do). */
  | "unchanged"
  /** Changed after the turn by someone else; kept as it is (the default). */
  | "kept-user-edit"
  /** Changed after the turn by someone else, and overwritten on request. */
  | "overwrote-user-edit"
  /** The state before the turn was not captured (see the turn's incompleteReasons). */
  | "not-restorable"
  | "failed";

export interface UserEdit {
  /** How the current state differs from the turn's after-state. */
  kind: "modified" | "deleted" | "recreated" | "type-changed" | "mode-changed";
  /** Lines the user added/removed relative to the turn's result (text files). */
  added: number;
  removed: number;
  binary: boolean;
}

export interface UndoFileResult {
  path: string;
  outcome: UndoOutcome;
  /** For kept or overwritten user edits: what the user changed after the turn. */
  userEdit?: UserEdit;
  /** For overwritten user edits: blob hash of the overwritten content (still in the store). */
  savedAs?: string;
  error?: string;
}

export interface UndoResult {
  threadId: string;
  turnId: string;
  /** True when every path is back to its state before the turn. */
  complete: boolean;
  files: UndoFileResult[];
}

export interface Limits {
  /** Files above this size are tracked by stat only; a turn changing one is incomplete. */
  maxFileBytes: number;
  /** The walk stops after this many entries; the rest is treated as skipped. */
  maxFiles: number;
  /** Folder names never walked (at any depth). `.git` is always skipped. */
  skipDirNames: readonly string[];
  /** Disk budget of the store; the oldest threads are pruned above it. */
  maxBytes: number;
  /**
   * Watch the tree so a scan re-stats only the changed paths (false: every scan walks the
   * whole tree, the full-walk fallback).
   */
  watch: boolean;
  /** Folders beyond this many are not watched (inotify watches are a per-user budget). */
  maxWatchedFolders: number;
  /** Idle time after which a full walk checks that the watcher missed nothing (0: never). */
  safetyWalkMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 16 * 1024 * 1024,
  maxFiles: 300_000,
  skipDirNames: ["node_modules", ".hg", ".svn", ".jj"],
  maxBytes: 2 * 1024 * 1024 * 1024,
  watch: true,
  maxWatchedFolders: 20_000,
  safetyWalkMs: 5 * 60_000,
};
