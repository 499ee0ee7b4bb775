/**
 * Checkpoints of a workspace, turn by turn, and their exact undo; see README.md for the design.
 *
 *   const store = await CheckpointStore.open(storageDir, workspaceRoot);
 *   const turn = await store.beginTurn(threadId, turnId); // before codex may change anything
 *   await store.recordPatch(turn, paths);                 // optional: files a patch will touch
 *   const changes = await store.finishTurn(turn);         // after turn/completed
 *   await store.undoTurn(threadId, turnId);               // keeps files the user changed since
 *
 * This module keeps the turns' bookkeeping (what each running turn changed, manifests, undo,
 * pruning); keeping the shadow index equal to the tree is workspaceScanner.ts's job. Pure Node
 * (no `vscode`): the extension passes its storage folder in.
 *
 * Over 400 lines because begin, finish, undo and prune edit the same manifests under one lock.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

import { BlobStore } from "./blobStore";
import { ManifestStore } from "./manifests";
import { applyUndo, planUndo, type RestoreContext } from "./restore";
import { retainedHashes, storeFolder } from "./sharedBlobs";
import { ShadowIndex, stateOf } from "./shadowIndex";
import { summarise, type PathDelta } from "./turnSummary";
import { WorkspaceScanner, type ScanStats } from "./workspaceScanner";
import {
  DEFAULT_LIMITS,
  type EntryState,
  type IncompleteReason,
  type Limits,
  type TurnChanges,
  type UndoFileResult,
  type UndoResult,
} from "./types";

export type { ScanStats } from "./workspaceScanner";

export interface TurnHandle {
  readonly threadId: string;
  readonly turnId: string;
}

interface ActiveTurn {
  readonly threadId: string;
  turnId: string;
  seq: number;
  startedAt: number;
  /** Path → state before the turn, filled the first time a scan sees the path change. */
  before: Map<string, EntryState | null>;
  /** Paths captured by recordPatch outside the index (skipped folders, too large). */
  direct: Set<string>;
  reasons: IncompleteReason[];
  overlappedWith: Set<string>;
}

export interface StoreUsage {
  blobBytes: number;
  blobCount: number;
  indexEntries: number;
  turns: number;
}

export class CheckpointStore {
  private readonly active = new Map<string, ActiveTurn>();
  private queue: Promise<unknown> = Promise.resolve();
  private seq: number;
  private readonly scanner: WorkspaceScanner;
  private safetyTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    readonly root: string,
    readonly dir: string,
    readonly limits: Limits,
    private readonly blobs: BlobStore,
    private readonly index: ShadowIndex,
    private readonly manifests: ManifestStore,
    private readonly onFallback: (stats: ScanStats) => void,
  ) {
    this.seq = manifests.maxSeq();
    this.scanner = new WorkspaceScanner(root, limits, blobs, index, {
      changed: (rel, before) => this.noteChange(rel, before),
      skippedChanged: (rels) => this.noteSkippedChanges(rels),
    });
  }

  /**
   * Opens (or creates) the checkpoints of `workspaceRoot` under `storageDir`, which must lie
   * outside the workspace. Each workspace root gets its own subfolder.
   */
  static async open(
    storageDir: string,
    workspaceRoot: string,
    limits: Partial<Limits> = {},
    /** Told when a scan had to walk the whole tree (the full-walk fallback), for the log. */
    onFallback: (stats: ScanStats) => void = () => undefined,
  ): Promise<CheckpointStore> {
    const root = await fs.realpath(workspaceRoot);
    const dir = await storeFolder(storageDir, root);
    const storage = path.dirname(dir);
    const inside = path.relative(root, storage);
    if (!inside || (!inside.startsWith("..") && !path.isAbsolute(inside))) {
      throw new Error(`the checkpoint storage ${storage} must lie outside the workspace ${root}`);
    }
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "workspace.json"), JSON.stringify({ root }));
    const index = new ShadowIndex(path.join(dir, "index.json"));
    const manifests = new ManifestStore(path.join(dir, "threads"));
    const blobs = new BlobStore(path.join(dir, "blobs"));
    await Promise.all([index.load(), manifests.load(), blobs.measure()]);
    const merged: Limits = { ...DEFAULT_LIMITS, ...limits };
    return new CheckpointStore(root, dir, merged, blobs, index, manifests, onFallback);
  }

  /**
   * Walks the whole tree into the shadow index (the first time: copies every tracked file into
   * the store) and starts watching it. Call it when the workspace opens so the first turn does
   * not pay for it.
   */
  prepare(): Promise<ScanStats> {
    return this.scan({ full: true });
  }

  /**
   * Call before the turn can change anything: files changed since the last scan (by the user)
   * are copied now, so the turn's before-state is complete.
   */
  async beginTurn(threadId: string, turnId: string): Promise<TurnHandle> {
    await this.scan();
    const key = turnKey(threadId, turnId);
    const turn: ActiveTurn = {
      threadId,
      turnId,
      seq: ++this.seq,
      startedAt: Date.now(),
      before: new Map(),
      direct: new Set(),
      reasons: [],
      overlappedWith: new Set(),
    };
    for (const other of this.active.values()) {
      other.overlappedWith.add(turnId);
      turn.overlappedWith.add(other.turnId);
    }
    this.active.set(key, turn);
    return { threadId, turnId };
  }

  /**
   * Scans now (e.g. after a command finished) and reports what changed since the last scan.
   * Not needed for an exact undo (beginTurn and finishTurn suffice); useful to attribute
   * changes to a command. `full` walks the whole tree even while the watcher is trusted.
   */
  rescan(options: { full?: boolean } = {}): Promise<ScanStats> {
    return this.scan(options);
  }

  /**
   * The safety walk (also run on its own after `limits.safetyWalkMs` without a turn): checks
   * that the watcher missed no change. Returns the paths it missed; if any, the watcher is off
   * from then on and the index is brought up to date by a full walk at once.
   */
  async verify(): Promise<string[]> {
    const missed = await this.scanner.verify();
    if (missed.length > 0) await this.scan();
    return missed;
  }

  /**
   * Paths a patch is about to change (absolute or workspace-relative). Files the walk does not
   * track (in skipped folders, or too large for the index) are captured now, so the patch's
   * changes to them can be undone too. Paths outside the workspace make the turn incomplete.
   */
  async recordPatch(handle: TurnHandle, paths: readonly string[]): Promise<void> {
    const turn = this.activeTurn(handle);
    for (const given of paths) {
      const rel = this.relative(given);
      if (rel === undefined) {
        turn.reasons.push({ path: given, reason: "outside-workspace" });
        continue;
      }
      if (this.index.entries.has(rel) || turn.before.has(rel)) continue;
      // A new file in a tracked folder: the scan sees it.
      if (!this.scanner.isUntracked(rel)) continue;
      const state = await this.scanner.captureDirect(rel);
      turn.before.set(rel, state);
      turn.direct.add(rel);
    }
  }

  /**
   * Call after the turn ended (completed, interrupted or failed): the turn's summary. `turnId`
   * names the turn when it was begun under a provisional id (codex assigns a turn's id in its
   * answer to `turn/start`, after beginTurn had to run).
   */
  async finishTurn(handle: TurnHandle, options: { turnId?: string } = {}): Promise<TurnChanges> {
    const turn = this.activeTurn(handle);
    if (options.turnId !== undefined && options.turnId !== turn.turnId) {
      for (const other of this.active.values()) {
        if (other.overlappedWith.delete(turn.turnId)) other.overlappedWith.add(options.turnId);
      }
      turn.turnId = options.turnId;
    }
    await this.scan();
    this.active.delete(turnKey(handle.threadId, handle.turnId));
    const deltas: PathDelta[] = [];
    for (const [rel, before] of turn.before) {
      let after: EntryState | null;
      if (turn.direct.has(rel)) after = await this.scanner.captureDirect(rel);
      else {
        const entry = this.index.entries.get(rel);
        after = entry ? stateOf(entry) : null;
      }
      deltas.push({ path: rel, before, after });
    }
    const summary = await summarise(deltas, this.blobs);
    const reasons = [...turn.reasons, ...summary.incompleteReasons];
    const changes: TurnChanges = {
      version: 1,
      threadId: turn.threadId,
      turnId: turn.turnId,
      seq: turn.seq,
      startedAt: turn.startedAt,
      finishedAt: Date.now(),
      files: summary.files,
      directories: summary.directories,
      incomplete: reasons.length > 0,
      incompleteReasons: reasons,
      overlappedWith: [...turn.overlappedWith],
    };
    await this.manifests.save(changes);
    await this.index.flush();
    await this.pruneIfOverBudget();
    this.scheduleSafetyWalk();
    return changes;
  }

  /** A finished turn's summary, if the store has it. */
  getTurn(threadId: string, turnId: string): TurnChanges | undefined {
    return this.manifests.get(threadId, turnId);
  }

  /** The thread's finished turns, oldest first. */
  listTurns(threadId: string): TurnChanges[] {
    return this.manifests.list(threadId);
  }

  /**
   * What undoing the turn would do, per file, without changing anything: files changed after
   * the turn come back as `kept-user-edit` with what the user changed.
   */
  async previewUndo(threadId: string, turnId: string): Promise<UndoFileResult[]> {
    const turn = this.requireTurn(threadId, turnId);
    return (await planUndo(this.restoreContext(), turn)).map((p) => p.result);
  }

  /**
   * Restores every file the turn changed to its state before the turn. Files changed after the
   * turn are kept unless `overwriteUserEdits` (their content is saved first).
   */
  async undoTurn(
    threadId: string,
    turnId: string,
    options: { overwriteUserEdits?: boolean } = {},
  ): Promise<UndoResult> {
    return this.exclusive(() =>
      this.undoOne(threadId, turnId, options.overwriteUserEdits ?? false),
    );
  }

  /** Undoes the turn and every later turn of the thread, latest first. */
  async restoreTo(
    threadId: string,
    turnId: string,
    options: { overwriteUserEdits?: boolean } = {},
  ): Promise<UndoResult[]> {
    const target = this.requireTurn(threadId, turnId);
    const turns = this.manifests
      .list(threadId)
      .filter((t) => t.seq >= target.seq && !t.undone)
      .reverse();
    const results: UndoResult[] = [];
    for (const turn of turns) results.push(await this.undoTurn(threadId, turn.turnId, options));
    return results;
  }

  /** The two contents of a changed file for a diff view (null: absent; a link: its target). */
  async beforeAfter(
    threadId: string,
    turnId: string,
    filePath: string,
  ): Promise<{ before: Buffer | null; after: Buffer | null; binary: boolean }> {
    const turn = this.requireTurn(threadId, turnId);
    const rel = this.relative(filePath) ?? filePath;
    const change =
      turn.files.find((f) => f.path === rel) ?? turn.files.find((f) => f.previousPath === rel);
    if (!change) throw new Error(`turn ${turnId} did not change ${rel}`);
    return {
      before: await this.contentOf(change.before),
      after: await this.contentOf(change.after),
      binary: change.binary,
    };
  }

  /**
   * Deletes the oldest threads' checkpoints until the store fits `limits.maxBytes` (never a
   * thread with a turn in progress). The shadow index's own copies are never pruned.
   */
  async prune(
    maxBytes = this.limits.maxBytes,
  ): Promise<{ removedThreads: string[]; freed: number }> {
    return this.exclusive(async () => {
      const removedThreads: string[] = [];
      let freed = 0;
      const busy = new Set([...this.active.values()].map((t) => t.threadId));
      for (const threadId of this.manifests.threadsByAge()) {
        if (this.blobs.totalBytes <= maxBytes) break;
        if (busy.has(threadId)) continue;
        await this.manifests.removeThread(threadId);
        removedThreads.push(threadId);
        freed += await this.blobs.sweep(await this.referencedHashes());
      }
      return { removedThreads, freed };
    });
  }

  usage(): StoreUsage {
    return {
      blobBytes: this.blobs.totalBytes,
      blobCount: this.blobs.count,
      indexEntries: this.index.entries.size,
      turns: this.manifests.all().length,
    };
  }

  /** Waits for pending work, stops watching and writes the index. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.safetyTimer);
    await this.exclusive(async () => {
      this.scanner.close();
      await this.index.flush();
    });
  }

  // ---------------------------------------------------------------------------------------

  private async undoOne(
    threadId: string,
    turnId: string,
    overwriteUserEdits: boolean,
  ): Promise<UndoResult> {
    const turn = this.requireTurn(threadId, turnId);
    if (turn.undone) throw new Error(`turn ${turnId} was already undone`);
    const ctx = this.restoreContext();
    const planned = await planUndo(ctx, turn);
    const files = await applyUndo(ctx, turn, planned, overwriteUserEdits);
    turn.undone = { at: Date.now(), results: files };
    await this.manifests.save(turn);
    // The index learns the restored states now, so they are not mistaken for later edits.
    const touched = new Set<string>([...turn.directories.added, ...turn.directories.deleted]);
    const written = new Map<string, EntryState>();
    for (const [i, file] of turn.files.entries()) {
      touched.add(file.path);
      if (file.previousPath !== undefined) touched.add(file.previousPath);
      const outcome = files[i]!.outcome;
      if ((outcome === "restored" || outcome === "overwrote-user-edit") && file.before) {
        written.set(file.previousPath ?? file.path, file.before);
      }
    }
    await this.scanner.refreshPaths([...touched], written);
    await this.index.flush();
    return {
      threadId,
      turnId,
      complete: files.every(
        (f) =>
          f.outcome === "restored" ||
          f.outcome === "unchanged" ||
          f.outcome === "overwrote-user-edit",
      ),
      files,
    };
  }

  /** Runs `job` after every queued scan and undo, and before the next. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async scan(options: { full?: boolean } = {}): Promise<ScanStats> {
    const stats = await this.exclusive(() => this.scanner.scan(options));
    if (stats.mode === "full") this.scheduleSafetyWalk();
    if (stats.fallback && stats.fallback !== "first-scan") this.onFallback(stats);
    return stats;
  }

  /**
   * The safety walk runs once the store has been idle for `safetyWalkMs` (no turn running, no
   * scan since), so it never delays a turn.
   */
  private scheduleSafetyWalk(): void {
    clearTimeout(this.safetyTimer);
    if (this.closed || !this.limits.watch || this.limits.safetyWalkMs <= 0) return;
    this.safetyTimer = setTimeout(() => {
      if (this.active.size > 0) this.scheduleSafetyWalk();
      else void this.verify().catch(() => undefined);
    }, this.limits.safetyWalkMs);
    this.safetyTimer.unref?.();
  }

  /** The path's first change during each running turn: remember its state before. */
  private noteChange(rel: string, before: EntryState | null): void {
    for (const turn of this.active.values()) {
      if (!turn.before.has(rel)) turn.before.set(rel, before);
    }
  }

  /** Skipped folders changed: the running turns cannot be undone exactly. */
  private noteSkippedChanges(rels: readonly string[]): void {
    for (const turn of this.active.values()) {
      for (const rel of rels) {
        if (!turn.reasons.some((r) => r.path === rel)) {
          turn.reasons.push({ path: rel, reason: "skipped-folder-changed" });
        }
      }
    }
  }

  private async referencedHashes(): Promise<Set<string>> {
    const keep = await retainedHashes(this.dir);
    for (const entry of this.index.entries.values()) if (entry.hash) keep.add(entry.hash);
    for (const turn of this.manifests.all()) {
      for (const file of turn.files) {
        if (file.before?.type === "file" && file.before.hash) keep.add(file.before.hash);
        if (file.after?.type === "file" && file.after.hash) keep.add(file.after.hash);
      }
      for (const result of turn.undone?.results ?? []) if (result.savedAs) keep.add(result.savedAs);
    }
    return keep;
  }

  private async pruneIfOverBudget(): Promise<void> {
    if (this.blobs.totalBytes > this.limits.maxBytes) await this.prune();
  }

  private restoreContext(): RestoreContext {
    return { root: this.root, blobs: this.blobs, maxFileBytes: this.limits.maxFileBytes };
  }

  private async contentOf(state: EntryState | null): Promise<Buffer | null> {
    if (!state) return null;
    if (state.type === "symlink") return Buffer.from(state.target);
    if (state.type === "file" && state.hash) return this.blobs.get(state.hash);
    return null;
  }

  private activeTurn(handle: TurnHandle): ActiveTurn {
    const turn = this.active.get(turnKey(handle.threadId, handle.turnId));
    if (!turn) throw new Error(`turn ${handle.turnId} is not in progress`);
    return turn;
  }

  private requireTurn(threadId: string, turnId: string): TurnChanges {
    const turn = this.manifests.get(threadId, turnId);
    if (!turn) throw new Error(`no checkpoint for turn ${turnId} of thread ${threadId}`);
    return turn;
  }

  private relative(given: string): string | undefined {
    const abs = path.isAbsolute(given) ? given : path.join(this.root, given);
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join("/");
  }

  private absolute(rel: string): string {
    return path.join(this.root, ...rel.split("/"));
  }
}

function turnKey(threadId: string, turnId: string): string {
  return `${threadId}\u0000${turnId}`;
}
