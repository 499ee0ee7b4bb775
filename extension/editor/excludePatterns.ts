/**
 * `files.exclude` / `search.exclude` globs as a test on a workspace-relative path. `findFiles`
 * applies them itself; the file system watcher does not, so without this a `git init` put the
 * files under `.git/` into the @-mention index. A path is excluded when it, or a folder it is in,
 * matches a pattern (excluding `**∕.git` excludes what is inside). Supports what these settings
 * use: `**`, `*`, `?`, `{a,b}` and `[…]`.
 */

/** The enabled patterns of the settings' `{ pattern: true }` tables (a `when` object is skipped). */
export function enabledPatterns(tables: readonly Record<string, unknown>[]): string[] {
  const patterns = new Set<string>();
  for (const table of tables) {
    for (const [pattern, enabled] of Object.entries(table))
      if (enabled === true) patterns.add(pattern);
  }
  return [...patterns];
}

export function globToRegExp(glob: string): RegExp {
  let source = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      source += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "{") {
      braces++;
      source += "(?:";
    } else if (char === "}" && braces > 0) {
      braces--;
      source += ")";
    } else if (char === "," && braces > 0) source += "|";
    else if (char === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end === -1) source += "\\[";
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        source += `[${body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^$()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Whether `relativePath` (with `/`) or one of its folders matches one of `patterns`. */
export function excludedBy(patterns: readonly string[]): (relativePath: string) => boolean {
  const expressions = patterns.map(globToRegExp);
  return (relativePath) => {
    const segments = relativePath.split("/");
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join("/");
      if (expressions.some((expression) => expression.test(prefix))) return true;
    }
    return false;
  };
}
