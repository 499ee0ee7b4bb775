/**
 * Where the pending change set comes from: each turn the checkpoint store summarised. Its
 * files' before-contents are read from the store, so the editor shows exactly the turn's
 * changes (patches and shell commands alike). An undone turn leaves the set. Pure Node.
 */
import * as path from "node:path";

import type { CheckpointStore } from "../../checkpoints";
import { describeError } from "../../appServer/errors";
import type { Logger } from "../../log";
import type { Disposable } from "../../connection/port";
import type { CheckpointChange, TurnCheckpoints } from "../turnCheckpoints";
import type { TurnFile } from "./pendingChanges";

export interface TurnChangesSink {
  addTurnChanges(threadId: string, turnId: string, files: readonly TurnFile[]): void;
  forgetTurn(turnId: string): void;
}

type Store = Pick<CheckpointStore, "beforeAfter" | "root">;

/** Reads a finished turn's files and hands them to `sink`; never throws. */
export async function feedTurn(
  change: CheckpointChange,
  store: Store | undefined,
  sink: TurnChangesSink,
  logger: Logger,
  /** The workspace folder as VS Code names it (the store's root is its real path). */
  root?: string,
): Promise<void> {
  const { threadId, turnId, checkpoint } = change;
  if (checkpoint.undone) {
    sink.forgetTurn(turnId);
    return;
  }
  if (!store || checkpoint.files.length === 0) return;
  const files: TurnFile[] = [];
  for (const file of checkpoint.files) {
    const absolute = path.join(root ?? store.root, ...file.path.split("/"));
    if (file.kind === "deleted") {
      files.push({ path: absolute, before: null, deleted: true });
      continue;
    }
    if (file.binary) {
      files.push({ path: absolute, before: null, binary: true });
      continue;
    }
    try {
      const { before, after } = await store.beforeAfter(threadId, turnId, file.path);
      // Content not kept (over the store's size cap): listed, without inline hunks.
      const tooLarge = file.kind !== "added" && before === null;
      files.push({
        path: absolute,
        before: before?.toString("utf8") ?? null,
        tooLarge,
        ...(after ? { after: after.toString("utf8") } : {}),
      });
    } catch (error) {
      logger.warn(`inline review: no before-state of ${file.path}: ${describeError(error)}`);
    }
  }
  if (files.length > 0) sink.addTurnChanges(threadId, turnId, files);
}

/** Feeds every turn summary `checkpoints` publishes into `sink`, in order. */
export function feedFromCheckpoints(
  checkpoints: Pick<TurnCheckpoints, "onDidChange">,
  store: () => Store | undefined,
  sink: TurnChangesSink,
  logger: Logger,
  root: () => string | undefined = () => undefined,
): Disposable {
  let queue = Promise.resolve();
  return checkpoints.onDidChange((change) => {
    queue = queue.then(() => feedTurn(change, store(), sink, logger, root()));
  });
}
