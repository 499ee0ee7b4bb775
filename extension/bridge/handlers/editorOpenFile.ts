/** `editor/openFile`: opens a file, but only one inside a workspace folder. */
import * as path from "node:path";

import { ChannelRequestError } from "../../../protocol/webview/channel";
import { defineHandler } from "./context";

/**
 * The absolute path of `candidate` when it lies inside one of `folders` (a relative path is
 * taken relative to the first folder), else null. `..` segments cannot escape.
 */
export function pathInsideWorkspace(
  candidate: string,
  folders: readonly string[],
  pathApi: typeof path = path,
): string | null {
  const [first] = folders;
  if (!first) return null;
  const resolved = pathApi.isAbsolute(candidate)
    ? pathApi.resolve(candidate)
    : pathApi.resolve(first, candidate);
  for (const folder of folders) {
    const relative = pathApi.relative(pathApi.resolve(folder), resolved);
    if (relative === "" || (!relative.startsWith("..") && !pathApi.isAbsolute(relative))) {
      return resolved;
    }
  }
  return null;
}

export const editorOpenFile = defineHandler("editor/openFile", async (context, params) => {
  const target = pathInsideWorkspace(params.path, context.editor.workspaceFolders());
  if (!target) throw new ChannelRequestError("Only files inside the workspace can be opened.");
  await context.editor.openFile(target, params.line);
  return {};
});
