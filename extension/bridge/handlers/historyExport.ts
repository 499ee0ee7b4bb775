/** `history/export`: A past thread as Markdown, to a file or the clipboard (the user picks). */
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

export const historyExport = defineHandler("history/export", async (context, params) => {
  if (!context.editor.exportThread) throw new Error(l10n.t("Export is not available here."));
  await context.editor.exportThread(params.threadId);
  return {};
});
