/**
 * The pending change set of the workspace: per file the turn(s) that changed it and its
 * baseline (the text before the turn, with the hunks the user kept moved in). What is left to
 * decide is the line diff of the baseline against the file's current text. Keep and Undo on a
 * hunk, a file or a turn are decided here; each decision is reported (to the agent's review
 * notes) and the set is persisted after every change, so it survives a window reload.
 * No `vscode` here: the host reads documents and applies edits.
 */
import {
  applyReplacement,
  computeHunks,
  hunkLines,
  keepHunk,
  undoHunk,
  type Hunk,
  type TextReplacement,
} from "./hunks";

/** Files larger than this are listed, but get no inline hunks (diffing them would stall). */
export const MAX_INLINE_BYTES = 1024 * 1024;

/** Why a file is listed without inline hunks. */
export type NoInlineReason = "binary" | "too-large" | "deleted";

export interface PendingFile {
  /** Absolute path (the key). */
  path: string;
  threadId: string;
  /** The turns that changed the file since it was last fully decided, oldest first. */
  turnIds: string[];
  /** The text before the turn with kept hunks moved in; null when not shown inline. */
  baseline: string | null;
  /**
   * The file as the latest turn left it: hunks of the current text that touch none of Codex's
   * changes (baseline → after) are the user's own edits, neither shown nor decided. Absent:
   * every hunk counts as Codex's.
   */
  after?: string;
  noInline?: NoInlineReason;
}

/** One Keep or Undo, for the agent's next message. */
export interface HunkDecision {
  threadId: string;
  kind: "kept" | "undid";
  path: string;
  /** The decided hunks' lines in the file ("3-5"); empty for a whole file without hunks. */
  lines: string[];
  comment?: string;
}

export interface TurnFile {
  path: string;
  /** The file's text before the turn; null when it did not exist. */
  before: string | null;
  /** The file's text after the turn, when known. */
  after?: string;
  binary?: boolean;
  tooLarge?: boolean;
  /** The turn deleted the file: nothing to show in an editor. */
  deleted?: boolean;
}

export interface PendingSnapshot {
  version: 1;
  files: PendingFile[];
}

export interface PendingChangesOptions {
  /** Every Keep/Undo goes here (the per-thread review notes). */
  onDecision: (decision: HunkDecision) => void;
  /** Called with the whole set after every change (workspaceState). */
  persist: (snapshot: PendingSnapshot) => void;
  restored?: PendingSnapshot;
}

export class PendingChanges {
  private readonly files = new Map<string, PendingFile>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PendingChangesOptions) {
    if (options.restored) this.adopt(options.restored);
  }

  /**
   * The set saved before a reload, once its texts are read back: files a turn since added keep
   * what that turn gave them.
   */
  restore(snapshot: PendingSnapshot): void {
    if (this.adopt(snapshot)) this.changed();
  }

  private adopt(snapshot: PendingSnapshot): boolean {
    let added = false;
    for (const file of snapshot.version === 1 ? snapshot.files : []) {
      if (typeof file?.path !== "string" || typeof file.threadId !== "string") continue;
      if (this.files.has(file.path)) continue;
      this.files.set(file.path, file);
      added = true;
    }
    return added;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  list(): PendingFile[] {
    return [...this.files.values()];
  }

  get(path: string): PendingFile | undefined {
    return this.files.get(path);
  }

  /** The turns with pending files, each with its thread, in the order they came. */
  turns(): { threadId: string; turnId: string }[] {
    const seen = new Map<string, { threadId: string; turnId: string }>();
    for (const file of this.files.values()) {
      for (const turnId of file.turnIds) seen.set(turnId, { threadId: file.threadId, turnId });
    }
    return [...seen.values()];
  }

  /**
   * A turn finished and changed `files`. A file still pending from an earlier turn keeps its
   * baseline: what is left to decide is everything since that baseline.
   */
  addTurnChanges(threadId: string, turnId: string, files: readonly TurnFile[]): void {
    for (const file of files) {
      const known = this.files.get(file.path);
      if (known) {
        if (!known.turnIds.includes(turnId)) known.turnIds.push(turnId);
        if (known.baseline !== null && file.after !== undefined) known.after = file.after;
        continue;
      }
      const noInline: NoInlineReason | undefined = file.deleted
        ? "deleted"
        : file.binary
          ? "binary"
          : file.tooLarge || (file.before?.length ?? 0) > MAX_INLINE_BYTES
            ? "too-large"
            : undefined;
      this.files.set(file.path, {
        path: file.path,
        threadId,
        turnIds: [turnId],
        baseline: noInline ? null : (file.before ?? ""),
        ...(noInline ? { noInline } : file.after !== undefined ? { after: file.after } : {}),
      });
    }
    this.changed();
  }

  /** The hunks left to decide in `path`, given its current text. */
  hunks(path: string, current: string): Hunk[] {
    const file = this.files.get(path);
    if (!file || file.baseline === null || current.length > MAX_INLINE_BYTES) return [];
    const hunks = computeHunks(file.baseline, current);
    if (file.after === undefined) return hunks;
    const codex = computeHunks(file.baseline, file.after);
    return hunks.filter((hunk) => codex.some((change) => touches(hunk, change)));
  }

  /**
   * The file's text changed (an edit, an undo, a save from elsewhere): once nothing is left to
   * decide, the file leaves the set.
   */
  refresh(path: string, current: string): void {
    const file = this.files.get(path);
    if (!file || file.baseline === null) return;
    if (this.hunks(path, current).length === 0) this.remove([path]);
  }

  keepHunk(path: string, current: string, hunk: Hunk, comment?: string): void {
    const file = this.inline(path);
    file.baseline = keepHunk(file.baseline!, current, hunk);
    this.decided(file, "kept", [hunkLines(hunk)], comment);
    if (this.hunks(path, current).length === 0) this.remove([path]);
    else this.changed();
  }

  /** The edit that undoes `hunk`; the host applies it, and `refresh` sees the result. */
  undoHunk(path: string, current: string, hunk: Hunk, comment?: string): TextReplacement {
    const file = this.inline(path);
    this.decided(file, "undid", [hunkLines(hunk)], comment);
    return undoHunk(current, hunk);
  }

  /** Keep all of a file: its current text is accepted as it is. */
  keepFile(path: string, current: string | null): void {
    const file = this.files.get(path);
    if (!file) return;
    const lines = current === null ? [] : this.hunks(path, current).map(hunkLines);
    this.decided(file, "kept", lines);
    this.remove([path]);
  }

  /**
   * Undo all of a file: the text to write back, every Codex hunk undone and the user's own
   * edits elsewhere kept (null: not possible inline — binary, too large, deleted; the
   * whole-turn undo restores those). The file leaves the set once written.
   */
  undoFile(path: string, current: string): string | null {
    const file = this.files.get(path);
    if (!file || file.baseline === null) return null;
    const hunks = this.hunks(path, current);
    this.decided(file, "undid", hunks.map(hunkLines));
    // Bottom up, so each hunk's offsets are still those of the text it was computed on.
    return hunks.reduceRight((text, hunk) => applyReplacement(text, undoHunk(text, hunk)), current);
  }

  /** The files of `turnId`. */
  filesOfTurn(turnId: string): PendingFile[] {
    return this.list().filter((file) => file.turnIds.includes(turnId));
  }

  /** The turn was undone as a whole (or rewound): its files leave the set undecided. */
  forgetTurn(turnId: string): void {
    this.remove(this.filesOfTurn(turnId).map((file) => file.path));
  }

  snapshot(): PendingSnapshot {
    return { version: 1, files: this.list() };
  }

  private inline(path: string): PendingFile {
    const file = this.files.get(path);
    if (!file || file.baseline === null) throw new Error(`no inline changes pending in ${path}`);
    return file;
  }

  private decided(
    file: PendingFile,
    kind: HunkDecision["kind"],
    lines: string[],
    comment?: string,
  ): void {
    const trimmed = comment?.trim();
    this.options.onDecision({
      threadId: file.threadId,
      kind,
      path: file.path,
      lines,
      ...(trimmed ? { comment: trimmed } : {}),
    });
  }

  private remove(paths: readonly string[]): void {
    let removed = false;
    for (const path of paths) removed = this.files.delete(path) || removed;
    if (removed) this.changed();
  }

  private changed(): void {
    this.options.persist(this.snapshot());
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * True when `hunk` (baseline → current) and Codex's `change` (baseline → after) overlap or
 * meet in the baseline's lines; meeting counts, so a user's edit right next to Codex's change is
 * shown with it rather than hidden.
 */
function touches(hunk: Hunk, change: Hunk): boolean {
  return hunk.beforeStart <= change.beforeEnd && change.beforeStart <= hunk.beforeEnd;
}
