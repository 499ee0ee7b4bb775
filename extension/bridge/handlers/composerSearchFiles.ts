/** `composer/searchFiles`: @-mention candidates from the workspace file index, best first. */
import * as path from "node:path";

import { MAX_MENTION_RESULTS, type MentionCandidate } from "../../../protocol/webview/messages";
import { defineHandler } from "./context";

/**
 * The absolute path of an index path: relative to the only workspace folder, or (multi-root)
 * prefixed with its folder's name. Null when there is no folder to resolve it against.
 */
export function resolveMentionPath(
  relative: string,
  folders: readonly { name: string; path: string }[],
  pathApi: typeof path = path,
): string | null {
  const [first] = folders;
  if (!first) return null;
  if (folders.length > 1) {
    const slash = relative.indexOf("/");
    const head = slash === -1 ? relative : relative.slice(0, slash);
    const folder = folders.find((candidate) => candidate.name === head);
    if (folder && slash !== -1) return pathApi.join(folder.path, relative.slice(slash + 1));
  }
  return pathApi.join(first.path, relative);
}

/** A ranked index path as the popup shows it: the file name, and its folder as the description. */
export function mentionCandidate(
  relative: string,
  folders: readonly { name: string; path: string }[],
  pathApi: typeof path = path,
): MentionCandidate | null {
  const absolute = resolveMentionPath(relative, folders, pathApi);
  if (!absolute) return null;
  const slash = relative.lastIndexOf("/");
  return {
    path: absolute,
    label: slash === -1 ? relative : relative.slice(slash + 1),
    description: slash === -1 ? "" : relative.slice(0, slash),
  };
}

export const composerSearchFiles = defineHandler(
  "composer/searchFiles",
  async (context, params) => {
    const index = context.fileMentions;
    const folders = context.workspaceFolders?.() ?? [];
    if (!index || folders.length === 0) return { files: [] };
    const matches = await index.search(params.query, MAX_MENTION_RESULTS);
    const files: MentionCandidate[] = [];
    for (const match of matches.slice(0, MAX_MENTION_RESULTS)) {
      const candidate = mentionCandidate(match.path, folders);
      if (candidate) files.push(candidate);
    }
    return { files };
  },
);
