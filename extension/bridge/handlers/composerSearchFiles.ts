/**
 * `composer/searchFiles`: @-mention candidates from the workspace file index, best first (with
 * the lines of `@app.ts:10-40`), and the editor's context sources whose name the query starts.
 */
import * as path from "node:path";

import { parseLineRange } from "../../../protocol/webview/contextMentions";
import { MAX_MENTION_RESULTS, type MentionCandidate } from "../../../protocol/webview/messages";
import { defineHandler } from "./context";

/**
 * Splits an index path into its workspace folder and the path inside it. The index lists paths as
 * `asRelativePath` does: prefixed with the folder's name only in a multi-root workspace; a path
 * without a known prefix is taken as relative to the first folder.
 */
export function splitMentionPath(
  relative: string,
  folders: readonly { name: string; path: string }[],
): { folder: { name: string; path: string }; inside: string } | null {
  const [first] = folders;
  if (!first) return null;
  const slash = relative.indexOf("/");
  if (folders.length > 1 && slash !== -1) {
    const head = relative.slice(0, slash);
    const folder = folders.find((candidate) => candidate.name === head);
    if (folder) return { folder, inside: relative.slice(slash + 1) };
  }
  return { folder: first, inside: relative };
}

/** The absolute path of an index path, or null when there is no folder to resolve it against. */
export function resolveMentionPath(
  relative: string,
  folders: readonly { name: string; path: string }[],
  pathApi: typeof path = path,
): string | null {
  const split = splitMentionPath(relative, folders);
  return split ? pathApi.join(split.folder.path, split.inside) : null;
}

/**
 * A ranked index path as the popup shows it: the file name, and its folder as the description
 * (prefixed with the workspace folder's name only in a multi-root workspace).
 */
export function mentionCandidate(
  relative: string,
  folders: readonly { name: string; path: string }[],
  pathApi: typeof path = path,
): MentionCandidate | null {
  const split = splitMentionPath(relative, folders);
  if (!split) return null;
  const shown = folders.length > 1 ? `${split.folder.name}/${split.inside}` : split.inside;
  const slash = shown.lastIndexOf("/");
  return {
    path: pathApi.join(split.folder.path, split.inside),
    label: slash === -1 ? shown : shown.slice(slash + 1),
    description: slash === -1 ? "" : shown.slice(0, slash),
  };
}

export const composerSearchFiles = defineHandler(
  "composer/searchFiles",
  async (context, params) => {
    const contexts = context.contextMentions
      ? { contexts: await context.contextMentions.describe(params.query) }
      : {};
    const index = context.fileMentions;
    const folders = context.workspaceFolders?.() ?? [];
    if (!index || folders.length === 0) return { files: [], ...contexts };
    // `@app.ts:10-40`: the files that match the path, each offering those lines.
    const range = parseLineRange(params.query);
    const matches = await index.search(range ? range.path : params.query, MAX_MENTION_RESULTS);
    const files: MentionCandidate[] = [];
    for (const match of matches.slice(0, MAX_MENTION_RESULTS)) {
      const candidate = mentionCandidate(match.path, folders);
      if (!candidate) continue;
      files.push(
        range
          ? {
              ...candidate,
              label: `${candidate.label}:${range.startLine === range.endLine ? range.startLine : `${range.startLine}-${range.endLine}`}`,
              startLine: range.startLine,
              endLine: range.endLine,
            }
          : candidate,
      );
    }
    return { files, ...contexts };
  },
);
