/** `history/rename`: Renames a thread. */
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

export const historyRename = defineHandler("history/rename", async (context, params) => {
  const name = params.name.trim();
  if (!name) throw new ChannelRequestError(l10n.t("A thread name cannot be empty."));
  await context.bridge.history.rename(params.threadId, name);
  return {};
});
