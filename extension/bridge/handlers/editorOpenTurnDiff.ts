/**
 * `editor/openTurnDiff`: every file a turn changed, in VS Code's multi-file diff editor (the
 * files before the turn against the files now), never as a raw patch document.
 */
import type { FileUpdateChange } from "../../../protocol/codex/v2/FileUpdateChange";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { turnFileSides } from "../../review/changeSides";
import { defineHandler } from "./context";

export const editorOpenTurnDiff = defineHandler("editor/openTurnDiff", async (context, params) => {
  const turn = context.bridge.state.thread?.turns.find((t) => t.id === params.turnId);
  if (!turn) throw new ChannelRequestError(l10n.t("This turn is no longer in the transcript."));
  const applied: FileUpdateChange[] = turn.items.flatMap((item) =>
    item.type === "fileChange" && item.status === "completed" ? item.changes : [],
  );
  if (applied.length === 0) throw new ChannelRequestError(l10n.t("This turn changed no files."));
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
      l10n.t("These files were edited after this turn, so its diff can no longer be shown."),
    );
  }
  const title =
    unavailable.length > 0
      ? l10n.t("Codex: changes of this turn ({0} edited since, not shown)", unavailable.length)
      : l10n.t("Codex: changes of this turn");
  await context.editor.openChanges(files, title);
  return {};
});
