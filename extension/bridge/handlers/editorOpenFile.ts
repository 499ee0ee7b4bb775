/** `editor/openFile`: opens a file, but only one inside a workspace folder. */
import { promises as fsp } from "node:fs";
import * as path from "node:path";

import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
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

/**
 * Like `pathInsideWorkspace`, but the check is made on real paths: a symlink inside the workspace
 * that points outside it (`notes -> /etc/passwd`) is refused. Returns the path as given (resolved),
 * so the editor shows the name the user knows; null when outside, or when it does not exist.
 */
export async function realPathInsideWorkspace(
  candidate: string,
  folders: readonly string[],
  realpath: (file: string) => Promise<string> = (file) => fsp.realpath(file),
): Promise<string | null> {
  const target = pathInsideWorkspace(candidate, folders);
  if (!target) return null;
  const real = async (file: string) => realpath(file).catch(() => null);
  const realTarget = await real(target);
  if (realTarget === null) return null;
  const realFolders = (await Promise.all(folders.map(real))).filter(
    (folder): folder is string => folder !== null,
  );
  return pathInsideWorkspace(realTarget, realFolders) ? target : null;
}

export const editorOpenFile = defineHandler("editor/openFile", async (context, params) => {
  const target = await realPathInsideWorkspace(params.path, context.editor.workspaceFolders());
  if (!target)
    throw new ChannelRequestError(l10n.t("Only files inside the workspace can be opened."));
  await context.editor.openFile(target, params.line);
  return {};
});
