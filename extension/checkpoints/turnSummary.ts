/**
 * From "state before / state after" per path to the turn's FileChange list: folders apart,
 * deletions and additions of the same content paired as renames, +/− line counts for text.
 */
import type { BlobStore } from "./blobStore";
import { diffStats } from "./lineCounts";
import { sameState } from "./shadowIndex";
import type { EntryState, FileChange, IncompleteReason } from "./types";

/** Files larger than this are not diffed for line counts (the counts stay 0). */
const MAX_DIFF_BYTES = 4 * 1024 * 1024;

export interface PathDelta {
  path: string;
  before: EntryState | null;
  after: EntryState | null;
}

export async function summarise(
  deltas: readonly PathDelta[],
  blobs: BlobStore,
): Promise<{
  files: FileChange[];
  directories: { added: string[]; deleted: string[] };
  incompleteReasons: IncompleteReason[];
}> {
  const directories = { added: [] as string[], deleted: [] as string[] };
  const added: PathDelta[] = [];
  const deleted: PathDelta[] = [];
  const modified: PathDelta[] = [];
  for (const delta of deltas) {
    let { before, after } = delta;
    if (before?.type === "dir" && after?.type !== "dir") {
      directories.deleted.push(delta.path);
      before = null;
    }
    if (after?.type === "dir" && before?.type !== "dir") {
      directories.added.push(delta.path);
      after = null;
    }
    if (before?.type === "dir" || sameState(before, after)) continue; // a folder's own stat
    const entry = { path: delta.path, before, after };
    if (!before) added.push(entry);
    else if (!after) deleted.push(entry);
    else modified.push(entry);
  }
  directories.added.sort();
  directories.deleted.sort();

  const files: FileChange[] = [];
  const renamedFrom = new Set<PathDelta>();
  for (const add of added) {
    const from = deleted.find(
      (del) => !renamedFrom.has(del) && sameContent(del.before!, add.after!),
    );
    if (from) {
      renamedFrom.add(from);
      files.push(await describe(add.path, "renamed", from.before, add.after, blobs, from.path));
    } else {
      files.push(await describe(add.path, "added", null, add.after, blobs));
    }
  }
  for (const del of deleted) {
    if (!renamedFrom.has(del))
      files.push(await describe(del.path, "deleted", del.before, null, blobs));
  }
  for (const mod of modified) {
    files.push(await describe(mod.path, "modified", mod.before, mod.after, blobs));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const incompleteReasons: IncompleteReason[] = [];
  for (const file of files) {
    const before = file.before;
    if (before?.type === "file" && !before.hash) {
      incompleteReasons.push({
        path: file.previousPath ?? file.path,
        reason: before.tooLarge ? "too-large" : "unreadable",
      });
    }
  }
  return { files, directories, incompleteReasons };
}

function sameContent(a: EntryState, b: EntryState): boolean {
  if (a.type === "file" && b.type === "file") return !!a.hash && a.hash === b.hash;
  if (a.type === "symlink" && b.type === "symlink") return a.target === b.target;
  return false;
}

async function describe(
  path: string,
  kind: FileChange["kind"],
  before: EntryState | null,
  after: EntryState | null,
  blobs: BlobStore,
  previousPath?: string,
): Promise<FileChange> {
  const change: FileChange = { path, kind, before, after, added: 0, removed: 0, binary: false };
  if (previousPath !== undefined) change.previousPath = previousPath;
  if (
    before?.type === "file" &&
    after?.type === "file" &&
    before.hash === after.hash &&
    before.mode !== after.mode
  ) {
    change.modeOnly = true;
    return change;
  }
  const beforeBytes = await contentOf(before, blobs);
  const afterBytes = await contentOf(after, blobs);
  if (beforeBytes === undefined || afterBytes === undefined) return change;
  return { ...change, ...diffStats(beforeBytes, afterBytes) };
}

/** Bytes to diff: empty for "absent" and symlinks, undefined when not kept or too big. */
async function contentOf(state: EntryState | null, blobs: BlobStore): Promise<Buffer | undefined> {
  if (!state || state.type !== "file") return Buffer.alloc(0);
  if (!state.hash || state.size > MAX_DIFF_BYTES) return undefined;
  return blobs.get(state.hash);
}
