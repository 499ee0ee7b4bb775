/**
 * The editor's own context as composer mentions: `@problems`, `@terminal`, `@changes` (and
 * `@selection`, which travels as a selection; see selectionContext.ts). The host builds each one's
 * text when it is picked; it rides to the model as its own text item, which the webview shows as
 * a chip with the text on hover. Like a selection it is recognised by exact round trip, never by
 * guessing at what the user typed.
 */

export const CONTEXT_SOURCES = ["problems", "terminal", "changes"] as const;
export type ContextSource = (typeof CONTEXT_SOURCES)[number];

/** What the `@` menu offers besides files: the three sources and the editor's selection. */
export const CONTEXT_MENTIONS = [...CONTEXT_SOURCES, "selection"] as const;
export type ContextMention = (typeof CONTEXT_MENTIONS)[number];

/** The most characters one context attachment carries; the host says what it cut. */
export const MAX_CONTEXT_TEXT = 20_000;

export interface EditorContextPart {
  source: ContextSource;
  /** Short, for the chip: "app.ts · 2 problems", "npm test · exit 1". */
  label: string;
  /** What the model reads (already bounded, with a note of what was cut). */
  text: string;
}

const HEADER = "Context from @";

export function editorContextText(part: EditorContextPart): string {
  return `${HEADER}${part.source} (${part.label}):\n${part.text}`;
}

/** The context a text part carries, or null when it is not exactly such a part. */
export function parseEditorContext(text: string): EditorContextPart | null {
  if (!text.startsWith(HEADER)) return null;
  const firstBreak = text.indexOf("\n");
  if (firstBreak < 0) return null;
  const head = /^(problems|terminal|changes) \((.*)\):$/s.exec(
    text.slice(HEADER.length, firstBreak),
  );
  if (!head) return null;
  const part: EditorContextPart = {
    source: head[1] as ContextSource,
    label: head[2]!,
    text: text.slice(firstBreak + 1),
  };
  return editorContextText(part) === text ? part : null;
}

/** The `@` mentions whose name starts with `query` (what the menu offers while typing). */
export function contextMentionsFor(query: string): ContextMention[] {
  const needle = query.trim().toLowerCase();
  return CONTEXT_MENTIONS.filter((name) => name.startsWith(needle));
}

/** `src/app.ts:10-40` or `app.ts:12`: a path and a line range typed after `@`. */
export function parseLineRange(
  query: string,
): { path: string; startLine: number; endLine: number } | null {
  const match = /^(.+?):(\d{1,7})(?:-(\d{1,7}))?$/.exec(query.trim());
  if (!match) return null;
  const first = Number(match[2]);
  const last = match[3] ? Number(match[3]) : first;
  if (first < 1 || last < 1) return null;
  return { path: match[1]!, startLine: Math.min(first, last), endLine: Math.max(first, last) };
}
