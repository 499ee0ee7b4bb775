/**
 * A language's comment syntax compiled for the scanner, once per syntax: openers indexed by their
 * first character, and a sticky regex per string kind that consumes its body.
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

export interface CompiledSyntax {
  /** Openers by their first character code, longest first. */
  byFirstChar: Map<number, { open: string; token: Token }[]>;
  /** `isOpenerStart[code]` for codes below 128 (others never open anything). */
  isOpenerStart: Uint8Array;
  /** Openers of constructs that can span lines: block comments, multi-line strings. */
  multiline: string[];
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
  const multiline: string[] = [];
  for (const [open, token] of tokens) {
    const code = open.charCodeAt(0);
    if (code < 128) isOpenerStart[code] = 1;
    const list = byFirstChar.get(code) ?? [];
    list.push({ open, token });
    list.sort((x, y) => y.open.length - x.open.length);
    byFirstChar.set(code, list);
    if (token.kind === "block" || (token.kind === "string" && token.syntax.multiline)) {
      multiline.push(open);
    }
  }
  const blockOpens = syntax.block.map((block) => block.open);
  const compiled: CompiledSyntax = { byFirstChar, isOpenerStart, multiline, blockOpens, tokens };
  compiledCache.set(syntax, compiled);
  return compiled;
}
