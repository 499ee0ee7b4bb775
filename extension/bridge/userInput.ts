/**
 * The composer's text and attachments as codex `UserInput` items: files as `mention`s plus one
 * text item naming their paths, selections as their own text item (path, lines, fenced code; see
 * protocol/webview/selectionContext.ts, which the webview shows as a chip), `@problems`,
 * `@terminal` and `@changes` likewise (protocol/webview/contextMentions.ts), images as `image`
 * data URLs.
 *
 * codex 0.169.0 keeps a `mention` of a plain file in the thread (the transcript shows it as a
 * chip) but does not pass it to the model: neither the path nor the contents reach the request
 * (checked against the real binary in test/protocol/attachments.test.ts). So the paths also go
 * out as text, and the model reads the files with its tools, as with a path typed in the message.
 */
import * as path from "node:path";

import type { UserInput } from "../../protocol/codex/v2/UserInput";
import { attachedFilesText } from "../../protocol/webview/attachedFiles";
import { editorContextText } from "../../protocol/webview/contextMentions";
import type { Attachment } from "../../protocol/webview/messages";
import { selectionContextText } from "../../protocol/webview/selectionContext";

function textInput(text: string): UserInput {
  return { type: "text", text, text_elements: [] };
}

export function attachmentInput(attachment: Attachment): UserInput {
  switch (attachment.kind) {
    case "file":
      return { type: "mention", name: path.basename(attachment.path), path: attachment.path };
    case "selection":
      return textInput(selectionContextText(attachment));
    case "context":
      return textInput(editorContextText(attachment));
    case "image":
      return { type: "image", url: attachment.dataUrl };
  }
}

/** `[]` when there is nothing to send. */
export function toUserInput(text: string, attachments: readonly Attachment[]): UserInput[] {
  const input: UserInput[] = [];
  if (text.trim().length > 0) input.push(textInput(text));
  for (const attachment of attachments) input.push(attachmentInput(attachment));
  const files = attachedFilesText(
    attachments.flatMap((attachment) => (attachment.kind === "file" ? [attachment.path] : [])),
  );
  if (files) input.push(textInput(files));
  return input;
}
