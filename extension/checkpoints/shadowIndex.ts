/**
 * The shadow index: for every tracked path of the workspace, the stat fields last seen and the
 * hash of the content that was then copied into the blob store. Invariant: every hash in the
 * index names a stored blob, so whatever a command overwrites next, its previous content can be
 * restored. A walk compares stat fields against it and reads only what changed (as Git's index
 * does).
 *
 * Persisted as a snapshot plus an append-only journal of changed entries, so a turn that
 * changes 5 files writes 5 short lines, not the 20,000-entry table. The index is a cache:
 * losing it (or its journal tail) only means files are hashed again, never a wrong undo.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

import type { EntryState } from "./types";
import type { EntryType, StatRecord } from "./treeWalk";

export interface IndexEntry extends StatRecord {
  /** Files: hash of the content (absent when too large). */
  hash?: string;
  /** Symlinks: the link text. */
  target?: string;
  tooLarge?: boolean;
  /**
   * Modified so close to the scan that a later write could keep the same mtime/ctime (coarse
   * file system clocks): hash it again next time instead of trusting the stat.
   */
  racy?: boolean;
  /** In memory only: the last scan that walked past this entry. */
  seenInScan?: number;
}

type Row = [
  rel: string,
  type: 0 | 1 | 2,
  size: number,
  mtime: number,
  ctime: number,
  ino: number,
  mode: number,
  hashOrTarget: string | null,
  flags: number,
];
const TYPE_CODES: Record<EntryType, 0 | 1 | 2> = { file: 0, symlink: 1, dir: 2 };
const TYPES: EntryType[] = ["file", "symlink", "dir"];
const TOO_LARGE = 1;
const RACY = 2;

function toRow(rel: string, e: IndexEntry): Row {
  return [
    rel,
    TYPE_CODES[e.type],
    e.size,
    e.mtime,
    e.ctime,
    e.ino,
    e.mode,
    e.hash ?? e.target ?? null,
    (e.tooLarge ? TOO_LARGE : 0) | (e.racy ? RACY : 0),
  ];
}

function fromRow(row: Row): IndexEntry {
  const [, code, size, mtime, ctime, ino, mode, text, flags] = row;
  const type = TYPES[code] ?? "file";
  const entry: IndexEntry = { type, size, mtime, ctime, ino, mode };
  if (type === "file" && text) entry.hash = text;
  if (type === "symlink" && text !== null) entry.target = text;
  if (flags & TOO_LARGE) entry.tooLarge = true;
  if (flags & RACY) entry.racy = true;
  return entry;
}

/** The stat fields agree: the content is assumed unchanged (unless the entry is racy). */
export function sameStat(a: StatRecord, b: StatRecord): boolean {
  return (
    a.type === b.type &&
    a.size === b.size &&
    a.mtime === b.mtime &&
    a.ctime === b.ctime &&
    a.ino === b.ino &&
    a.mode === b.mode
  );
}

/** What a checkpoint keeps of an index entry. */
export function stateOf(entry: IndexEntry): EntryState {
  if (entry.type === "symlink") return { type: "symlink", target: entry.target ?? "" };
  if (entry.type === "dir") return { type: "dir" };
  const state: EntryState = { type: "file", size: entry.size, mode: entry.mode };
  if (entry.hash) state.hash = entry.hash;
  if (entry.tooLarge) {
    state.tooLarge = true;
    state.mtime = entry.mtime;
  }
  return state;
}

/** Same content, kind and permissions (what undo must reproduce). */
export function sameState(a: EntryState | null, b: EntryState | null): boolean {
  if (!a || !b) return a === b;
  if (a.type !== b.type) return false;
  if (a.type === "symlink") return a.target === (b as typeof a).target;
  if (a.type === "dir") return true;
  const other = b as typeof a;
  if (a.mode !== other.mode || a.size !== other.size) return false;
  if (a.tooLarge || other.tooLarge)
    return !!a.tooLarge && !!other.tooLarge && a.mtime === other.mtime;
  return a.hash === other.hash;
}

export class ShadowIndex {
  readonly entries = new Map<string, IndexEntry>();
  private journalLines = 0;
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  private get journal(): string {
    return `${this.file}.journal`;
  }

  async load(): Promise<void> {
    this.entries.clear();
    try {
      const snapshot = JSON.parse(await fs.readFile(this.file, "utf8")) as {
        version: number;
        rows: Row[];
      };
      if (snapshot.version === 1) {
        for (const row of snapshot.rows) this.entries.set(row[0], fromRow(row));
      }
    } catch {
      // No snapshot (first run) or a damaged one: start empty, files are hashed again.
    }
    let journal = "";
    try {
      journal = await fs.readFile(this.journal, "utf8");
    } catch {
      // none
    }
    for (const line of journal.split("\n")) {
      if (!line) continue;
      try {
        const row = JSON.parse(line) as Row | [string];
        if (row.length === 1) this.entries.delete(row[0]);
        else this.entries.set(row[0], fromRow(row as Row));
        this.journalLines++;
      } catch {
        break; // a torn last line: what follows it is lost, which only costs a re-hash
      }
    }
  }

  set(rel: string, entry: IndexEntry): void {
    this.entries.set(rel, entry);
    this.pending.push(JSON.stringify(toRow(rel, entry)));
  }

  delete(rel: string): void {
    if (this.entries.delete(rel)) this.pending.push(JSON.stringify([rel]));
  }

  /** Appends the changes since the last flush; rewrites the snapshot when the journal is long. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    if (!this.pending.length) return;
    const lines = this.pending;
    this.pending = [];
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    if (this.journalLines + lines.length > Math.max(2_000, this.entries.size / 4)) {
      const rows: Row[] = [];
      for (const [rel, entry] of this.entries) rows.push(toRow(rel, entry));
      const tmp = `${this.file}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ version: 1, rows }));
      await fs.rename(tmp, this.file);
      await fs.rm(this.journal, { force: true });
      this.journalLines = 0;
      return;
    }
    await fs.appendFile(this.journal, lines.join("\n") + "\n");
    this.journalLines += lines.length;
  }
}
