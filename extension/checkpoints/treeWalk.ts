/**
 * One walk of the workspace: every file and symlink with the lstat fields that reveal a change
 * (size, mtime, ctime, inode, mode), and every folder (by name only). Symlinks are never followed. Folders named
 * in the skip list (and `.git`, always) are not entered; their own stat is reported so a change
 * directly inside them can still be noticed.
 *
 * Callback-style fs calls: on the 20,000-file bench tree this was the fastest of sync calls,
 * promise-per-entry and callbacks, and it never blocks the extension host's event loop.
 */
import * as fs from "node:fs";

export type EntryType = "file" | "symlink" | "dir";

export interface StatRecord {
  type: EntryType;
  size: number;
  mtime: number;
  ctime: number;
  ino: number;
  /** Permission bits (mode & 0o7777). */
  mode: number;
}

export interface WalkOptions {
  skipDirNames: ReadonlySet<string>;
  maxFiles: number;
  /** Walk only below this folder (workspace-relative); the whole tree by default. */
  from?: string;
  /** Called for every folder before it is read (a watch set up now misses nothing after). */
  onFolder?: (rel: string, kind: "tracked" | "skipped") => void;
}

export interface WalkResult {
  /** Skipped folders (by name or by the file limit) with their own stat. */
  skipped: Map<string, StatRecord>;
  /** Folders that could not be read. */
  unreadable: string[];
  /** Entries visited. */
  count: number;
}

/** The record of every walked folder (see walkTree). */
export const FOLDER: StatRecord = { type: "dir", size: 0, mtime: 0, ctime: 0, ino: 0, mode: 0 };

/** Names that are never entered, whatever the caller's list says. */
export const ALWAYS_SKIPPED = new Set([".git"]);

export function recordOf(stat: fs.Stats): StatRecord | undefined {
  const type = stat.isFile()
    ? "file"
    : stat.isSymbolicLink()
      ? "symlink"
      : stat.isDirectory()
        ? "dir"
        : undefined;
  if (!type) return undefined; // sockets, FIFOs, devices: never checkpointed
  return {
    type,
    size: stat.size,
    mtime: stat.mtimeMs,
    ctime: stat.ctimeMs,
    ino: stat.ino,
    mode: stat.mode & 0o7777,
  };
}

/**
 * Walks `root` (or its folder `options.from`), calling `visit(relativePath, record)` for every
 * entry below it (not the starting folder itself). Relative paths use "/".
 */
export function walkTree(
  root: string,
  options: WalkOptions,
  visit: (rel: string, record: StatRecord) => void,
): Promise<WalkResult> {
  const result: WalkResult = { skipped: new Map(), unreadable: [], count: 0 };
  const sep = root.endsWith("/") || root.endsWith("\\") ? "" : "/";
  return new Promise((resolve) => {
    let pending = 0;
    const done = (): void => {
      if (--pending === 0) resolve(result);
    };
    const statEntry = (rel: string, asSkipped: boolean): void => {
      pending++;
      if (asSkipped) options.onFolder?.(rel, "skipped");
      fs.lstat(root + sep + rel, (error, stat) => {
        const record = error ? undefined : recordOf(stat);
        if (record) {
          if (asSkipped) result.skipped.set(rel, record);
          else visit(rel, record);
        }
        done();
      });
    };
    const readDir = (rel: string): void => {
      pending++;
      options.onFolder?.(rel, "tracked");
      fs.readdir(rel ? root + sep + rel : root, { withFileTypes: true }, (error, entries) => {
        if (error) {
          if (rel) result.unreadable.push(rel);
        } else {
          for (const entry of entries) {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
              if (ALWAYS_SKIPPED.has(entry.name)) continue;
              if (options.skipDirNames.has(entry.name) || result.count >= options.maxFiles) {
                statEntry(child, true);
                continue;
              }
              result.count++;
              // A folder's own stat is not needed: only its existence matters (its content
              // is walked), which saves a third of the syscalls on a folder-heavy tree.
              visit(child, FOLDER);
              readDir(child);
            } else if (entry.isFile() || entry.isSymbolicLink()) {
              if (ALWAYS_SKIPPED.has(entry.name)) continue; // a submodule's `.git` file
              if (result.count >= options.maxFiles) {
                // Over the limit: the rest of this folder is not tracked.
                if (rel && !result.skipped.has(rel)) statEntry(rel, true);
                break;
              }
              result.count++;
              statEntry(child, false);
            }
          }
        }
        done();
      });
    };
    readDir(options.from ?? "");
  });
}
