/** `clipboard/write`: Copies text to the clipboard. */
import { defineHandler } from "./context";

export const clipboardWrite = defineHandler("clipboard/write", async (context, params) => {
  await context.editor.writeClipboard(params.text);
  return {};
});
