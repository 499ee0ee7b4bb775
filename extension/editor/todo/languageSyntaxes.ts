/**
 * The comment and string syntax of each VS Code language id (data only). Strings matter as much
 * as comments: `"// TODO"` in a string is not a TODO.
 */
import type {
  Anchor,
  BlockCommentSyntax,
  CommentSyntax,
  LineCommentSyntax,
  StringSyntax,
} from "./commentSyntax";

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

/** The syntax for a language id or one of its aliases; the fallback for ids we do not know. */
export function commentSyntaxFor(languageId: string): CommentSyntax {
  return SYNTAXES[languageId] ?? SYNTAXES[ALIASES[languageId] ?? ""] ?? FALLBACK;
}
