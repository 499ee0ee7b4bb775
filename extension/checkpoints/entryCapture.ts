/**
 * One walked entry read into an index entry: a file's content into the blob store (unless it is
 * too large), a symlink's target. An entry written close to or during the read is marked racy,
 * so the next scan that sees it reads it again.
 */
import { promises as fs } from "node:fs";

import type { BlobStore } from "./blobStore";
import type { IndexEntry } from "./shadowIndex";
import type { StatRecord } from "./treeWalk";

/**
 * An entry modified this close to a scan may be modified again without its mtime/ctime moving
 * (coarse file-system clocks, 2 s on FAT): it is hashed again at the next scan that sees it.
 */
const RACY_MS = 2_000;

/** The entry at `abs`; undefined when it vanished since it was stat'ed (a deletion). */
export async function captureEntry(
  abs: string,
  record: StatRecord,
  scanStarted: number,
  maxFileBytes: number,
  blobs: Pick<BlobStore, "put">,
): Promise<IndexEntry | undefined> {
  const entry: IndexEntry = { ...record };
  if (Math.max(record.mtime, record.ctime) >= scanStarted - RACY_MS) entry.racy = true;
  try {
    if (record.type === "symlink") entry.target = await fs.readlink(abs);
    else if (record.type === "file") {
      if (record.size > maxFileBytes) entry.tooLarge = true;
      else {
        const bytes = await fs.readFile(abs);
        if (bytes.length !== record.size) {
          entry.size = bytes.length;
          entry.racy = true; // written while we read: trust only the bytes
        }
        entry.hash = await blobs.put(bytes);
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // Unreadable (permissions): tracked by stat, content not kept.
  }
  return entry;
}
