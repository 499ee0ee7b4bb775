/**
 * A path as an approval card, a transcript row and an exported thread show it: relative to the workspace folder that holds it, or
 * absolute (and flagged `outside`) when no folder does. `..` segments are resolved first, so
 * `/work/project/../../home/u/.bashrc` is shown as `/home/u/.bashrc`, outside. The check is on
 * the text of the path (the webview cannot see symlinks); codex's sandbox still enforces its own.
 * Hidden characters are marked (see revealHidden).
 */
import { revealInline } from "./revealHidden";
import type { WorkspaceFolderView } from "./viewModel";

/** What paths are shown relative to. */
export interface PathContext {
  folders: readonly WorkspaceFolderView[];
  /** A relative path is taken relative to this (the thread's cwd). */
  base: string | null;
}

/**
 * The same context for an approval card and a command row, so a multi-root workspace shows a
 * path the same way in both: the host's workspace folders, else the thread's cwd stands for the
 * workspace; relative paths are taken from the cwd.
 */
export function pathContext(
  folders: readonly WorkspaceFolderView[] | undefined,
  cwd: string | null,
): PathContext {
  if (folders) return { folders, base: cwd };
  if (!cwd) return { folders: [], base: null };
  return {
    folders: [{ name: cwd.split(/[\\/]/).filter(Boolean).pop() ?? cwd, path: cwd }],
    base: cwd,
  };
}

export interface ShownPath {
  /** What the user reads: folder-relative inside the workspace, else the absolute path. */
  text: string;
  /** The resolved absolute path (for a tooltip). */
  absolute: string;
  outside: boolean;
}

interface Resolved {
  windows: boolean;
  /** `/`, `C:\` or `\\server\share\`; null for a relative path. */
  root: string | null;
  segments: string[];
}

const WINDOWS_ABSOLUTE = /^([a-zA-Z]:(?:[\\/]|$)|\\\\)/;

function parse(path: string, windows: boolean): Resolved {
  const text = windows ? path.replace(/\\/g, "/") : path;
  let root: string | null = null;
  let rest = text;
  const drive = windows ? /^([a-zA-Z]):(\/|$)/.exec(text) : null;
  if (drive) {
    root = `${drive[1]!.toUpperCase()}:\\`;
    rest = text.slice(drive[0].length);
  } else if (windows && text.startsWith("//")) {
    const [server = "", share = "", ...tail] = text.slice(2).split("/");
    root = `\\\\${server}\\${share}\\`;
    rest = tail.join("/");
  } else if (text.startsWith("/")) {
    root = windows ? "\\" : "/";
    rest = text.slice(1);
  }
  return { windows, root, segments: normalise([], rest.split("/")) };
}

function normalise(base: string[], segments: string[]): string[] {
  const out = [...base];
  for (const segment of segments) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return out;
}

function resolve(path: string, base: string | null): Resolved | null {
  if (typeof path !== "string") return null;
  if (WINDOWS_ABSOLUTE.test(path)) return parse(path, true);
  if (path.startsWith("/")) return parse(path, base !== null && WINDOWS_ABSOLUTE.test(base));
  if (base === null) return null;
  const from = resolve(base, null);
  if (!from?.root) return null;
  const windows = from.windows;
  const segments = (windows ? path.replace(/\\/g, "/") : path).split("/");
  return { ...from, segments: normalise(from.segments, segments) };
}

function same(a: string, b: string, windows: boolean): boolean {
  return windows ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** How many leading segments of `path` `folder` covers, or -1 when it does not contain it. */
function depthIn(path: Resolved, folder: Resolved): number {
  if (folder.windows !== path.windows || folder.root === null || path.root === null) return -1;
  if (!same(folder.root, path.root, path.windows)) return -1;
  if (folder.segments.length > path.segments.length) return -1;
  const inside = folder.segments.every((segment, i) =>
    same(segment, path.segments[i]!, path.windows),
  );
  return inside ? folder.segments.length : -1;
}

function joined(resolved: Resolved): string {
  return (resolved.root ?? "") + resolved.segments.join(resolved.windows ? "\\" : "/");
}

/**
 * `path` for display. A relative path is taken relative to `base` (the command's or thread's
 * cwd), else to the first folder. Without workspace folders, everything is outside.
 */
export function showPath(
  path: string,
  folders: readonly WorkspaceFolderView[],
  base: string | null = null,
): ShownPath {
  if (typeof path !== "string") return { text: revealInline(path), absolute: "", outside: true };
  const resolved = resolve(path, base ?? folders[0]?.path ?? null);
  if (!resolved) {
    const text = revealInline(path);
    return { text, absolute: text, outside: true };
  }
  const absolute = revealInline(joined(resolved));
  let best: { folder: WorkspaceFolderView; depth: number } | null = null;
  for (const folder of folders) {
    const parsed = resolve(folder.path, null);
    const depth = parsed ? depthIn(resolved, parsed) : -1;
    if (depth >= 0 && (!best || depth > best.depth)) best = { folder, depth };
  }
  if (!best) return { text: absolute, absolute, outside: true };
  const separator = resolved.windows ? "\\" : "/";
  const relative = resolved.segments.slice(best.depth).join(separator);
  // Several folders: say which one; the folder itself: its name (an empty text would hide it).
  const prefix = folders.length > 1 || relative === "" ? best.folder.name : "";
  const text = prefix && relative ? `${prefix}${separator}${relative}` : prefix || relative;
  return { text: revealInline(text), absolute, outside: false };
}
