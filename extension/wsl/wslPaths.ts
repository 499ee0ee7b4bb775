/**
 * Path translation between the Windows host (VS Code, the editor, the webview) and an app-server
 * running inside a WSL distribution. Pure: no file system, no `wslpath`, no `vscode`.
 *
 * Windows → Linux (cwd, file mentions, attachments):
 *   `C:\Users\me\proj`                      → `/mnt/c/Users/me/proj`
 *   `\\wsl.localhost\Ubuntu\home\me\proj`   → `/home/me/proj`   (same for `\\wsl$\Ubuntu\...`)
 *   `\\server\share\x`, another distro's UNC, a relative path → undefined (not reachable)
 * Linux → Windows (file changes, a command's cwd, links in messages):
 *   `/mnt/c/Users/me/proj`                  → `C:\Users\me\proj`
 *   `/home/me/proj`                         → `\\wsl.localhost\Ubuntu\home\me\proj`
 *
 * Drives are mounted under `/mnt/<letter>` unless `/etc/wsl.conf` sets `[automount] root`; the
 * probe in wslDetection.ts reads the real root and passes it here as `mountRoot`.
 *
 * Not handled: Linux names holding characters Windows forbids (`\ : * ? " < > |`); the
 * `\\wsl.localhost` share shows those under substituted names, so such a path may not open.
 */
import * as path from "node:path";

import type { ThreadItem } from "../../protocol/codex/v2/ThreadItem";
import type { UserInput } from "../../protocol/codex/v2/UserInput";

export interface WslPathOptions {
  /** The distribution the app-server runs in (its name as `wsl.exe --list` prints it). */
  distro: string;
  /** Where Windows drives are mounted, e.g. `/mnt/` (default) or `/` with `root = /`. */
  mountRoot?: string;
  /** Host used when building UNC paths into the distribution. Default `wsl.localhost`. */
  uncHost?: "wsl.localhost" | "wsl$";
}

const DEFAULT_MOUNT_ROOT = "/mnt/";
const WSL_UNC_HOSTS = new Set(["wsl.localhost", "wsl$"]);

/** `/mnt`, `/mnt/`, `mnt` → `/mnt/`; `/` stays `/`. */
export function normalizeMountRoot(root: string | undefined): string {
  const trimmed = (root ?? "").trim();
  if (trimmed === "") return DEFAULT_MOUNT_ROOT;
  const normalized = path.posix.normalize(`/${trimmed}/`);
  return normalized.endsWith("/") ? normalized : `${normalized}/`;
}

/** True for a POSIX absolute path (`/x`), but not a forward-slash UNC path (`//server/share`). */
export function isLinuxAbsolutePath(p: string): boolean {
  return p.startsWith("/") && !/^\/\/[^/]/.test(p);
}

/** True for `C:\...`, `C:/...`, `\\server\share...` and `\\?\...` paths. */
export function isWindowsAbsolutePath(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || /^[A-Za-z]:$/.test(p) || /^[\\/]{2}[^\\/]/.test(p);
}

/**
 * A Windows path as the Linux side sees it, or undefined when WSL cannot reach it (a network
 * share, another distribution, a relative or drive-relative path). A Linux absolute path is
 * returned normalized, so callers may pass either form.
 */
export function windowsToWslPath(windowsPath: string, options: WslPathOptions): string | undefined {
  const input = windowsPath.trim() === "" ? "" : windowsPath;
  if (input === "") return undefined;
  if (isLinuxAbsolutePath(input)) return trimTrailingSlash(path.posix.normalize(input));

  const p = stripLongPathPrefix(input);
  const drive = /^([A-Za-z]):(?:[\\/](.*))?$/s.exec(p);
  if (drive) {
    const letter = drive[1]!.toLowerCase();
    const rest = windowsSegments(`\\${drive[2] ?? ""}`);
    const root = `${normalizeMountRoot(options.mountRoot)}${letter}`;
    return rest.length === 0 ? root : `${root}/${rest.join("/")}`;
  }

  const unc = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(?:[\\/](.*))?$/s.exec(p);
  if (unc) {
    const host = unc[1]!.toLowerCase();
    if (!WSL_UNC_HOSTS.has(host)) return undefined;
    if (unc[2]!.toLowerCase() !== options.distro.toLowerCase()) return undefined;
    const rest = windowsSegments(`\\${unc[3] ?? ""}`);
    return `/${rest.join("/")}`;
  }
  return undefined;
}

/**
 * A Linux path as a Windows path the editor can open: `/mnt/<drive>/...` → `<DRIVE>:\...`,
 * everything else → `\\wsl.localhost\<distro>\...`. A relative path is returned unchanged.
 */
export function wslToWindowsPath(linuxPath: string, options: WslPathOptions): string {
  if (!isLinuxAbsolutePath(linuxPath)) return linuxPath;
  const normalized = trimTrailingSlash(path.posix.normalize(linuxPath));
  const mountRoot = normalizeMountRoot(options.mountRoot);
  if (normalized.startsWith(mountRoot)) {
    const drive = /^([A-Za-z])(?:\/(.*))?$/s.exec(normalized.slice(mountRoot.length));
    if (drive) {
      const rest = drive[2] ?? "";
      return `${drive[1]!.toUpperCase()}:\\${rest.split("/").join("\\")}`;
    }
  }
  const host = options.uncHost ?? "wsl.localhost";
  const rest = normalized === "/" ? "" : normalized.slice(1).split("/").join("\\");
  return `\\\\${host}\\${options.distro}\\${rest}`;
}

/**
 * A link target from a model message (`[x](/home/me/a.ts:12)`) mapped for the Windows editor.
 * Keeps a `:line[:col]` or `#L12[C3][-L20]` suffix; `file://` URIs stay URIs. Anything that is
 * not an absolute Linux path (http links, relative paths, anchors) is returned unchanged.
 */
export function wslLinkToWindows(target: string, options: WslPathOptions): string {
  if (/^file:\/\//i.test(target)) return fileUriToWindows(target, options);
  if (!isLinuxAbsolutePath(target)) return target;
  const { base, suffix } = splitLocationSuffix(target);
  return wslToWindowsPath(base, options) + suffix;
}

/** `file:///home/me/a.ts#L3` → `file://wsl.localhost/Ubuntu/home/me/a.ts#L3`; `/mnt/c` → `file:///c%3A/...`. */
function fileUriToWindows(uri: string, options: WslPathOptions): string {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return uri;
  }
  if (parsed.host !== "" && parsed.host !== "localhost") return uri; // already a UNC file URI
  let linuxPath: string;
  try {
    linuxPath = decodeURIComponent(parsed.pathname);
  } catch {
    return uri;
  }
  return windowsPathToFileUri(wslToWindowsPath(linuxPath, options)) + parsed.search + parsed.hash;
}

/** A Windows path as a `file:` URI (`C:\a b` → `file:///c%3A/a%20b`, UNC → `file://host/...`). */
export function windowsPathToFileUri(windowsPath: string): string {
  const encode = (segment: string): string => encodeURIComponent(segment);
  const unc = /^\\\\([^\\]+)\\(.*)$/s.exec(windowsPath);
  if (unc) {
    return `file://${unc[1]!.toLowerCase()}/${unc[2]!.split("\\").map(encode).join("/")}`;
  }
  const drive = /^([A-Za-z]):\\?(.*)$/s.exec(windowsPath);
  if (drive) {
    const rest = drive[2]!.split("\\").map(encode).join("/");
    return `file:///${drive[1]!.toLowerCase()}%3A/${rest}`;
  }
  return `file://${windowsPath.split("\\").map(encode).join("/")}`;
}

/** Splits `a.ts:12:3` / `a.ts#L12-L20` into the path and its location suffix. */
export function splitLocationSuffix(target: string): { base: string; suffix: string } {
  const match = /^(.*?)((?::\d+(?::\d+)?)|(?:#L\d+(?:C\d+)?(?:-L?\d+(?:C\d+)?)?))$/s.exec(target);
  if (!match || match[1] === "") return { base: target, suffix: "" };
  return { base: match[1]!, suffix: match[2]! };
}

// -------------------------------------------------------------------------------------------------
// Protocol objects

/**
 * A copy of `item` with every path in it passed through `map`: a command's `cwd` and the paths
 * of its parsed actions, a file change's paths (and `move_path`), an image view, a generated
 * image and its inputs, the local attachments and mentions of a user message. Other fields are
 * shared, not copied. (PATH_FIELDS in extension/connection/pathMapping.ts lists them all.)
 */
export function mapThreadItemPaths(item: ThreadItem, map: (p: string) => string): ThreadItem {
  switch (item.type) {
    case "commandExecution":
      return {
        ...item,
        cwd: map(item.cwd),
        commandActions: item.commandActions.map((action) => {
          if (action.type === "read") return { ...action, path: map(action.path) };
          if ((action.type === "listFiles" || action.type === "search") && action.path !== null) {
            return { ...action, path: map(action.path) };
          }
          return action;
        }),
      };
    case "fileChange":
      return {
        ...item,
        changes: item.changes.map((change) => ({
          ...change,
          path: map(change.path),
          kind:
            change.kind.type === "update" && change.kind.move_path !== null
              ? { ...change.kind, move_path: map(change.kind.move_path) }
              : change.kind,
        })),
      };
    case "imageView":
      return { ...item, path: map(item.path) };
    case "imageGeneration":
      return {
        ...item,
        ...(item.savedPath !== undefined ? { savedPath: map(item.savedPath) } : {}),
        ...(item.inputImages
          ? { inputImages: item.inputImages.map((image) => ({ ...image, path: map(image.path) })) }
          : {}),
      };
    case "userMessage":
      return { ...item, content: item.content.map((input) => mapUserInputPaths(input, map)) };
    default:
      return item;
  }
}

/** A copy of `input` whose local path (image, audio, skill, mention) went through `map`. */
export function mapUserInputPaths(input: UserInput, map: (p: string) => string): UserInput {
  switch (input.type) {
    case "localImage":
    case "localAudio":
    case "skill":
    case "mention":
      return { ...input, path: map(input.path) };
    default:
      return input;
  }
}

// -------------------------------------------------------------------------------------------------
// A mapper the host holds for the running app-server

/**
 * Translates between the host's paths and the app-server's. The host asks the launcher for the
 * mapper of the app-server it is talking to (native: identity; WSL: the translations above).
 */
export interface PathMapper {
  readonly kind: "native" | "wsl";
  /** The distribution, for `kind: "wsl"`. */
  readonly distro?: string;
  /** A host path (workspace folder, attachment, mention) for the app-server; undefined if unreachable. */
  toServer(hostPath: string): string | undefined;
  /** A path from the app-server (items, diffs) as one the host editor can open. */
  toHost(serverPath: string): string;
  /** A link target in model output, for the host editor. */
  linkToHost(target: string): string;
  /** A thread item with its paths for the host (`item/started`, `item/completed`, history). */
  itemToHost(item: ThreadItem): ThreadItem;
  /** A user input with its local paths for the app-server (`turn/start` input). Unreachable paths are kept. */
  userInputToServer(input: UserInput): UserInput;
}

export const nativePathMapper: PathMapper = {
  kind: "native",
  toServer: (hostPath) => hostPath,
  toHost: (serverPath) => serverPath,
  linkToHost: (target) => target,
  itemToHost: (item) => item,
  userInputToServer: (input) => input,
};

export function wslPathMapper(options: WslPathOptions): PathMapper {
  const toHost = (p: string): string => wslToWindowsPath(p, options);
  const toServer = (p: string): string | undefined => windowsToWslPath(p, options);
  return {
    kind: "wsl",
    distro: options.distro,
    toServer,
    toHost,
    linkToHost: (target) => wslLinkToWindows(target, options),
    itemToHost: (item) => mapThreadItemPaths(item, toHost),
    userInputToServer: (input) => mapUserInputPaths(input, (p) => toServer(p) ?? p),
  };
}

// -------------------------------------------------------------------------------------------------

function stripLongPathPrefix(p: string): string {
  const unc = /^[\\/]{2}[?.][\\/]UNC[\\/](.*)$/is.exec(p);
  if (unc) return `\\\\${unc[1]}`;
  const local = /^[\\/]{2}[?.][\\/]([A-Za-z]:(?:[\\/].*)?)$/s.exec(p);
  if (local) return local[1]!;
  return p;
}

/** Normalizes a rooted Windows path (`\a\..\b\`) into its segments (`["b"]`); `..` stops at the root. */
function windowsSegments(rooted: string): string[] {
  return path.win32
    .normalize(rooted)
    .split("\\")
    .filter((segment) => segment !== "" && segment !== ".");
}

function trimTrailingSlash(p: string): string {
  return p.length > 1 && p.endsWith("/") ? p.replace(/\/+$/, "") || "/" : p;
}
