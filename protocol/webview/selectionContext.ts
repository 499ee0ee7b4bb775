/**
 * The text item that carries a selection to the model (path, lines and the code in a fence).
 * codex echoes each input item back as its own part of the userMessage, so the webview shows this
 * part as a chip (the text on hover) instead of in the user's words. It is recognised by exact
 * round trip — the part must be precisely what {@link selectionContextText} writes — never by
 * guessing at fences the user may have typed.
 */

export interface SelectionContext {
  path: string;
  startLine: number;
  endLine: number;
  text: string;
}

const HEADER = "Selected code from ";

/** A fence longer than any backtick run inside `text`, so quoted code cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

function range(startLine: number, endLine: number): string {
  return startLine === endLine ? `line ${startLine}` : `lines ${startLine}-${endLine}`;
}

export function selectionContextText(selection: SelectionContext): string {
  const fence = fenceFor(selection.text);
  const where = `${HEADER}${selection.path} (${range(selection.startLine, selection.endLine)}):`;
  return `${where}\n${fence}\n${selection.text}\n${fence}`;
}

/** The selection a text part carries, or null when it is not exactly such a part. */
export function parseSelectionContext(text: string): SelectionContext | null {
  if (!text.startsWith(HEADER)) return null;
  const firstBreak = text.indexOf("\n");
  const head = /^(.+) \(lines? (\d+)(?:-(\d+))?\):$/s.exec(
    text.slice(HEADER.length, firstBreak < 0 ? undefined : firstBreak),
  );
  const fence = /^\n(`{3,})\n/.exec(text.slice(firstBreak));
  if (!head || !fence) return null;
  const body = text.slice(firstBreak + fence[0].length);
  const closing = `\n${fence[1]}`;
  if (!body.endsWith(closing)) return null;
  const startLine = Number(head[2]);
  const selection: SelectionContext = {
    path: head[1]!,
    startLine,
    endLine: head[3] ? Number(head[3]) : startLine,
    text: body.slice(0, -closing.length),
  };
  return selectionContextText(selection) === text ? selection : null;
}

/** How a selection is named on a chip: `app.ts:6-8`. */
export function selectionLabel(
  selection: Pick<SelectionContext, "path" | "startLine" | "endLine">,
): string {
  const name = selection.path.split(/[\\/]/).pop() || selection.path;
  return selection.startLine === selection.endLine
    ? `${name}:${selection.startLine}`
    : `${name}:${selection.startLine}-${selection.endLine}`;
}
