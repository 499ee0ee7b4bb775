/**
 * Where the pending change set survives a window reload. Its texts (a file's baseline and the
 * turn's after-text, up to 1 MB each) go to the checkpoint store's blobs, where the turn's
 * before- and after-contents already are, and workspaceState keeps only their hashes (version
 * 2). Without a storage folder (no workspace folder on disk) the texts themselves go to
 * workspaceState (version 1, the text fallback), as they all did before. Pure Node.
 */
import type { SharedBlobs } from "../../checkpoints";
import { describeError } from "../../appServer/errors";
import type { Logger } from "../../log";
import type { PendingFile, PendingSnapshot } from "./pendingChanges";

/** A pending file with its texts named by blob hash. */
type StoredFile = Omit<PendingFile, "baseline" | "after"> & {
  baselineHash: string | null;
  afterHash?: string;
};

export interface StoredSnapshot {
  version: 2;
  files: StoredFile[];
}

/** The name under which the inline review lists the blobs it needs (see sharedBlobs). */
const RETAINED_AS = "inline-review";

export class PendingPersistence {
  private writing: Promise<void> = Promise.resolve();
  private latest: PendingSnapshot | undefined;
  /** text → hash of the texts last saved, so an unchanged text is not hashed again. */
  private hashes = new Map<string, string>();

  constructor(
    private readonly blobs: () => Promise<SharedBlobs | undefined>,
    private readonly write: (
      value: StoredSnapshot | PendingSnapshot | undefined,
    ) => PromiseLike<void>,
    private readonly logger: Logger,
  ) {}

  /** Saves `snapshot` (after the saves before it; only the latest of those waiting is written). */
  save(snapshot: PendingSnapshot): Promise<void> {
    const first = this.latest === undefined;
    this.latest = snapshot;
    if (first) {
      this.writing = this.writing.then(() => this.saveLatest());
    }
    return this.writing;
  }

  /** The set as saved, its texts read back; files whose texts are gone are dropped. */
  async load(stored: unknown): Promise<PendingSnapshot | undefined> {
    if (!stored || typeof stored !== "object") return undefined;
    const { version, files } = stored as { version?: unknown; files?: unknown };
    if (!Array.isArray(files)) return undefined;
    if (version === 1) return stored as PendingSnapshot;
    if (version !== 2) return undefined;
    const blobs = await this.blobsOrUndefined();
    if (!blobs) return undefined;
    const loaded: PendingFile[] = [];
    for (const file of files as StoredFile[]) {
      const { baselineHash, afterHash, ...rest } = file;
      const baseline = baselineHash === null ? null : await blobs.get(baselineHash);
      const after = afterHash === undefined ? undefined : await blobs.get(afterHash);
      if (baseline === undefined || (afterHash !== undefined && after === undefined)) {
        this.logger.warn(`inline review: the texts of ${file.path} are gone; dropped`);
        continue;
      }
      const text = baseline?.toString("utf8") ?? null;
      if (text !== null && baselineHash) this.hashes.set(text, baselineHash);
      const afterText = after?.toString("utf8");
      if (afterText !== undefined && afterHash) this.hashes.set(afterText, afterHash);
      loaded.push({
        ...rest,
        baseline: text,
        ...(afterText !== undefined ? { after: afterText } : {}),
      });
    }
    return { version: 1, files: loaded };
  }

  private async saveLatest(): Promise<void> {
    const snapshot = this.latest!;
    this.latest = undefined;
    try {
      if (snapshot.files.length === 0) {
        await this.write(undefined);
        await (await this.blobsOrUndefined())?.retain(RETAINED_AS, []);
        return;
      }
      const blobs = await this.blobsOrUndefined();
      if (!blobs) {
        await this.write(snapshot);
        return;
      }
      const hashes = new Map<string, string>();
      const hashOf = async (text: string): Promise<string> => {
        const hash = this.hashes.get(text) ?? (await blobs.put(Buffer.from(text, "utf8")));
        hashes.set(text, hash);
        return hash;
      };
      const files: StoredFile[] = [];
      for (const { baseline, after, ...rest } of snapshot.files) {
        files.push({
          ...rest,
          baselineHash: baseline === null ? null : await hashOf(baseline),
          ...(after !== undefined ? { afterHash: await hashOf(after) } : {}),
        });
      }
      // Listed before workspaceState names them, so a prune in between cannot drop them.
      await blobs.retain(RETAINED_AS, [...hashes.values()]);
      await this.write({ version: 2, files });
      this.hashes = hashes;
    } catch (error) {
      this.logger.warn(`inline review: saving the pending changes failed: ${describeError(error)}`);
    }
  }

  private async blobsOrUndefined(): Promise<SharedBlobs | undefined> {
    try {
      return await this.blobs();
    } catch (error) {
      this.logger.warn(`inline review: no checkpoint storage: ${describeError(error)}`);
      return undefined;
    }
  }
}
