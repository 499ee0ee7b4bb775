/**
 * The paths that changed since the last scan, as the file system reports them, so a scan can
 * re-stat those paths instead of walking the whole tree.
 *
 * One non-recursive `fs.watch` per walked folder (inotify on Linux, one watch each), installed
 * by the walk itself before it reads the folder, so nothing between the two is lost. Node's own
 * `recursive: true` is not used: on Linux (Node 20) it stats every file synchronously at start,
 * watches every file as well as every folder, and cannot skip `node_modules` or `.git`. VS Code's
 * watcher is not used either: its events come over IPC, batched, with no way to wait for the
 * ones already caused, while in-process inotify events are queued by the kernel before the
 * write returns and delivered at the next poll of the event loop (see `flush`).
 *
 * A folder named in an event (created, deleted, moved, chmod'ed) is walked again in full by the
 * next scan: a moved folder's old watch keeps reporting under its old path, and a new folder's
 * files may predate its watch. A watch that cannot be trusted makes the next scan a full walk
 * instead (the full-walk fallback; `WatchFallback` says why).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Why the next scan walks the whole tree instead of re-statting the changed paths. */
export type WatchFallback =
  /** Watching is off, or could not start (no inotify watches left, too many folders). */
  | "watcher-unavailable"
  /** A watch reported an error. */
  | "watcher-error"
  /** So many events arrived that the kernel's queue may have dropped some. */
  | "watcher-overflow"
  /** The safety walk found a change no event announced: the watcher is not trusted again. */
  | "watcher-missed-change";

export type FolderKind = "tracked" | "skipped";

export interface ChangedPaths {
  /** Paths named by events ("" is the whole tree). */
  paths: Set<string>;
  /** Skipped folders (node_modules, …) with an entry added, removed or changed directly in them. */
  skipped: Set<string>;
}

export interface TreeWatcherOptions {
  /** More events than this between two scans may have overflowed the kernel's queue. */
  maxEvents: number;
  /** More folders than this are not watched (inotify watches are a per-user budget). */
  maxFolders: number;
}

/** The kernel's inotify queue length (events beyond it are dropped), 16384 by default. */
export function inotifyQueueLength(): number {
  try {
    const value = Number(fs.readFileSync("/proc/sys/fs/inotify/max_queued_events", "utf8"));
    return Number.isFinite(value) && value > 0 ? value : 16_384;
  } catch {
    return 16_384;
  }
}

export class TreeWatcher {
  private readonly folders = new Map<string, { watcher: fs.FSWatcher; kind: FolderKind }>();
  private changed: ChangedPaths = { paths: new Set(), skipped: new Set() };
  private events = 0;
  /** Paths of every event while a safety walk runs (see `observe`). */
  private readonly observers = new Set<Set<string>>();
  private fallback: WatchFallback | undefined;
  /** A fallback that a full walk does not clear. */
  private permanent = false;

  constructor(
    private readonly root: string,
    private readonly options: TreeWatcherOptions,
  ) {}

  /** Why the next scan must walk the whole tree; undefined while the watcher can be trusted. */
  get needsFullWalk(): WatchFallback | undefined {
    if (this.fallback) return this.fallback;
    if (this.events >= this.options.maxEvents) return "watcher-overflow";
    return undefined;
  }

  /** Turns watching off for good (the full-walk fallback from then on). */
  disable(reason: WatchFallback): void {
    this.fallback = reason;
    this.permanent = true;
    this.closeAll();
  }

  /**
   * Watches the folder `rel` ("" is the root). Called by a walk before it reads the folder.
   * A skipped folder's watch only reports that something changed directly in it.
   */
  watch(rel: string, kind: FolderKind): void {
    if (this.permanent) return;
    const known = this.folders.get(rel);
    if (known?.kind === kind) return;
    known?.watcher.close();
    if (this.folders.size >= this.options.maxFolders) {
      this.disable("watcher-unavailable");
      return;
    }
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(this.absolute(rel), { persistent: false }, (_event, name) =>
        this.onEvent(rel, kind, name),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Gone or unreadable since the walk listed it: its parent's event covers it.
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES") return;
      this.disable("watcher-unavailable"); // ENOSPC (no watches left), EMFILE, …
      return;
    }
    watcher.on("error", () => {
      this.fallback ??= "watcher-error";
    });
    this.folders.set(rel, { watcher, kind });
  }

  /** Stops watching `rel` and every folder below it (they were removed or moved away). */
  unwatchUnder(rel: string): void {
    const prefix = `${rel}/`;
    for (const [folder, { watcher }] of this.folders) {
      if (folder === rel || folder.startsWith(prefix)) {
        watcher.close();
        this.folders.delete(folder);
      }
    }
  }

  /** Watched folders, to drop those a full walk no longer found. */
  watchedFolders(): string[] {
    return [...this.folders.keys()];
  }

  /**
   * Resolves once every event the kernel queued before the call has reached `onEvent`: inotify
   * queues an event before the write (rename, unlink, chmod) returns, and libuv reads the queue
   * in its poll phase, which the second of two check phases is sure to follow.
   */
  flush(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  }

  /** The paths changed since the last call (or the last full walk), and forgets them. */
  take(): ChangedPaths {
    const changed = this.changed;
    this.changed = { paths: new Set(), skipped: new Set() };
    this.events = 0;
    return changed;
  }

  /** A full walk covers everything before it: forget what came before, trust the watch again. */
  resetAfterFullWalk(): void {
    this.take();
    if (!this.permanent) this.fallback = undefined;
  }

  /** Collects the paths of every event from now until `stop` (and those still pending). */
  observe(): { paths: Set<string>; stop: () => void } {
    const paths = new Set([...this.changed.paths, ...this.changed.skipped]);
    this.observers.add(paths);
    return { paths, stop: () => this.observers.delete(paths) };
  }

  close(): void {
    this.closeAll();
    this.observers.clear();
  }

  private onEvent(folder: string, kind: FolderKind, name: string | Buffer | null): void {
    this.events++;
    // No name (Node could not tell): the whole folder is walked again.
    const rel = name === null ? folder : join(folder, name.toString());
    // A skipped folder is judged by its own stat: the event is about it.
    for (const observer of this.observers) observer.add(kind === "skipped" ? folder : rel);
    if (kind === "skipped") this.changed.skipped.add(folder);
    else if (name === null || path.basename(rel) !== ".git") this.changed.paths.add(rel);
  }

  private closeAll(): void {
    for (const { watcher } of this.folders.values()) watcher.close();
    this.folders.clear();
  }

  private absolute(rel: string): string {
    return rel ? path.join(this.root, ...rel.split("/")) : this.root;
  }
}

function join(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}
