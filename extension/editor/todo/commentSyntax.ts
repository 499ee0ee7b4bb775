/** How a language writes comments and strings: the shape of the entries in `languageSyntaxes`. */

/** Where a comment opener counts: anywhere, only after whitespace (or line start), or only first on its line. */
export type Anchor = "any" | "wordStart" | "lineStart";

export interface LineCommentSyntax {
  open: string;
  at?: Anchor;
}

export interface BlockCommentSyntax {
  open: string;
  close: string;
  at?: Anchor;
}

export interface StringSyntax {
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
