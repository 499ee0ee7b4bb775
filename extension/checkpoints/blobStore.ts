/**
 * Content-addressed file contents: `blobs/ab/cdef…` named by the sha256 of the bytes, so a
 * content kept by many turns (or by the shadow index and a turn) is stored once.
 * Writes go through a temporary name and a rename: a blob that exists is always whole.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class BlobStore {
  private readonly known = new Set<string>();
  private readonly madeDirs = new Set<string>();
  /** Bytes of blob content on disk, once `measure()` has run. */
  private bytes = 0;

  constructor(readonly dir: string) {}

  private pathOf(hash: string): string {
    return path.join(this.dir, hash.slice(0, 2), hash.slice(2));
  }

  /** Reads which blobs exist and their total size; call once before use, then it keeps count. */
  async measure(): Promise<number> {
    this.known.clear();
    let bytes = 0;
    for (const prefix of await readdirOrEmpty(this.dir)) {
      const sub = path.join(this.dir, prefix);
      for (const rest of await readdirOrEmpty(sub)) {
        if (rest.includes(".tmp-")) continue;
        const stat = await fs.stat(path.join(sub, rest)).catch(() => undefined);
        if (!stat) continue;
        this.known.add(prefix + rest);
        bytes += stat.size;
      }
    }
    this.bytes = bytes;
    return bytes;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get count(): number {
    return this.known.size;
  }

  /** Whether the blob is stored (the store is the folder's only writer; see `measure`). */
  has(hash: string): boolean {
    return this.known.has(hash);
  }

  /** Stores `bytes` (if not stored yet) and returns their hash. */
  async put(bytes: Uint8Array, hash = hashBytes(bytes)): Promise<string> {
    if (this.known.has(hash)) return hash;
    const file = this.pathOf(hash);
    const sub = path.dirname(file);
    if (!this.madeDirs.has(sub)) {
      await fs.mkdir(sub, { recursive: true });
      this.madeDirs.add(sub);
    }
    const tmp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
    this.known.add(hash);
    this.bytes += bytes.byteLength;
    return hash;
  }

  async get(hash: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(hash));
  }

  /** Deletes every blob not in `keep`; returns the bytes freed. */
  async sweep(keep: ReadonlySet<string>): Promise<number> {
    let freed = 0;
    for (const prefix of await readdirOrEmpty(this.dir)) {
      const sub = path.join(this.dir, prefix);
      for (const rest of await readdirOrEmpty(sub)) {
        const hash = prefix + rest;
        if (keep.has(hash)) continue;
        const file = path.join(sub, rest);
        const stat = await fs.stat(file).catch(() => undefined);
        await fs.rm(file, { force: true });
        this.known.delete(hash);
        if (stat && !rest.includes(".tmp-")) freed += stat.size;
      }
    }
    this.bytes = Math.max(0, this.bytes - freed);
    return freed;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}
