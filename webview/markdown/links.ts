/** What a link in rendered markdown points at, decided the same way by the sanitiser and the click handler. */
export type LinkTarget =
  | { kind: "external"; href: string }
  | { kind: "file"; path: string; line?: number }
  | { kind: "anchor" }
  | { kind: "blocked" };

const EXTERNAL = /^(https?:\/\/|mailto:)/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

export function classifyLink(raw: string): LinkTarget {
  // Browsers ignore control characters and whitespace inside schemes ("java\tscript:"), so must we.
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (!href) return { kind: "blocked" };
  if (EXTERNAL.test(href)) return { kind: "external", href: raw.trim() };
  if (href.startsWith("#")) return { kind: "anchor" };
  let path = raw.trim();
  if (/^file:/i.test(href)) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
      if (/^\/[a-z]:\//i.test(path)) path = path.slice(1);
    } catch {
      return { kind: "blocked" };
    }
  } else if (SCHEME.test(href) && !WINDOWS_DRIVE.test(href)) {
    return { kind: "blocked" };
  }
  let line: number | undefined;
  const hashLine = /#L(\d+)(?:-L?\d+)?$/i.exec(path);
  const colonLine = /:(\d+)(?::\d+)?$/.exec(path);
  const match = hashLine ?? colonLine;
  if (match) {
    line = Number(match[1]);
    path = path.slice(0, match.index);
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it as written
  }
  // A scheme that was only percent-encoded (`javascript%3Aalert(1)`) is still a scheme.
  // eslint-disable-next-line no-control-regex
  const decoded = path.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (SCHEME.test(decoded) && !WINDOWS_DRIVE.test(decoded)) return { kind: "blocked" };
  if (!path) return { kind: "blocked" };
  return line && line >= 1 ? { kind: "file", path, line } : { kind: "file", path };
}
