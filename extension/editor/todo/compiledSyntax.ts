/**
 * A language's comment syntax compiled for the scanner, once per syntax: openers indexed by their
 * first character, the multi-line openers with how to search for them, and a sticky regex per
 * string kind that consumes its body.
 */
import type {
  BlockCommentSyntax,
  CommentSyntax,
  LineCommentSyntax,
  StringSyntax,
} from "./commentSyntax";

export type Token =
  | { kind: "line"; syntax: LineCommentSyntax }
  | { kind: "block"; syntax: BlockCommentSyntax }
  | { kind: "string"; syntax: StringSyntax; body: RegExp };

/** An opener of a construct that can span lines, with its token. */
export interface MultilineOpener {
  open: string;
  token: Token;
  /**
   * No longer opener starts with `open` (`"` when there is `"""`): where `open` is found, it is
   * the opener, with no lookup in `byFirstChar`.
   */
  longest: boolean;
  /** The offset in `open` of the character its search looks for (see `searchOffset`). */
  lead: number;
}

export interface CompiledSyntax {
  /** Openers by their first character code, longest first. */
  byFirstChar: Map<number, { open: string; token: Token }[]>;
  /** `isOpenerStart[code]` for codes below 128 (others never open anything). */
  isOpenerStart: Uint8Array;
  /** Openers of constructs that can span lines: block comments, multi-line strings. */
  multiline: MultilineOpener[];
  /** Block comment openers (a line comment's continuation stops at one: `--[[` after `--`). */
  blockOpens: string[];
  tokens: Map<string, Token>;
}

const compiledCache = new WeakMap<CommentSyntax, CompiledSyntax>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function escapeClass(char: string): string {
  return char.replace(/[\]\\^-]/g, "\\$&");
}

/** A sticky regex that consumes a string body up to (not including) its close or line end. */
function stringBodyRegExp(syntax: StringSyntax): RegExp {
  const first = syntax.close[0]!;
  const rest = syntax.close.slice(1);
  let stop = escapeClass(first);
  if (syntax.escapes) stop += "\\\\";
  if (!syntax.multiline) stop += "\\n";
  if (syntax.interpolation) stop += "$";
  const plain = `[^${stop}]*`;
  const alternatives: string[] = [];
  if (syntax.escapes) alternatives.push("\\\\[\\s\\S]");
  if (rest) alternatives.push(`${escapeRegExp(first)}(?!${escapeRegExp(rest)})`);
  if (syntax.interpolation) alternatives.push("\\$(?!\\{)");
  const source = alternatives.length ? `${plain}(?:(?:${alternatives.join("|")})${plain})*` : plain;
  return new RegExp(source, "y");
}

/**
 * Which character of a multi-line opener its search looks for: `indexOf` stops at every
 * occurrence of the first one to compare the rest. `/` is common in code between block comments
 * (every `//` comment holds two, and paths, URLs and division more), `*` much rarer, so `/*` is
 * looked for by its `*`: over twice as fast on the bench's TypeScript file.
 */
function searchOffset(open: string): number {
  return open.length > 1 && open.startsWith("/") ? 1 : 0;
}

export function compileSyntax(syntax: CommentSyntax): CompiledSyntax {
  const cached = compiledCache.get(syntax);
  if (cached) return cached;
  const tokens = new Map<string, Token>();
  // Block openers first: `--[[` must win over `--`, `/*` is not `//`.
  for (const block of syntax.block) tokens.set(block.open, { kind: "block", syntax: block });
  for (const line of syntax.line) {
    if (!tokens.has(line.open)) tokens.set(line.open, { kind: "line", syntax: line });
  }
  for (const string of syntax.strings) {
    if (!tokens.has(string.open)) {
      tokens.set(string.open, { kind: "string", syntax: string, body: stringBodyRegExp(string) });
    }
  }
  const byFirstChar = new Map<number, { open: string; token: Token }[]>();
  const isOpenerStart = new Uint8Array(128);
  const multiline: MultilineOpener[] = [];
  for (const [open, token] of tokens) {
    const code = open.charCodeAt(0);
    if (code < 128) isOpenerStart[code] = 1;
    const list = byFirstChar.get(code) ?? [];
    list.push({ open, token });
    list.sort((x, y) => y.open.length - x.open.length);
    byFirstChar.set(code, list);
    if (token.kind === "block" || (token.kind === "string" && token.syntax.multiline)) {
      const longest = ![...tokens.keys()].some((other) => other !== open && other.startsWith(open));
      multiline.push({ open, token, longest, lead: searchOffset(open) });
    }
  }
  const blockOpens = syntax.block.map((block) => block.open);
  const compiled: CompiledSyntax = { byFirstChar, isOpenerStart, multiline, blockOpens, tokens };
  compiledCache.set(syntax, compiled);
  return compiled;
}
