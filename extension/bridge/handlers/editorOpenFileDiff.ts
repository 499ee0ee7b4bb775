/** `editor/openFileDiff`: a diff editor for one file of a `fileChange` item. */
import * as path from "node:path";

import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import type { ThreadView } from "../../../protocol/webview/viewModel";
import { defineHandler } from "./context";

/** The change to `filePath` in item `itemId` of turn `turnId`, if the transcript has it. */
export function findFileChange(
  thread: ThreadView | null,
  turnId: string,
  itemId: string,
  filePath: string,
): FileUpdateChange | undefined {
  const turn = thread?.turns.find((candidate) => candidate.id === turnId);
  const item = turn?.items.find((candidate) => candidate.id === itemId);
  if (item?.type !== "fileChange") return undefined;
  return item.changes.find(
    (change) =>
      change.path === filePath ||
      (change.kind.type === "update" && change.kind.move_path === filePath),
  );
}

export const editorOpenFileDiff = defineHandler("editor/openFileDiff", async (context, params) => {
  const change = findFileChange(
    context.bridge.state.thread,
    params.turnId,
    params.itemId,
    params.path,
  );
  if (!change) throw new ChannelRequestError("This change is no longer in the transcript.");
  const name = path.basename(change.path);
  const label =
    change.kind.type === "add" ? "added" : change.kind.type === "delete" ? "deleted" : "changed";
  await context.editor.openFileDiff(change, `${name} (${label} by Codex)`);
  return {};
});
