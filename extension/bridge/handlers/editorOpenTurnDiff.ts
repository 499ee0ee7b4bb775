/** `editor/openTurnDiff`: the whole diff of a turn. */
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { defineHandler } from "./context";

export const editorOpenTurnDiff = defineHandler("editor/openTurnDiff", async (context, params) => {
  const turn = context.bridge.state.thread?.turns.find(
    (candidate) => candidate.id === params.turnId,
  );
  if (!turn?.diff) throw new ChannelRequestError("This turn changed no files.");
  await context.editor.openTurnDiff(turn.diff, "Codex: changes of this turn");
  return {};
});
