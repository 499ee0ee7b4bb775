/**
 * Keeps the shadow index equal to the workspace: a scan re-stats the paths the watcher named
 * since the last scan (folders named there are walked again in full), or walks the whole tree
 * when the watcher cannot be trusted (the full-walk fallback: first scan, watching off, an
 * error, a possible queue overflow, or a change the safety walk caught unannounced). Every entry
 * whose stat changed is read, hashed and stored, and the change reported to the sink with the
 * state the index had, which is what a running turn needs to undo it.
 *
 * The caller serialises scans (one at a time); `verify` alone may run beside them.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

import type { BlobStore } from "./blobStore";
import { forEachLimited } from "./concurrency";
import { captureEntry } from "./entryCapture";
import { coveredBy, isBelow, isInside, isUnder } from "./relPaths";
import { sameStat, sameState, stateOf, type IndexEntry, type ShadowIndex } from "./shadowIndex";
import { FOLDER, recordOf, walkTree, type StatRecord, type WalkResult } from "./treeWalk";
import { TreeWatcher, inotifyQueueLength, type WatchFallback } from "./treeWatcher";
import type { EntryState, Limits } from "./types";

/** Files read and hashed (or paths stat'ed) at the same time during a scan. */
const READ_CONCURRENCY = 8;

export interface ScanStats {
  /** "full": the whole tree was walked; "changed": only the paths the watcher named. */
  mode: "full" | "changed";
  /** Why a full walk was needed although none was asked for. */
  fallback?: WatchFallback | "first-scan";
  /** Entries stat'ed. */
  entries: number;
  /** Entries whose stat changed, so they were read again. */
  read: number;
  /** Paths whose content, kind or mode changed. */
  changed: string[];
  ms: number;
}

/** Where a scan reports what it found (the store: to its running turns). */
export interface ChangeSink {
  /** `rel` changed; `before` is the state the index had (null: it did not exist). */
  changed(rel: string, before: EntryState | null): void;
  /** Skipped folders changed directly inside (their content is not tracked). */
  skippedChanged(rels: readonly string[]): void;
}

type Found = [rel: string, record: StatRecord];

export class WorkspaceScanner {
  private skippedDirs = new Map<string, StatRecord>();
  private scanned = false;
  /** Scans so far; entries carry the number of the last scan that saw them. */
  private scans = 0;
  private readonly skipNames: ReadonlySet<string>;
  private readonly watcher: TreeWatcher | undefined;

  constructor(
    readonly root: string,
    private readonly limits: Limits,
    private readonly blobs: BlobStore,
    private readonly index: ShadowIndex,
    private readonly sink: ChangeSink,
  ) {
    this.skipNames = new Set(limits.skipDirNames);
    if (limits.watch) {
      this.watcher = new TreeWatcher(root, {
        maxEvents: inotifyQueueLength(),
        maxFolders: limits.maxWatchedFolders,
      });
    }
  }

  /** Brings the index up to date; `full` walks the whole tree whatever the watcher says. */
  async scan(options: { full?: boolean } = {}): Promise<ScanStats> {
    const watcher = this.watcher;
    if (watcher) await watcher.flush();
    const fallback = !this.scanned
      ? "first-scan"
      : (watcher?.needsFullWalk ?? (watcher ? undefined : "watcher-unavailable"));
    if (options.full || fallback || !watcher) {
      return this.fullScan(options.full ? undefined : fallback);
    }
    const changed = watcher.take();
    if (changed.paths.has("")) return this.fullScan("watcher-error");
    return this.changedScan(changed.paths, changed.skipped);
  }

  /**
   * The safety walk: a full walk that changes nothing and may run beside scans. A path whose
   * stat differs from the index although no event named it (nor a folder above it) means the
   * watcher missed a change: it is switched off (the full-walk fallback from then on) and the
   * paths are returned. Racing writes are told apart by waiting for their events.
   */
  async verify(): Promise<string[]> {
    const watcher = this.watcher;
    if (!watcher || watcher.needsFullWalk || !this.scanned) return [];
    await watcher.flush();
    const window = watcher.observe();
    try {
      const suspects: string[] = [];
      const seen = new Set<string>();
      const walk = await walkTree(this.root, this.walkOptions(undefined, false), (rel, record) => {
        seen.add(rel);
        const known = this.index.entries.get(rel);
        if (!known || !sameStat(known, record)) suspects.push(rel);
      });
      for (const rel of this.index.entries.keys()) {
        if (!seen.has(rel) && !isUnder(rel, walk.skipped, walk.unreadable)) suspects.push(rel);
      }
      for (const [rel, record] of walk.skipped) {
        const known = this.skippedDirs.get(rel);
        if (!known || !sameStat(known, record)) suspects.push(rel);
      }
      for (const rel of this.skippedDirs.keys()) if (!walk.skipped.has(rel)) suspects.push(rel);
      await watcher.flush();
      const missed = suspects.filter((rel) => !coveredBy(rel, window.paths));
      if (missed.length > 0) watcher.disable("watcher-missed-change");
      return missed;
    } finally {
      window.stop();
    }
  }

  /**
   * Paths a patch named that the walk does not track (in skipped folders, or too large):
   * captured now, outside the index.
   */
  async captureDirect(rel: string): Promise<EntryState | null> {
    const stat = await fs.lstat(this.absolute(rel)).catch(() => undefined);
    const record = stat && recordOf(stat);
    if (!record) return null;
    const entry = await this.capture(rel, record, 0);
    return entry ? stateOf(entry) : null;
  }

  /**
   * Re-reads the given paths into the index after an undo. `written` holds the states just
   * written from blobs: their hash is known, no need to read them back.
   */
  async refreshPaths(
    paths: readonly string[],
    written: ReadonlyMap<string, EntryState> = new Map(),
  ): Promise<void> {
    await forEachLimited(paths, READ_CONCURRENCY, async (rel) => {
      if (this.isUntracked(rel)) return;
      const stat = await fs.lstat(this.absolute(rel)).catch(() => undefined);
      const record = stat && (stat.isDirectory() ? FOLDER : recordOf(stat));
      const restored = written.get(rel);
      // Racy: the next scan that sees it checks it again anyway.
      const entry =
        record?.type === "file" && restored?.type === "file" && restored.hash
          ? record.size === restored.size
            ? { ...record, hash: restored.hash, racy: true }
            : await this.capture(rel, record, Date.now())
          : record && (await this.capture(rel, record, Date.now()));
      const known = this.index.entries.get(rel);
      if (entry) this.index.set(rel, entry);
      else if (known) this.index.delete(rel);
      if (known ? !entry || !sameState(stateOf(known), stateOf(entry)) : !!entry) {
        this.sink.changed(rel, known ? stateOf(known) : null);
      }
    });
  }

  /** Inside a folder the walk does not enter (by name, or past the file limit). */
  isUntracked(rel: string): boolean {
    const parts = rel.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i]!;
      if (name === ".git" || this.skipNames.has(name)) return true;
      if (this.skippedDirs.has(parts.slice(0, i + 1).join("/"))) return true;
    }
    return parts[parts.length - 1] === ".git";
  }

  close(): void {
    this.watcher?.close();
  }

  // ---------------------------------------------------------------------------------------

  private walkOptions(from?: string, watch = true): Parameters<typeof walkTree>[1] {
    const watcher = watch ? this.watcher : undefined;
    return {
      skipDirNames: this.skipNames,
      maxFiles: this.limits.maxFiles,
      ...(from !== undefined ? { from } : {}),
      ...(watcher ? { onFolder: (rel, kind) => watcher.watch(rel, kind) } : {}),
    };
  }

  private async fullScan(fallback: ScanStats["fallback"]): Promise<ScanStats> {
    const started = Date.now();
    const pass = ++this.scans;
    // Events from now on are kept for the next scan; those before are covered by this walk.
    this.watcher?.resetAfterFullWalk();
    const toRead: Found[] = [];
    const folders = new Set<string>([""]);
    const walk = await walkTree(this.root, this.walkOptions(), (rel, record) => {
      if (record.type === "dir") folders.add(rel);
      this.consider(rel, record, pass, toRead);
    });
    if (this.watcher) {
      if (walk.count >= this.limits.maxFiles) this.watcher.disable("watcher-unavailable");
      for (const rel of this.watcher.watchedFolders()) {
        if (!folders.has(rel) && !walk.skipped.has(rel)) this.watcher.unwatchUnder(rel);
      }
    }
    const changed = await this.readChanged(toRead, pass, started);
    for (const [rel, known] of this.index.entries) {
      if (known.seenInScan === pass || isUnder(rel, walk.skipped, walk.unreadable)) continue;
      this.index.delete(rel);
      this.sink.changed(rel, stateOf(known));
      changed.push(rel);
    }
    if (this.scanned) this.noteSkippedChanges(walk.skipped, () => true);
    this.skippedDirs = walk.skipped;
    this.scanned = true;
    return {
      mode: "full",
      ...(fallback ? { fallback } : {}),
      entries: walk.count,
      read: toRead.length,
      changed,
      ms: Date.now() - started,
    };
  }

  /** Re-stats the named paths; folders among them are walked again in full. */
  private async changedScan(
    named: ReadonlySet<string>,
    skippedNamed: ReadonlySet<string>,
  ): Promise<ScanStats> {
    const started = Date.now();
    const pass = ++this.scans;
    const watcher = this.watcher!;
    const toRead: Found[] = [];
    const folders: string[] = [];
    /** Folders in the index that are gone or replaced: nothing below them may stay. */
    const stale: string[] = [];
    const skippedNow = new Map(this.skippedDirs);
    const touchedSkipped = new Set<string>(skippedNamed);
    let entries = 0;

    const paths = [...named].filter((rel) => !this.isUntracked(rel));
    const stats = new Map<string, StatRecord | undefined>();
    await forEachLimited(paths, READ_CONCURRENCY, async (rel) => {
      const stat = await fs.lstat(this.absolute(rel)).catch(() => undefined);
      stats.set(rel, stat && recordOf(stat));
    });
    // Folders first: a path below a named folder is read by that folder's walk.
    for (const rel of paths) {
      const record = stats.get(rel);
      const known = this.index.entries.get(rel);
      if (record?.type !== "dir") {
        if (known?.type === "dir") stale.push(rel);
        if (known?.type === "dir" || this.skippedDirs.has(rel)) watcher.unwatchUnder(rel);
      } else if (this.skipNames.has(path.posix.basename(rel))) touchedSkipped.add(rel);
      else {
        if (known?.type === "dir") stale.push(rel);
        folders.push(rel);
      }
    }
    folders.sort();
    const roots = folders.filter((rel, i) => !isBelow(rel, folders, i));
    const covered = (rel: string): boolean => roots.some((root) => isInside(rel, root));
    for (const rel of [...stale, ...paths.filter((rel) => this.skippedDirs.has(rel))]) {
      for (const skipped of skippedNow.keys()) {
        if (isInside(skipped, rel)) {
          skippedNow.delete(skipped);
          touchedSkipped.add(skipped);
          watcher.unwatchUnder(skipped);
        }
      }
    }
    for (const rel of paths) {
      const record = stats.get(rel);
      if (!record || record.type === "dir" || covered(rel)) continue;
      entries++;
      this.consider(rel, record, pass, toRead);
    }
    const unreadable: string[] = [];
    for (const root of roots) {
      this.consider(root, FOLDER, pass, toRead);
      watcher.unwatchUnder(root); // the walk watches what is there now
      for (const rel of skippedNow.keys()) if (isInside(rel, root)) skippedNow.delete(rel);
      const walk: WalkResult = await walkTree(this.root, this.walkOptions(root), (rel, record) =>
        this.consider(rel, record, pass, toRead),
      );
      entries += walk.count + 1;
      unreadable.push(...walk.unreadable);
      for (const [rel, record] of walk.skipped) {
        skippedNow.set(rel, record);
        touchedSkipped.add(rel);
      }
    }
    // Named skipped folders (or with events inside): their own stat, watched before it is read.
    await forEachLimited([...touchedSkipped], READ_CONCURRENCY, async (rel) => {
      if (this.isUntracked(rel) || covered(rel) || stale.some((p) => isInside(rel, p))) return;
      watcher.watch(rel, "skipped");
      const stat = await fs.lstat(this.absolute(rel)).catch(() => undefined);
      const record = stat?.isDirectory() ? recordOf(stat) : undefined;
      if (record) skippedNow.set(rel, record);
      else {
        skippedNow.delete(rel);
        watcher.unwatchUnder(rel);
      }
    });

    const changed = await this.readChanged(toRead, pass, started);
    const gone = paths.filter((rel) => {
      const known = this.index.entries.get(rel);
      return !stats.get(rel) && known !== undefined && known.seenInScan !== pass;
    });
    const prefixes = [...stale, ...roots];
    const removed: Array<[string, IndexEntry]> = gone.map((rel) => [
      rel,
      this.index.entries.get(rel)!,
    ]);
    if (prefixes.length > 0) {
      for (const [rel, known] of this.index.entries) {
        if (known.seenInScan === pass || !prefixes.some((p) => isInside(rel, p))) continue;
        if (isUnder(rel, skippedNow, unreadable)) continue;
        removed.push([rel, known]);
      }
    }
    for (const [rel, known] of removed) {
      if (!this.index.entries.has(rel)) continue;
      this.index.delete(rel);
      this.sink.changed(rel, stateOf(known));
      changed.push(rel);
    }
    this.noteSkippedChanges(skippedNow, (rel) => touchedSkipped.has(rel) || covered(rel));
    this.skippedDirs = skippedNow;
    return { mode: "changed", entries, read: toRead.length, changed, ms: Date.now() - started };
  }

  /** Queues `rel` for reading unless the index already has it with the same stat. */
  private consider(rel: string, record: StatRecord, pass: number, toRead: Found[]): void {
    const known = this.index.entries.get(rel);
    if (known && !known.racy && sameStat(known, record)) {
      known.seenInScan = pass;
      return;
    }
    toRead.push([rel, record]);
  }

  /** Reads what `consider` queued into the index; returns the paths whose state changed. */
  private async readChanged(toRead: Found[], pass: number, started: number): Promise<string[]> {
    const changed: string[] = [];
    await forEachLimited(toRead, READ_CONCURRENCY, async ([rel, record]) => {
      const entry = await this.capture(rel, record, started);
      if (!entry) return; // vanished since the walk: a deletion
      entry.seenInScan = pass;
      const known = this.index.entries.get(rel);
      this.index.set(rel, entry);
      if (!known || !sameState(stateOf(known), stateOf(entry))) {
        this.sink.changed(rel, known ? stateOf(known) : null);
        changed.push(rel);
      }
    });
    return changed;
  }

  /** Skipped folders (among those `inScope` accepts) that appeared, went or changed stat. */
  private noteSkippedChanges(
    now: ReadonlyMap<string, StatRecord>,
    inScope: (rel: string) => boolean,
  ): void {
    const changed: string[] = [];
    for (const [rel, record] of now) {
      const old = this.skippedDirs.get(rel);
      if (inScope(rel) && (!old || !sameStat(old, record))) changed.push(rel);
    }
    for (const rel of this.skippedDirs.keys()) {
      if (!now.has(rel) && inScope(rel)) changed.push(rel);
    }
    if (changed.length > 0) this.sink.skippedChanged(changed);
  }

  /** Reads one walked entry into an index entry (its content into the store first). */
  private capture(rel: string, record: StatRecord, scanStarted: number) {
    return captureEntry(
      this.absolute(rel),
      record,
      scanStarted,
      this.limits.maxFileBytes,
      this.blobs,
    );
  }

  private absolute(rel: string): string {
    return path.join(this.root, ...rel.split("/"));
  }
}
