/**
 * Undo of one turn: every path back to its state before the turn, unless someone changed it
 * after the turn (then it is kept, or overwritten on request after saving what was there).
 *
 * Order matters for paths that changed kind: first what the turn created is removed, then the
 * folders it created (if empty), then the folders it deleted are made again, then files and
 * links are written.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

import type { BlobStore } from "./blobStore";
import { hashBytes } from "./blobStore";
import { forEachLimited } from "./concurrency";
import { diffStats } from "./lineCounts";
import { sameState } from "./shadowIndex";
import type { EntryState, FileChange, TurnChanges, UndoFileResult, UserEdit } from "./types";

/** Files compared with their after-state at the same time. */
const PLAN_CONCURRENCY = 8;

const FOLDER_STATE: EntryState = { type: "dir" };

interface Op {
  path: string;
  before: EntryState | null;
  after: EntryState | null;
}

interface Current {
  state: EntryState | null;
  bytes?: Buffer;
}

export interface RestoreContext {
  root: string;
  blobs: BlobStore;
  maxFileBytes: number;
}

function opsOf(change: FileChange): Op[] {
  if (change.kind === "renamed" && change.previousPath !== undefined) {
    return [
      { path: change.path, before: null, after: change.after },
      { path: change.previousPath, before: change.before, after: null },
    ];
  }
  return [{ path: change.path, before: change.before, after: change.after }];
}

function absolute(ctx: RestoreContext, rel: string): string {
  return path.join(ctx.root, ...rel.split("/"));
}

/** The path's state now, with the bytes when it is a file small enough to keep. */
export async function currentState(ctx: RestoreContext, rel: string): Promise<Current> {
  const abs = absolute(ctx, rel);
  const stat = await fs.lstat(abs).catch(() => undefined);
  if (!stat) return { state: null };
  if (stat.isSymbolicLink()) return { state: { type: "symlink", target: await fs.readlink(abs) } };
  if (stat.isDirectory()) return { state: { type: "dir" } };
  const mode = stat.mode & 0o7777;
  if (stat.size > ctx.maxFileBytes) {
    return { state: { type: "file", size: stat.size, mode, tooLarge: true, mtime: stat.mtimeMs } };
  }
  const bytes = await fs.readFile(abs);
  return { state: { type: "file", size: bytes.length, mode, hash: hashBytes(bytes) }, bytes };
}

async function describeUserEdit(
  ctx: RestoreContext,
  after: EntryState | null,
  current: Current,
): Promise<UserEdit> {
  const now = current.state;
  const edit: UserEdit = { kind: "modified", added: 0, removed: 0, binary: false };
  if (!now) edit.kind = "deleted";
  else if (!after) edit.kind = "recreated";
  else if (now.type !== after.type) edit.kind = "type-changed";
  else if (now.type === "file" && after.type === "file" && now.hash && now.hash === after.hash) {
    edit.kind = "mode-changed";
    return edit;
  }
  const afterBytes =
    after?.type === "file" && after.hash ? await ctx.blobs.get(after.hash) : Buffer.alloc(0);
  const nowBytes = current.bytes ?? Buffer.alloc(0);
  return { ...edit, ...diffStats(afterBytes, nowBytes) };
}

interface Planned {
  change: FileChange;
  ops: Op[];
  result: UndoFileResult;
  currents: Current[];
}

/** What undo would do to each file, without changing anything. */
export async function planUndo(ctx: RestoreContext, turn: TurnChanges): Promise<Planned[]> {
  const planned: Planned[] = new Array<Planned>(turn.files.length);
  const madeDirs = new Set(turn.directories.added);
  await forEachLimited(turn.files, PLAN_CONCURRENCY, async (change, at) => {
    // A path the turn turned into a folder ends as that folder, not as "absent".
    const ops = opsOf(change).map((op) =>
      !op.after && madeDirs.has(op.path) ? { ...op, after: FOLDER_STATE } : op,
    );
    const currents = await Promise.all(ops.map((op) => currentState(ctx, op.path)));
    const result: UndoFileResult = { path: change.path, outcome: "restored" };
    if (ops.some((op) => op.before?.type === "file" && !op.before.hash)) {
      result.outcome = "not-restorable";
    } else if (ops.every((op, i) => sameState(currents[i]!.state, op.before))) {
      result.outcome = "unchanged";
    } else {
      const conflict = ops.findIndex(
        (op, i) =>
          !sameState(currents[i]!.state, op.after) && !sameState(currents[i]!.state, op.before),
      );
      if (conflict >= 0) {
        result.outcome = "kept-user-edit";
        result.userEdit = await describeUserEdit(ctx, ops[conflict]!.after, currents[conflict]!);
      }
    }
    planned[at] = { change, ops, result, currents };
  });
  return planned;
}

/**
 * Applies the plan. With `overwriteUserEdits`, files changed after the turn are restored too,
 * after their current content is saved to the store (its hash in `savedAs`).
 */
export async function applyUndo(
  ctx: RestoreContext,
  turn: TurnChanges,
  planned: Planned[],
  overwriteUserEdits: boolean,
): Promise<UndoFileResult[]> {
  const toApply: Planned[] = [];
  for (const item of planned) {
    if (item.result.outcome === "kept-user-edit" && overwriteUserEdits) {
      item.result.outcome = "overwrote-user-edit";
      const saved = item.currents.find((c) => c.bytes);
      if (saved?.bytes) item.result.savedAs = await ctx.blobs.put(saved.bytes);
    }
    if (item.result.outcome === "restored" || item.result.outcome === "overwrote-user-edit") {
      toApply.push(item);
    }
  }
  const fail = (item: Planned, error: unknown): void => {
    item.result.outcome = "failed";
    item.result.error = error instanceof Error ? error.message : String(error);
  };

  // 1. Remove what the turn created (a path that is already as before is left alone).
  for (const item of toApply) {
    for (const [i, op] of item.ops.entries()) {
      if (op.before || !item.currents[i]!.state || op.after?.type === "dir") continue;
      try {
        await removeEntry(absolute(ctx, op.path), item.currents[i]!.state!);
      } catch (error) {
        fail(item, error);
      }
    }
  }
  // 2. Folders the turn created, deepest first, when nothing else lives in them now.
  for (const dir of [...turn.directories.added].sort((a, b) => b.length - a.length)) {
    await fs.rmdir(absolute(ctx, dir)).catch(() => undefined);
  }
  // 3. Folders the turn deleted, shallowest first.
  for (const dir of [...turn.directories.deleted].sort((a, b) => a.length - b.length)) {
    await fs.mkdir(absolute(ctx, dir), { recursive: true }).catch(() => undefined);
  }
  // 4. Files and links as they were.
  for (const item of toApply) {
    if (item.result.outcome === "failed") continue;
    for (const [i, op] of item.ops.entries()) {
      if (!op.before || sameState(item.currents[i]!.state, op.before)) continue;
      try {
        await writeEntry(ctx, absolute(ctx, op.path), op.before);
      } catch (error) {
        fail(item, error);
      }
    }
  }
  return planned.map((item) => item.result);
}

async function removeEntry(abs: string, state: EntryState): Promise<void> {
  if (state.type === "dir") {
    // Only an empty folder: never delete content nobody captured.
    await fs.rmdir(abs);
    return;
  }
  await fs.unlink(abs);
}

async function writeEntry(ctx: RestoreContext, abs: string, before: EntryState): Promise<void> {
  await fs.mkdir(path.dirname(abs), { recursive: true });
  // As it is now (the earlier phases may have removed it), not as planned.
  const stat = await fs.lstat(abs).catch(() => undefined);
  const current = stat?.isDirectory() ? "dir" : stat?.isSymbolicLink() ? "symlink" : stat && "file";
  if (current && (current !== before.type || current === "symlink")) {
    if (current === "dir") await fs.rmdir(abs);
    else await fs.unlink(abs);
  }
  if (before.type === "symlink") {
    await fs.symlink(before.target, abs);
  } else if (before.type === "file") {
    // In place when a file is there: keeps its inode, hard links and ownership.
    await fs.writeFile(abs, await ctx.blobs.get(before.hash!));
    await fs.chmod(abs, before.mode);
  } else {
    await fs.mkdir(abs, { recursive: true });
  }
}
