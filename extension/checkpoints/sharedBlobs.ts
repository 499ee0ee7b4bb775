/**
 * The store's blobs for other modules of the extension, without opening the store (which loads
 * the shadow index and measures the blobs): the inline review keeps its texts here instead of
 * in workspaceState. What they still need lists its hashes in `retained/<name>.json`; pruning
 * keeps every blob named there.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

import { BlobStore } from "./blobStore";
import { keyOf } from "./manifests";

/** The folder of `workspaceRoot`'s checkpoints under `storageDir` (both real paths). */
export async function storeFolder(storageDir: string, workspaceRoot: string): Promise<string> {
  const root = await fs.realpath(workspaceRoot);
  await fs.mkdir(storageDir, { recursive: true });
  const storage = await fs.realpath(storageDir);
  return path.join(storage, keyOf(root));
}

export interface SharedBlobs {
  put(bytes: Uint8Array): Promise<string>;
  /** undefined when the blob is gone (pruned, or the store was deleted). */
  get(hash: string): Promise<Buffer | undefined>;
  /** Records the hashes `name` still needs (replacing its earlier list). */
  retain(name: string, hashes: readonly string[]): Promise<void>;
}

export async function sharedBlobs(storageDir: string, workspaceRoot: string): Promise<SharedBlobs> {
  const dir = await storeFolder(storageDir, workspaceRoot);
  const blobs = new BlobStore(path.join(dir, "blobs"));
  return {
    put: (bytes) => blobs.put(bytes),
    get: (hash) => blobs.get(hash).catch(() => undefined),
    retain: async (name, hashes) => {
      const file = path.join(dir, "retained", `${name}.json`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
      await fs.writeFile(tmp, JSON.stringify(hashes));
      await fs.rename(tmp, file);
    },
  };
}

/** Every hash listed in `retained/` of the store folder `dir`. */
export async function retainedHashes(dir: string): Promise<Set<string>> {
  const keep = new Set<string>();
  const folder = path.join(dir, "retained");
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    try {
      const hashes: unknown = JSON.parse(await fs.readFile(path.join(folder, name), "utf8"));
      if (Array.isArray(hashes)) for (const h of hashes) if (typeof h === "string") keep.add(h);
    } catch {
      // A list being replaced right now: its previous blobs stay until the next prune.
    }
  }
  return keep;
}
