/**
 * `editor/openFileDiff` and `editor/openItemDiff`: one file, or all files, of a `fileChange`
 * item in VS Code's own diff editors. Before approval the file on disk is compared with the
 * proposal; after, the reconstructed original with the file. Both sides are read-only documents
 * (never an Untitled buffer); a change that no longer fits its file says so instead of showing a
 * wrong diff.
 */
import * as path from "node:path";

import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import type { ThreadItem, ThreadView } from "../../../protocol/webview/viewModel";
import { changeSides, type ChangeSides } from "../../review/changeSides";
import { defineHandler, type HandlerContext } from "./context";

type FileChangeItem = Extract<ThreadItem, { type: "fileChange" }>;

/** Item `itemId` of turn `turnId`, if the transcript has it and it is a file change. */
export function findFileChangeItem(
  thread: ThreadView | null,
  turnId: string,
  itemId: string,
): FileChangeItem | undefined {
  const turn = thread?.turns.find((candidate) => candidate.id === turnId);
  const item = turn?.items.find((candidate) => candidate.id === itemId);
  return item?.type === "fileChange" ? item : undefined;
}

/** The change to `filePath` in item `itemId` of turn `turnId`, if the transcript has it. */
export function findFileChange(
  thread: ThreadView | null,
  turnId: string,
  itemId: string,
  filePath: string,
): FileUpdateChange | undefined {
  return findFileChangeItem(thread, turnId, itemId)?.changes.find(
    (change) =>
      change.path === filePath ||
      (change.kind.type === "update" && change.kind.move_path === filePath),
  );
}

async function sidesOf(
  context: HandlerContext,
  item: FileChangeItem,
  change: FileUpdateChange,
): Promise<ChangeSides | null> {
  const kind = change.kind;
  const onDisk = kind.type === "update" && kind.move_path ? kind.move_path : change.path;
  const applied = item.status === "completed";
  // A pending move reads the source; an applied one, the destination.
  const current = await context.editor.readText(applied ? onDisk : change.path);
  return changeSides(change, item.status, current);
}

function title(sides: ChangeSides): string {
  const name = path.basename(sides.path);
  return sides.proposed
    ? l10n.t("{0} (proposed by Codex)", name)
    : l10n.t("{0} (changed by Codex)", name);
}

export const editorOpenFileDiff = defineHandler("editor/openFileDiff", async (context, params) => {
  const thread = context.bridge.state.thread;
  const item = findFileChangeItem(thread, params.turnId, params.itemId);
  const change = findFileChange(thread, params.turnId, params.itemId, params.path);
  if (!item || !change)
    throw new ChannelRequestError(l10n.t("This change is no longer in the transcript."));
  const sides = await sidesOf(context, item, change);
  if (!sides) {
    throw new ChannelRequestError(
      l10n.t(
        "{0} was edited after Codex changed it, so this diff can no longer be shown.",
        path.basename(change.path),
      ),
    );
  }
  await context.editor.openDiff(sides, title(sides));
  return {};
});

export const editorOpenItemDiff = defineHandler("editor/openItemDiff", async (context, params) => {
  const item = findFileChangeItem(context.bridge.state.thread, params.turnId, params.itemId);
  if (!item) throw new ChannelRequestError(l10n.t("This change is no longer in the transcript."));
  const files: ChangeSides[] = [];
  const stale: string[] = [];
  for (const change of item.changes) {
    const sides = await sidesOf(context, item, change);
    if (sides) files.push(sides);
    else stale.push(path.basename(change.path));
  }
  if (files.length === 0) {
    throw new ChannelRequestError(
      l10n.t(
        "These files were edited after Codex changed them, so the diff can no longer be shown: {0}.",
        stale.join(", "),
      ),
    );
  }
  const proposed = item.status !== "completed";
  await context.editor.openChanges(
    files,
    proposed ? l10n.t("Codex: proposed changes") : l10n.t("Codex: changes"),
  );
  return {};
});
