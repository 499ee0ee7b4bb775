/**
 * `chat/send`: Sends a message, starting the thread on first use; queued or steered while a turn
 * runs. With `includeEditorContext`, the active editor's selection (or file) is read now and
 * attached, unless the composer already attaches the same thing.
 */
import type { Attachment } from "../../../protocol/webview/messages";
import { defineHandler } from "./context";

function sameAttachment(a: Attachment, b: Attachment): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "file" && b.kind === "file") return a.path === b.path;
  if (a.kind === "selection" && b.kind === "selection") {
    return a.path === b.path && a.startLine === b.startLine && a.endLine === b.endLine;
  }
  return false;
}

export const chatSend = defineHandler("chat/send", async (context, params) => {
  let attachments = params.attachments;
  if (params.includeEditorContext) {
    const extra = await context.editor.editorContextAttachment();
    if (extra && !attachments.some((existing) => sameAttachment(existing, extra))) {
      attachments = [...attachments, extra];
    }
  }
  return context.bridge.threads.send(params.text, attachments, params.followUp);
});
