/**
 * `@problems`: the diagnostics of the active file (when it has any), else of the workspace, one
 * line each — `path:line:column severity message (source code)` — errors first, bounded in count
 * and size with a note of how many were left out.
 */
import { MAX_CONTEXT_TEXT, type EditorContextPart } from "../../protocol/webview/contextMentions";
import { count, headLines } from "./boundedText";
import type { DiagnosticLike, UriLike } from "./host";

/** The most problems listed; the rest are counted. */
export const MAX_PROBLEMS = 200;

const SEVERITIES = ["error", "warning", "info", "hint"] as const;

export interface ProblemsScope {
  /** The active file's diagnostics are shown when it has any. */
  activeUri: UriLike | undefined;
  relativePath(uri: UriLike): string;
}

interface Problem {
  path: string;
  diagnostic: DiagnosticLike;
}

function codeOf(diagnostic: DiagnosticLike): string {
  const code = diagnostic.code;
  if (code === undefined) return "";
  return String(typeof code === "object" ? code.value : code);
}

/** One problem as the model reads it (1-based line and column, like the Problems view). */
export function problemLine({ path, diagnostic }: Problem): string {
  const { line, character } = diagnostic.range.start;
  const severity = SEVERITIES[diagnostic.severity] ?? "error";
  const origin = [diagnostic.source, codeOf(diagnostic)].filter(Boolean).join(" ");
  const message = diagnostic.message.replace(/\s*\n\s*/g, " ").trim();
  return `${path}:${line + 1}:${character + 1} ${severity} ${message}${origin ? ` (${origin})` : ""}`;
}

/** The problems @problems would attach: the active file's if it has any, else all. */
export function problemsInScope(
  diagnostics: ReadonlyArray<readonly [UriLike, readonly DiagnosticLike[]]>,
  scope: ProblemsScope,
): { where: "file" | "workspace"; path?: string; problems: Problem[] } {
  const active = scope.activeUri?.toString();
  const own = diagnostics.find(([uri, list]) => uri.toString() === active && list.length > 0);
  const chosen = own ? [own] : diagnostics;
  const problems: Problem[] = [];
  for (const [uri, list] of chosen) {
    const path = scope.relativePath(uri);
    for (const diagnostic of list) problems.push({ path, diagnostic });
  }
  // Errors first, then by file and position (a stable order the model and the tests can rely on).
  problems.sort(
    (a, b) =>
      a.diagnostic.severity - b.diagnostic.severity ||
      a.path.localeCompare(b.path) ||
      a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
      a.diagnostic.range.start.character - b.diagnostic.range.start.character,
  );
  return own
    ? { where: "file", path: scope.relativePath(own[0]), problems }
    : { where: "workspace", problems };
}

function tally(problems: readonly Problem[]): string {
  const bySeverity = [0, 0, 0, 0];
  for (const { diagnostic } of problems) bySeverity[Math.min(3, diagnostic.severity)]!++;
  const names = ["error", "warning", "info", "hint"];
  return bySeverity
    .flatMap((n, i) => (n > 0 ? [`${count(n)} ${names[i]}${n === 1 || i >= 2 ? "" : "s"}`] : []))
    .join(", ");
}

/** The @problems attachment, or null when there are no problems. */
export function problemsContext(
  diagnostics: ReadonlyArray<readonly [UriLike, readonly DiagnosticLike[]]>,
  scope: ProblemsScope,
): EditorContextPart | null {
  const { where, path, problems } = problemsInScope(diagnostics, scope);
  if (problems.length === 0) return null;
  const listed = problems.slice(0, MAX_PROBLEMS).map(problemLine).join("\n");
  const bounded = headLines(listed, MAX_CONTEXT_TEXT);
  const left = problems.length - Math.min(problems.length, MAX_PROBLEMS) + bounded.cutLines;
  const place = where === "file" ? path! : "the workspace";
  const lines = [`Problems in ${place} (${tally(problems)}):`, bounded.text];
  if (left > 0) lines.push(`[Cut: ${count(left)} more problems not listed.]`);
  const label = `${count(problems.length)} in ${where === "file" ? basename(path!) : "workspace"}`;
  return { source: "problems", label, text: lines.join("\n") };
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
