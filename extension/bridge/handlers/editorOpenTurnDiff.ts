/**
 * `editor/openTurnDiff`: every file a turn changed, in VS Code's multi-file diff editor (the
 * files before the turn against the files now), never as a raw patch document.
 */
import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { turnFileSides } from "../../review/changeSides";
import { defineHandler } from "./context";

export const editorOpenTurnDiff = defineHandler("editor/openTurnDiff", async (context, params) => {
  const turn = context.bridge.state.thread?.turns.find((t) => t.id === params.turnId);
  if (!turn) throw new ChannelRequestError("This turn is no longer in the transcript.");
  const applied: FileUpdateChange[] = turn.items.flatMap((item) =>
    item.type === "fileChange" && item.status === "completed" ? item.changes : [],
  );
  if (applied.length === 0) throw new ChannelRequestError("This turn changed no files.");
  const paths = new Set(
    applied.flatMap((change) =>
      change.kind.type === "update" && change.kind.move_path
        ? [change.path, change.kind.move_path]
        : [change.path],
    ),
  );
  const texts = new Map<string, string | undefined>();
  for (const path of paths) texts.set(path, await context.editor.readText(path));
  const { files, unavailable } = turnFileSides(applied, (path) => texts.get(path));
  if (files.length === 0) {
    throw new ChannelRequestError(
      "These files were edited after this turn, so its diff can no longer be shown.",
    );
  }
  const note = unavailable.length > 0 ? ` (${unavailable.length} edited since, not shown)` : "";
  await context.editor.openChanges(files, `Codex: changes of this turn${note}`);
  return {};
});
