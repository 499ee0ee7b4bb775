/**
 * The lexer: one pass that tells comments from code and strings (so `"// TODO"` is no comment),
 * handing each comment that holds a marker candidate to `readTodo`. A multi-line opener (found by
 * `multilineOpeners`) with nothing before it on its line that could hide it, as one backward walk
 * to the line start tells, is not lexed: a block comment is jumped to its close with `indexOf`, a
 * simple multi-line string (a template literal) skipped to its close, anything else lexed from
 * its opener.
 */
import { isSpace, isWordChar } from "./charCodes";
import type { CommentSpan } from "./commentSpan";
import type { Anchor, StringSyntax } from "./commentSyntax";
import type { CompiledSyntax, MultilineOpener, Token } from "./compiledSyntax";
import { LineCounter } from "./lineCounter";
import { lineEnd, lineStartAfter, lineStartOf, onlySpaceBetween } from "./lineOffsets";
import { MultilineOpeners } from "./multilineOpeners";
import { readTodo } from "./readTodo";
import type { TodoComment } from "./todoComment";

/**
 * Only constructs that can span lines (block comments, multi-line strings) carry state from one
 * line to the next, so the scanner lexes just the lines holding a candidate or such an opener,
 * each from its start in code state, and jumps over the rest with native `indexOf`.
 */
export class CommentScanner {
  private readonly results: TodoComment[] = [];
  /** Where the text of the TODO last found by `readTodo` ends. */
  private readonly found = { textEnd: 0 };
  private readonly lines: LineCounter;
  /** Index of the next unvisited candidate. */
  private next = 0;
  /** Brace depth per open template interpolation, innermost last. */
  private readonly templates: number[] = [];
  private readonly openers: MultilineOpeners;

  constructor(
    private readonly text: string,
    private readonly syntax: CompiledSyntax,
    private readonly candidates: number[],
  ) {
    this.lines = new LineCounter(text);
    this.openers = new MultilineOpeners(text, syntax.multiline);
  }

  run(): TodoComment[] {
    const { text, candidates } = this;
    let pos = 0; // in code state: a line start, or just after a construct jumped over
    while (pos < text.length) {
      while (this.next < candidates.length && candidates[this.next]! < pos) this.next++;
      if (this.next >= candidates.length) break;
      const candidate = candidates[this.next]!;
      const opener = this.openers.nextFrom(pos);
      if (opener >= candidate) {
        pos = this.lexLines(lineStartAfter(text, candidate, pos));
        continue;
      }
      if (this.plainLineStart(opener, pos) >= 0) {
        // Nothing before the opener on its line can hide it: it opens for real. A block comment
        // is jumped to its close with indexOf (its span visited only for candidates inside), a
        // simple string skipped; anything else is lexed from the opener, not its line start.
        pos = this.jumpOpener(opener, this.openers.nearest!);
        if (pos < 0) pos = this.lexLines(opener);
        continue;
      }
      pos = this.lexLines(lineStartAfter(text, opener, pos));
    }
    return this.results;
  }

  /**
   * The start of the line of `at` (not before `floor`) when no character from there to `at` can
   * start an opener, so that `at` is in code state as the line start is; otherwise -1. One
   * backward walk, which ends early at such a character.
   */
  private plainLineStart(at: number, floor: number): number {
    const { text } = this;
    const { isOpenerStart } = this.syntax;
    let i = at;
    while (i > floor) {
      const code = text.charCodeAt(i - 1);
      if (code === 10 /* \n */) break;
      if (code < 128 && isOpenerStart[code] === 1) return -1;
      i--;
    }
    return i;
  }

  /**
   * At an opener in code state: when it opens a block comment (without an anchor rule), visits
   * the comment and returns the offset after its close (code state); when it opens a simple
   * string (see `skipSimpleString`), returns the offset after its close; otherwise -1.
   */
  private jumpOpener(at: number, opener: MultilineOpener): number {
    const { text } = this;
    const found = opener.longest
      ? opener
      : this.syntax.byFirstChar
          .get(text.charCodeAt(at))
          ?.find((candidate) => text.startsWith(candidate.open, at));
    if (!found) return -1;
    const { token } = found;
    if (token.kind === "string") return this.skipSimpleString(at, token.syntax);
    if (token.kind !== "block" || token.syntax.at) return -1;
    const contentStart = at + found.open.length;
    const close = text.indexOf(token.syntax.close, contentStart);
    const contentEnd = close < 0 ? text.length : close;
    if (this.next < this.candidates.length && this.candidates[this.next]! < contentEnd) {
      this.visit({ start: contentStart, end: contentEnd, kind: "block", open: found.open });
    }
    return close < 0 ? text.length : close + token.syntax.close.length;
  }

  /**
   * A multi-line string with one-character quotes (a template literal, a Go raw string) opened
   * at `at` in code state, outside any interpolation: the offset after its close, when nothing
   * in it needs the lexer (its `${ ... }` interpolations hold no braces and no opener); otherwise
   * -1. Its text holds no comment, so candidates inside it are skipped as the lexer would.
   */
  private skipSimpleString(at: number, string: StringSyntax): number {
    if (
      this.templates.length > 0 ||
      string.open.length !== 1 ||
      string.close.length !== 1 ||
      !string.multiline ||
      string.notAfterWord ||
      string.charLiteral ||
      string.docstring
    ) {
      return -1;
    }
    const { text } = this;
    const { isOpenerStart } = this.syntax;
    const close = string.close.charCodeAt(0);
    const escapes = string.escapes === true;
    const interpolation = string.interpolation === true;
    const length = text.length;
    let i = at + 1;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code === close) return i + 1;
      if (code === 92 /* \ */ && escapes) {
        i += 2;
      } else if (code === 36 /* $ */ && interpolation && text.charCodeAt(i + 1) === 123 /* { */) {
        for (i += 2; ; i++) {
          if (i >= length) return -1;
          const inner = text.charCodeAt(i);
          if (inner === 125 /* } */) break;
          if (inner === 123 || (inner < 128 && isOpenerStart[inner] === 1)) return -1;
        }
        i++;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Lexes from `pos` (code state) until a line ends in code state; returns the next line start. */
  private lexLines(start: number): number {
    const { text, syntax, templates } = this;
    let pos = start;
    let end = lineEnd(text, pos);
    for (;;) {
      const found = this.nextOpener(pos, end);
      if (found < 0) {
        const nl = text.indexOf("\n", end);
        if (nl < 0) return text.length;
        if (templates.length === 0) return nl + 1;
        pos = nl + 1;
        end = lineEnd(text, pos);
        continue;
      }
      const at = found;
      if (!this.opener) {
        // A brace inside a template interpolation.
        const code = text.charCodeAt(at);
        const depth = templates.length - 1;
        if (code === 123 /* { */) templates[depth]!++;
        else if (templates[depth]! > 0) templates[depth]!--;
        else {
          // The interpolation ends: back into the template literal.
          templates.pop();
          const token = syntax.tokens.get("`");
          pos = token?.kind === "string" ? this.skipString(at + 1, token) : at + 1;
          end = lineEnd(text, pos);
          continue;
        }
        pos = at + 1;
        continue;
      }
      const { open, token } = this.opener;
      if (token.kind === "line") {
        if (!anchorHolds(text, at, token.syntax.at)) {
          pos = at + 1;
          continue;
        }
        this.visit({ start: at + open.length, end, kind: "line", open });
        pos = end;
      } else if (token.kind === "block") {
        if (!anchorHolds(text, at, token.syntax.at)) {
          pos = at + 1;
          continue;
        }
        const contentStart = at + open.length;
        const close = text.indexOf(token.syntax.close, contentStart);
        const contentEnd = close < 0 ? text.length : close;
        this.visit({ start: contentStart, end: contentEnd, kind: "block", open });
        pos = close < 0 ? text.length : close + token.syntax.close.length;
        end = lineEnd(text, pos);
      } else {
        const string = token.syntax;
        if (string.notAfterWord && at > 0 && isWordChar(text.charCodeAt(at - 1))) {
          pos = at + 1;
        } else if (string.charLiteral) {
          pos = skipCharLiteral(text, at);
        } else if (string.docstring && isStatementStart(text, at)) {
          const contentStart = at + open.length;
          token.body.lastIndex = contentStart;
          token.body.exec(text);
          const contentEnd = token.body.lastIndex;
          this.visit({ start: contentStart, end: contentEnd, kind: "block", open });
          pos = Math.min(text.length, contentEnd + string.close.length);
          end = lineEnd(text, pos);
        } else {
          pos = this.skipString(at + open.length, token);
          if (pos > end) end = lineEnd(text, pos);
        }
      }
      if (pos >= text.length) return text.length;
    }
  }

  /** The opener found by the last `nextOpener`. */
  private opener: { open: string; token: Token } | undefined;

  /** The next opener (or, inside an interpolation, brace) in [pos, end), or -1. */
  private nextOpener(pos: number, end: number): number {
    const { text, syntax } = this;
    const braces = this.templates.length > 0;
    const { isOpenerStart, byFirstChar } = syntax;
    for (let i = pos; i < end; i++) {
      const code = text.charCodeAt(i);
      if (braces && (code === 123 || code === 125)) {
        this.opener = undefined;
        return i;
      }
      if (code >= 128 || isOpenerStart[code] === 0) continue;
      for (const candidate of byFirstChar.get(code)!) {
        if (text.startsWith(candidate.open, i)) {
          this.opener = candidate;
          return i;
        }
      }
    }
    return -1;
  }

  private visit(span: CommentSpan): void {
    const { candidates, text } = this;
    while (this.next < candidates.length && candidates[this.next]! < span.start) this.next++;
    while (this.next < candidates.length && candidates[this.next]! < span.end) {
      const todo = readTodo(
        text,
        candidates[this.next]!,
        span,
        this.lines,
        this.syntax.blockOpens,
        this.found,
      );
      this.next++;
      if (todo) {
        this.results.push(todo);
        // Its text may cover later candidates on continuation lines; those are not TODOs.
        while (this.next < candidates.length && candidates[this.next]! < this.found.textEnd) {
          this.next++;
        }
      }
    }
  }

  /** After a string body: past the close, at the line end, or into a `${` interpolation. */
  private skipString(bodyStart: number, token: Extract<Token, { kind: "string" }>): number {
    const { text } = this;
    token.body.lastIndex = bodyStart;
    token.body.exec(text);
    const end = token.body.lastIndex;
    if (end >= text.length) return text.length;
    const code = text.charCodeAt(end);
    if (token.syntax.interpolation && code === 36 /* $ */) {
      this.templates.push(0);
      return end + 2;
    }
    if (code === 10 /* \n */ || code === 13 /* \r */) return end;
    return end + token.syntax.close.length;
  }
}

/** `'a'`, `'\n'`, `'\u{1F600}'` are character literals; `'a` (a Rust lifetime) is not. */
function skipCharLiteral(text: string, at: number): number {
  const limit = Math.min(text.length, at + 12);
  for (let i = at + 1; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 92 /* \ */) {
      i++;
      continue;
    }
    if (code === 10 /* \n */) break;
    if (code === 39 /* ' */) return i === at + 1 ? at + 1 : i + 1;
  }
  return at + 1;
}

/** A docstring opens a statement: only whitespace (and string prefixes like `r`) before it. */
function isStatementStart(text: string, at: number): boolean {
  let i = at - 1;
  let prefix = 0;
  while (i >= 0 && prefix < 2 && isStringPrefix(text.charCodeAt(i))) {
    i--;
    prefix++;
  }
  for (; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 /* \n */) return true;
    if (!isSpace(code)) return false;
  }
  return true;
}

/** Python string prefixes: r, u, b (either case). */
function isStringPrefix(code: number): boolean {
  const lower = code | 32;
  return lower === 114 || lower === 117 || lower === 98;
}

/** Whether an opener at `pos` counts where it stands (see `Anchor`). */
function anchorHolds(text: string, pos: number, at: Anchor | undefined): boolean {
  if (!at || at === "any" || pos === 0) return true;
  if (at === "wordStart") return isSpace(text.charCodeAt(pos - 1));
  return onlySpaceBetween(text, lineStartOf(text, pos), pos);
}
