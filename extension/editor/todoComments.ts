/**
 * TODO and FIXME comments, found without VS Code: the language id picks the comment and string
 * syntaxes, and one pass over the text tells comments from code and strings, so `"TODO"`,
 * `todoList`, `TODO_COUNT` and URLs are never reported.
 *
 * Speed: a literal regex scan finds the upper-case marker candidates (a file without any returns
 * at once). Only block comments and multi-line strings carry lexer state from one line to the
 * next, so the scanner lexes just the lines holding a candidate (or an opener it cannot vouch
 * for), and skips every other line. A multi-line opener (found with native `indexOf`) with
 * nothing before it on its line that could hide it is not lexed: a block comment is jumped to
 * its close with `indexOf`, a string lexed from its opener. Regexes are compiled once per syntax, never per line.
 *
 * Markers are upper case (`TODO`, `FIXME`), or the JSDoc tag `@todo`.
 *
 * Lines and characters are 0-based, as in VS Code.
 */

export type TodoMarker = "TODO" | "FIXME";

export interface TodoPosition {
  line: number;
  character: number;
}

export interface TodoComment {
  /** Line of the marker. */
  line: number;
  /** Last line of the TODO's text (continuation comment lines included). */
  endLine: number;
  /** The text after the marker (and after an owner tag and separator), lines joined by "\n". */
  text: string;
  marker: TodoMarker;
  /** From the marker to the end of the text. */
  range: { start: TodoPosition; end: TodoPosition };
}

/** Where a comment opener counts: anywhere, only after whitespace (or line start), or only first on its line. */
type Anchor = "any" | "wordStart" | "lineStart";

interface LineCommentSyntax {
  open: string;
  at?: Anchor;
}

interface BlockCommentSyntax {
  open: string;
  close: string;
  at?: Anchor;
}

interface StringSyntax {
  open: string;
  close: string;
  /** Backslash escapes the next character. */
  escapes?: boolean;
  /** May span lines; otherwise the string ends at the end of its line, which contains misparses. */
  multiline?: boolean;
  /** `${ ... }` interpolation (JavaScript template literals). */
  interpolation?: boolean;
  /** A triple-quoted string first on its line is a docstring, scanned like a block comment. */
  docstring?: boolean;
  /** Not a quote after a letter or digit: an apostrophe (`it's`, Haskell `x'`). */
  notAfterWord?: boolean;
  /** A character literal: a string only when it closes within a few characters (Rust lifetimes). */
  charLiteral?: boolean;
}

export interface CommentSyntax {
  line: readonly LineCommentSyntax[];
  block: readonly BlockCommentSyntax[];
  strings: readonly StringSyntax[];
}

// ---------------------------------------------------------------------------------------------
// Syntaxes by language id

const dq: StringSyntax = { open: '"', close: '"', escapes: true };
const sq: StringSyntax = { open: "'", close: "'", escapes: true };
const charLit: StringSyntax = { open: "'", close: "'", escapes: true, charLiteral: true };
const template: StringSyntax = {
  open: "`",
  close: "`",
  escapes: true,
  multiline: true,
  interpolation: true,
};
const tripleDq: StringSyntax = { open: '"""', close: '"""', escapes: true, multiline: true };
const tripleSq: StringSyntax = { open: "'''", close: "'''", escapes: true, multiline: true };
const slashSlash: LineCommentSyntax = { open: "//" };
const slashStar: BlockCommentSyntax = { open: "/*", close: "*/" };
const htmlComment: BlockCommentSyntax = { open: "<!--", close: "-->" };
const hash: LineCommentSyntax = { open: "#" };
const hashAfterSpace: LineCommentSyntax = { open: "#", at: "wordStart" };

const cLike: CommentSyntax = { line: [slashSlash], block: [slashStar], strings: [dq, charLit] };
const jsLike: CommentSyntax = {
  line: [slashSlash],
  block: [slashStar],
  strings: [dq, sq, template],
};
const jvmLike: CommentSyntax = {
  line: [slashSlash],
  block: [slashStar],
  strings: [tripleDq, dq, charLit],
};
const hashOnly = (at: Anchor, strings: StringSyntax[] = [dq, sq]): CommentSyntax => ({
  line: [{ open: "#", at }],
  block: [],
  strings,
});
const markupLike: CommentSyntax = { line: [], block: [htmlComment], strings: [] };
const lispLike: CommentSyntax = {
  line: [{ open: ";" }],
  block: [{ open: "#|", close: "|#" }],
  strings: [dq],
};
const percentLike: CommentSyntax = { line: [{ open: "%" }], block: [], strings: [dq] };

const SYNTAXES: Record<string, CommentSyntax> = {
  javascript: jsLike,
  javascriptreact: jsLike,
  typescript: jsLike,
  typescriptreact: jsLike,
  json: cLike,
  jsonc: cLike,
  json5: jsLike,
  c: cLike,
  cpp: cLike,
  "cuda-cpp": cLike,
  csharp: cLike,
  java: cLike,
  "objective-c": cLike,
  "objective-cpp": cLike,
  go: {
    line: [slashSlash],
    block: [slashStar],
    strings: [dq, charLit, { open: "`", close: "`", multiline: true }],
  },
  rust: {
    line: [slashSlash],
    block: [slashStar],
    strings: [{ ...dq, multiline: true }, charLit],
  },
  kotlin: jvmLike,
  scala: jvmLike,
  swift: jvmLike,
  groovy: { line: [slashSlash], block: [slashStar], strings: [tripleDq, tripleSq, dq, sq] },
  dart: { line: [slashSlash], block: [slashStar], strings: [tripleDq, tripleSq, dq, sq] },
  php: { line: [slashSlash, hash], block: [slashStar], strings: [dq, sq] },
  proto: cLike,
  proto3: cLike,
  solidity: cLike,
  zig: { line: [slashSlash], block: [], strings: [dq, charLit] },
  glsl: cLike,
  hlsl: cLike,
  css: { line: [], block: [slashStar], strings: [dq, sq] },
  scss: { line: [slashSlash], block: [slashStar], strings: [dq, sq] },
  less: { line: [slashSlash], block: [slashStar], strings: [dq, sq] },
  html: markupLike,
  xml: markupLike,
  xsl: markupLike,
  svg: markupLike,
  markdown: markupLike,
  vue: {
    line: [slashSlash],
    block: [htmlComment, slashStar],
    strings: [dq, { ...sq, notAfterWord: true }, template],
  },
  svelte: {
    line: [slashSlash],
    block: [htmlComment, slashStar],
    strings: [dq, { ...sq, notAfterWord: true }, template],
  },
  python: {
    line: [hash],
    block: [],
    strings: [{ ...tripleDq, docstring: true }, { ...tripleSq, docstring: true }, dq, sq],
  },
  shellscript: hashOnly("wordStart", [dq, { open: "'", close: "'" }]),
  ruby: {
    line: [hash],
    block: [{ open: "=begin", close: "=end", at: "lineStart" }],
    strings: [dq, sq],
  },
  yaml: hashOnly("wordStart", [dq, { open: "'", close: "'", notAfterWord: true }]),
  toml: {
    line: [hash],
    block: [],
    strings: [
      tripleDq,
      { open: "'''", close: "'''", multiline: true },
      dq,
      { open: "'", close: "'" },
    ],
  },
  perl: hashOnly("wordStart"),
  r: hashOnly("any"),
  julia: { line: [hash], block: [{ open: "#=", close: "=#" }], strings: [tripleDq, dq, charLit] },
  elixir: { line: [hash], block: [], strings: [tripleDq, dq, sq] },
  coffeescript: { line: [hash], block: [{ open: "###", close: "###" }], strings: [dq, sq] },
  powershell: {
    line: [hash],
    block: [{ open: "<#", close: "#>" }],
    strings: [dq, { open: "'", close: "'" }],
  },
  makefile: hashOnly("wordStart", []),
  dockerfile: hashOnly("lineStart", []),
  cmake: hashOnly("any", [dq]),
  nix: { line: [hash], block: [slashStar], strings: [dq] },
  terraform: { line: [hash, slashSlash], block: [slashStar], strings: [dq] },
  graphql: hashOnly("any", [tripleDq, dq]),
  ignore: hashOnly("lineStart", []),
  dotenv: hashOnly("wordStart", [dq, { open: "'", close: "'" }]),
  properties: {
    line: [
      { open: "#", at: "lineStart" },
      { open: "!", at: "lineStart" },
    ],
    block: [],
    strings: [],
  },
  ini: {
    line: [
      { open: ";", at: "lineStart" },
      { open: "#", at: "lineStart" },
    ],
    block: [],
    strings: [],
  },
  sql: {
    line: [{ open: "--" }],
    block: [slashStar],
    strings: [
      { open: "'", close: "'" },
      { open: '"', close: '"' },
    ],
  },
  lua: {
    line: [{ open: "--" }],
    block: [{ open: "--[[", close: "]]" }],
    strings: [dq, sq, { open: "[[", close: "]]", multiline: true }],
  },
  haskell: {
    line: [{ open: "--" }],
    block: [{ open: "{-", close: "-}" }],
    strings: [dq, { ...charLit, notAfterWord: true }],
  },
  elm: {
    line: [{ open: "--" }],
    block: [{ open: "{-", close: "-}" }],
    strings: [tripleDq, dq, charLit],
  },
  ada: { line: [{ open: "--" }], block: [], strings: [dq] },
  vhdl: { line: [{ open: "--" }], block: [], strings: [dq] },
  lisp: lispLike,
  commonlisp: lispLike,
  scheme: lispLike,
  racket: lispLike,
  clojure: { line: [{ open: ";" }], block: [], strings: [dq] },
  elisp: lispLike,
  asm: { line: [{ open: ";" }], block: [], strings: [dq, charLit] },
  nasm: { line: [{ open: ";" }], block: [], strings: [dq, charLit] },
  latex: percentLike,
  tex: percentLike,
  erlang: percentLike,
  matlab: percentLike,
  bat: {
    line: [
      { open: "::", at: "lineStart" },
      { open: "REM ", at: "lineStart" },
      { open: "rem ", at: "lineStart" },
    ],
    block: [],
    strings: [],
  },
  vb: { line: [{ open: "'" }], block: [], strings: [{ open: '"', close: '"' }] },
  fortran: { line: [{ open: "!" }], block: [], strings: [dq, { open: "'", close: "'" }] },
};

/** For language ids we do not know: the common comment syntaxes, conservatively. */
const FALLBACK: CommentSyntax = {
  line: [slashSlash, hashAfterSpace],
  block: [slashStar, htmlComment],
  strings: [dq, { ...sq, notAfterWord: true }],
};

const ALIASES: Record<string, string> = {
  "shell-script": "shellscript",
  sh: "shellscript",
  bash: "shellscript",
  zsh: "shellscript",
  fish: "shellscript",
  jsx: "javascriptreact",
  tsx: "typescriptreact",
  yml: "yaml",
  jsonl: "json",
  "github-actions-workflow": "yaml",
  "docker-compose": "yaml",
  objc: "objective-c",
  arm: "asm",
  "asm-intel-x86-generic": "asm",
  clojurescript: "clojure",
  "emacs-lisp": "elisp",
  restructuredtext: "markdown",
  mdx: "markdown",
  xhtml: "html",
  jinja: "html",
  "django-html": "html",
  handlebars: "html",
  razor: "html",
  postcss: "css",
  stylus: "scss",
  sass: "scss",
  hcl: "terraform",
  pgsql: "sql",
  mysql: "sql",
  plsql: "sql",
  tsql: "sql",
  bibtex: "latex",
  gitignore: "ignore",
  "code-text-binary": "plaintext",
};

export function commentSyntaxFor(languageId: string): CommentSyntax {
  return SYNTAXES[languageId] ?? SYNTAXES[ALIASES[languageId] ?? ""] ?? FALLBACK;
}

// ---------------------------------------------------------------------------------------------
// The compiled scanner (once per syntax)

type Token =
  | { kind: "line"; syntax: LineCommentSyntax }
  | { kind: "block"; syntax: BlockCommentSyntax }
  | { kind: "string"; syntax: StringSyntax; body: RegExp };

interface CompiledSyntax {
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

function compile(syntax: CommentSyntax): CompiledSyntax {
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

// ---------------------------------------------------------------------------------------------
// Character classes (char codes)

const NL = 10;
const CR = 13;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === NL || code === CR || code === 12 || code === 11;
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code > 127
  );
}

/** Characters that may sit right before a marker: `(TODO`, `[FIXME]`, `* TODO`. */
function isOpeningPunctuation(code: number): boolean {
  // ( [ { * , ; >
  return (
    code === 40 ||
    code === 91 ||
    code === 123 ||
    code === 42 ||
    code === 44 ||
    code === 59 ||
    code === 62
  );
}

/** Comment decoration before the first word: `///`, `**`, `#`, `-`, `!`, `%`, `;`, `<`. */
function isDecoration(code: number): boolean {
  return (
    isSpace(code) ||
    code === 47 || // /
    code === 42 || // *
    code === 35 || // #
    code === 45 || // -
    code === 33 || // !
    code === 37 || // %
    code === 59 || // ;
    code === 60 //   <
  );
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** The start of the line of `pos`, or `floor` if that comes later: a backward scan, no builtin call. */
function lineStartAfter(text: string, pos: number, floor: number): number {
  let i = pos;
  while (i > floor && text.charCodeAt(i - 1) !== NL) i--;
  return i;
}

function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isSpace(text.charCodeAt(i))) return false;
  }
  return true;
}

function anchorHolds(text: string, pos: number, at: Anchor | undefined): boolean {
  if (!at || at === "any" || pos === 0) return true;
  if (at === "wordStart") return isSpace(text.charCodeAt(pos - 1));
  return onlySpaceBetween(text, lineStartOf(text, pos), pos);
}

function lineEnd(text: string, pos: number): number {
  const end = text.indexOf("\n", pos);
  if (end < 0) return text.length;
  return end > 0 && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

// ---------------------------------------------------------------------------------------------
// Scanning

/** A comment's content: [start, end) with its kind, for marker checks and continuation lines. */
interface CommentSpan {
  start: number;
  end: number;
  /** `line`: a line comment with this opener; `block`: a block comment or docstring. */
  kind: "line" | "block";
  open: string;
}

/** Upper-case markers: a literal search, as fast as a plain regex scan. */
const CANDIDATES = /TODO|FIXME/g;

/** Candidate marker offsets in order: `TODO`, `FIXME`, and the JSDoc tag `@todo`. */
function findCandidates(text: string): number[] {
  const candidates: number[] = [];
  CANDIDATES.lastIndex = 0;
  for (let match = CANDIDATES.exec(text); match; match = CANDIDATES.exec(text)) {
    candidates.push(match.index);
  }
  let tag = text.indexOf("@todo");
  if (tag < 0) return candidates;
  for (; tag >= 0; tag = text.indexOf("@todo", tag + 5)) candidates.push(tag + 1);
  return candidates.sort((a, b) => a - b);
}

/** Finds every TODO and FIXME comment in `text`, in document order. */
export function findTodoComments(text: string, languageId: string): TodoComment[] {
  const candidates = findCandidates(text);
  if (candidates.length === 0) return [];
  return new Scanner(text, compile(commentSyntaxFor(languageId)), candidates).run();
}

/**
 * Only constructs that can span lines (block comments, multi-line strings) carry state from one
 * line to the next, so the scanner lexes just the lines holding a candidate or such an opener,
 * each from its start in code state, and jumps over the rest with native `indexOf`.
 */
class Scanner {
  private readonly results: TodoComment[] = [];
  /** Where the text of the TODO last found by `markerAt` ends. */
  private readonly found = { textEnd: 0 };
  private readonly lines: LineCounter;
  /** Index of the next unvisited candidate. */
  private next = 0;
  /** Brace depth per open template interpolation, innermost last. */
  private readonly templates: number[] = [];
  /** Next occurrence of each multi-line opener at or after `searchedFrom[i]`, or -1. */
  private readonly nextMultiline: number[];
  private readonly searchedFrom: number[];

  constructor(
    private readonly text: string,
    private readonly syntax: CompiledSyntax,
    private readonly candidates: number[],
  ) {
    this.lines = new LineCounter(text);
    this.nextMultiline = syntax.multiline.map(() => -1);
    this.searchedFrom = syntax.multiline.map(() => -1);
  }

  run(): TodoComment[] {
    const { text, candidates } = this;
    let pos = 0; // a line start, in code state
    while (pos < text.length) {
      while (this.next < candidates.length && candidates[this.next]! < pos) this.next++;
      if (this.next >= candidates.length) break;
      const candidate = candidates[this.next]!;
      const opener = this.nextMultilineOpener(pos);
      const from = lineStartAfter(text, Math.min(candidate, opener), pos);
      if (opener < candidate && this.plainBetween(from, opener)) {
        // Nothing before the opener on its line can hide it: it opens for real. A block comment
        // is jumped to its close with indexOf (its span visited only for candidates inside);
        // anything else is lexed from the opener, not from its line start.
        pos = this.jumpOpener(opener);
        if (pos < 0) pos = this.lexLines(opener);
        continue;
      }
      pos = this.lexLines(from);
    }
    return this.results;
  }

  /** No character in [from, to) can start an opener (so `to` is in code state if `from` is). */
  private plainBetween(from: number, to: number): boolean {
    const { text } = this;
    const { isOpenerStart } = this.syntax;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === NL || (code < 128 && isOpenerStart[code] === 1)) return false;
    }
    return true;
  }

  /**
   * At an opener in code state: when it opens a block comment (without an anchor rule), visits
   * the comment and returns the offset after its close (code state); when it opens a simple
   * string (see `skipSimpleString`), returns the offset after its close; otherwise -1.
   */
  private jumpOpener(at: number): number {
    const { text } = this;
    const list = this.syntax.byFirstChar.get(text.charCodeAt(at));
    const found = list?.find((candidate) => text.startsWith(candidate.open, at));
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

  private nextMultilineOpener(pos: number): number {
    let nearest = Number.POSITIVE_INFINITY;
    const { multiline } = this.syntax;
    for (let i = 0; i < multiline.length; i++) {
      if (
        this.searchedFrom[i]! < 0 ||
        (this.nextMultiline[i]! >= 0 && this.nextMultiline[i]! < pos)
      ) {
        this.nextMultiline[i] = this.text.indexOf(multiline[i]!, pos);
        this.searchedFrom[i] = pos;
      }
      const found = this.nextMultiline[i]!;
      if (found >= 0 && found < nearest) nearest = found;
    }
    return nearest;
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
      const todo = markerAt(
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
    if (code === NL || code === CR) return end;
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
    if (code === NL) break;
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
    if (code === NL) return true;
    if (!isSpace(code)) return false;
  }
  return true;
}

/** Python string prefixes: r, u, b (either case). */
function isStringPrefix(code: number): boolean {
  const lower = code | 32;
  return lower === 114 || lower === 117 || lower === 98;
}

/** Line numbers for offsets visited in increasing order, counting newlines incrementally. */
class LineCounter {
  /** The line last located, and where it starts. */
  line = 0;
  lineStart = 0;
  /** The first newline at or after `lineStart` (the text length if none). */
  private nextNewline: number;

  constructor(private readonly text: string) {
    this.nextNewline = this.newlineFrom(0);
  }

  /** The 0-based line of `offset`; `lineStart` is then where that line starts. */
  locate(offset: number): number {
    if (offset < this.lineStart) {
      this.line = 0;
      this.lineStart = 0;
      this.nextNewline = this.newlineFrom(0);
    }
    while (this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.newlineFrom(this.lineStart);
    }
    return this.line;
  }

  private newlineFrom(from: number): number {
    const nl = this.text.indexOf("\n", from);
    return nl < 0 ? this.text.length : nl;
  }
}

function markerAt(
  text: string,
  at: number,
  span: CommentSpan,
  lines: LineCounter,
  blockOpens: readonly string[],
  found: { textEnd: number },
): TodoComment | undefined {
  const first = text.charCodeAt(at);
  const marker: TodoMarker = first === 84 || first === 116 ? "TODO" : "FIXME";
  const end = at + marker.length;
  const exact = text.startsWith(marker, at);
  const atSign = at > span.start && text.charCodeAt(at - 1) === 64; /* @ */

  // Before the marker: comment decoration only, or a space or opening punctuation.
  const line = lines.locate(at);
  const { lineStart } = lines;
  const lineFloor = Math.max(span.start, lineStart);
  let decorationOnly = true;
  for (let i = atSign ? at - 1 : at; i > lineFloor; i--) {
    const code = text.charCodeAt(i - 1);
    if (!isDecoration(code)) {
      decorationOnly = false;
      break;
    }
  }
  if (!decorationOnly && !atSign) {
    const before = text.charCodeAt(at - 1);
    if (!isSpace(before) && !isOpeningPunctuation(before)) return undefined;
  }

  // After it: the end, a space or a separator; never `TODO_COUNT`, `TODOs`, `TODO.md`, `TODO/x`.
  const after = end < span.end ? text.charCodeAt(end) : -1;
  const afterNext = end + 1 < span.end ? text.charCodeAt(end + 1) : -1;
  const separatorOk =
    after === -1 ||
    isSpace(after) ||
    after === 58 || // :
    after === 40 || // (
    after === 41 || // )
    after === 91 || // [
    after === 93 || // ]
    after === 33 || // !
    after === 44 || // ,
    after === 59 || // ;
    ((after === 45 || after === 46) && (afterNext === -1 || isSpace(afterNext))); // "- " ". "
  if (!separatorOk) return undefined;

  // Case: upper case anywhere, or the JSDoc tag `@todo`.
  if (!exact && !atSign) return undefined;

  if (insideUrl(text, at, lineFloor)) return undefined;

  const start = atSign ? at - 1 : at;
  const firstLineEnd = Math.min(span.end, lineEnd(text, at));
  const textStart = skipSeparator(text, end, firstLineEnd);
  const firstTextEnd = strippedEnd(text, textStart, firstLineEnd);
  let joined = firstTextEnd > textStart ? text.slice(textStart, firstTextEnd) : "";
  let textEnd = firstTextEnd > textStart ? firstTextEnd : end;
  let endLine = line;
  let endLineStart = lineStart;

  // Continuation lines: further comment lines of the same comment (block) or full-line comments
  // with the same opener (line), until a blank one, another marker, or code.
  const fullLine =
    span.kind === "block" || onlySpaceBetween(text, lineStart, span.start - span.open.length);
  if (fullLine) {
    let cursor = firstLineEnd;
    for (;;) {
      const nl = text.indexOf("\n", cursor);
      if (nl < 0) break;
      const nextStart = nl + 1;
      const nextEnd = lineEnd(text, nextStart);
      let contentStart: number;
      let contentEnd = nextEnd;
      if (span.kind === "block") {
        if (nextStart >= span.end) break;
        contentEnd = Math.min(nextEnd, span.end);
        contentStart = skipSpaces(text, nextStart, contentEnd);
        if (
          text.charCodeAt(contentStart) === 42 /* * */ &&
          text.charCodeAt(contentStart + 1) !== 47
        ) {
          contentStart++;
        }
      } else {
        const opener = skipSpaces(text, nextStart, nextEnd);
        if (!text.startsWith(span.open, opener)) break;
        if (blockOpens.some((open) => text.startsWith(open, opener))) break;
        contentStart = opener + span.open.length;
        // `///` or `##`: the same comment, decorated.
        while (contentStart < nextEnd && text.startsWith(span.open, contentStart)) {
          contentStart += span.open.length;
        }
      }
      contentStart = skipSpaces(text, contentStart, contentEnd);
      const contentTextEnd = strippedEnd(text, contentStart, contentEnd);
      if (contentTextEnd === contentStart) break;
      const content = text.slice(contentStart, contentTextEnd);
      if (startsWithMarker(content)) break;
      joined = joined ? `${joined}\n${content}` : content;
      endLine++;
      endLineStart = nextStart;
      textEnd = contentTextEnd;
      cursor = nextEnd;
    }
  }
  found.textEnd = textEnd;
  return {
    line,
    endLine,
    text: joined,
    marker,
    range: {
      start: { line, character: start - lineStart },
      end: { line: endLine, character: textEnd - endLineStart },
    },
  };
}

function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Past `(owner)`, `:` or `-` after the marker. */
function skipSeparator(text: string, from: number, to: number): number {
  let i = from;
  if (text.charCodeAt(i) === 40 /* ( */) {
    const close = text.indexOf(")", i);
    if (close > 0 && close < to && close - i <= 40) i = close + 1;
  }
  i = skipSpaces(text, i, to);
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code !== 58 && code !== 45 && code !== 33) break;
    i++;
  }
  return skipSpaces(text, i, to);
}

/**
 * The end of `text[from, to)` without trailing white space and the closers of one-line block
 * comments (`-->`, a star-slash): the same as
 * `segment.replace(/\s*(?:\*+\/|-->|#>)?\s*$/, "")`, without the regex's backtracking or a slice.
 */
function strippedEnd(text: string, from: number, to: number): number {
  let end = trimmedEnd(text, from, to);
  const last = text.charCodeAt(end - 1);
  if (end - from >= 2 && last === 47 /* / */ && text.charCodeAt(end - 2) === 42 /* * */) {
    end--;
    while (end > from && text.charCodeAt(end - 1) === 42) end--;
  } else if (end - from >= 3 && last === 62 /* > */ && text.startsWith("-->", end - 3)) {
    end -= 3;
  } else if (end - from >= 2 && last === 62 && text.charCodeAt(end - 2) === 35 /* # */) {
    end -= 2;
  } else {
    return end;
  }
  return trimmedEnd(text, from, end);
}

/** The end of `text[from, to)` without trailing white space, as `String.prototype.trimEnd`. */
function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isJsWhiteSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** What `String.prototype.trim` removes: ECMAScript WhiteSpace and LineTerminator. */
function isJsWhiteSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const MARKER_UPPER = /^(?:TODO|FIXME)(?![\w./])/;
const MARKER_ANY_CASE = /^(?:@(?:todo|fixme)\b|(?:todo|fixme)\s*:)/i;

/** A continuation line that starts a new TODO ends the previous one. */
function startsWithMarker(content: string): boolean {
  return MARKER_UPPER.test(content) || MARKER_ANY_CASE.test(content);
}

/** Inside a whitespace-delimited token that is a URL (`https://…/TODO`, `www.…`). */
function insideUrl(text: string, at: number, floor: number): boolean {
  let i = at;
  while (i > floor && !isSpace(text.charCodeAt(i - 1))) i--;
  if (i === at) return false;
  const token = text.slice(i, at);
  return token.includes("://") || token.toLowerCase().startsWith("www.");
}
