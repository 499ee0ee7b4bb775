/**
 * `notice/openFile`: opens the file a notice names (a broken config.toml, at its line). The path
 * comes from the host's own notice, never from the webview, so this opens nothing else.
 */
import { defineHandler } from "./context";

export const noticeOpenFile = defineHandler("notice/openFile", async (context, params) => {
  const notice = context.bridge.state.snapshot.notices.find((each) => each.id === params.noticeId);
  const action = notice?.actions?.find((each) => each.kind === "openFile");
  if (action?.kind === "openFile")
    await context.editor.openFile(action.path, action.line ?? undefined);
  return {};
});
