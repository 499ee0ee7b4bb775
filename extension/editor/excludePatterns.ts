/**
 * `files.exclude` / `search.exclude` globs as a test on a workspace-relative path. `findFiles`
 * applies them itself; the file system watcher does not, so without this a `git init` put the
 * files under `.git/` into the @-mention index. A path is excluded when it, or a folder it is in,
 * matches a pattern (excluding `**∕.git` excludes what is inside). picomatch reads the globs:
 * VS Code's dialect (`**`, `*`, `?`, `{a,b}`, `[…]`) is a subset of it.
 */
import type picomatchType = require("picomatch");

/** The enabled patterns of the settings' `{ pattern: true }` tables (a `when` object is skipped). */
export function enabledPatterns(tables: readonly Record<string, unknown>[]): string[] {
  const patterns = new Set<string>();
  for (const table of tables) {
    for (const [pattern, enabled] of Object.entries(table))
      if (enabled === true) patterns.add(pattern);
  }
  return [...patterns];
}

/** Whether `relativePath` (with `/`) or one of its folders matches one of `patterns`. */
export function excludedBy(patterns: readonly string[]): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  // As VS Code reads them: `*` matches names that start with a dot, `[!a]` is a negated class
  // (`posix`), and a leading `!` is a literal character, not a negated pattern.
  // Loaded on first use (the @ menu's file watcher), not when the extension activates.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require("picomatch") as typeof picomatchType;
  const matches = picomatch([...patterns], { dot: true, posix: true, nonegate: true });
  return (relativePath) => {
    const segments = relativePath.split("/");
    for (let end = 1; end <= segments.length; end++) {
      if (matches(segments.slice(0, end).join("/"))) return true;
    }
    return false;
  };
}
