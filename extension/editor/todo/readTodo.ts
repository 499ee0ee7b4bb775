/**
 * The TODO at a marker candidate: its text after the marker (past an owner tag and separator),
 * joined with the comment lines that continue it, and its range.
 */
import type { CommentSpan } from "./commentSpan";
import type { LineCounter } from "./lineCounter";
import { lineEnd, onlySpaceBetween, skipSpaces } from "./lineOffsets";
import type { TodoComment } from "./todoComment";
import { isTodoTag, markerAt, startsWithMarker } from "./todoMarker";

/**
 * The TODO whose candidate is at `at` in `span`, or undefined when the candidate is no marker.
 * `lines` locates offsets in increasing order; `found.textEnd` is set to the end of the TODO's
 * text, so the scanner skips the candidates inside it.
 */
export function readTodo(
  text: string,
  at: number,
  span: CommentSpan,
  lines: LineCounter,
  blockOpens: readonly string[],
  found: { textEnd: number },
): TodoComment | undefined {
  const line = lines.locate(at);
  const { lineStart } = lines;
  const marker = markerAt(text, at, span, Math.max(span.start, lineStart));
  if (!marker) return undefined;

  const start = isTodoTag(text, at, span) ? at - 1 : at;
  const end = at + marker.length;
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
