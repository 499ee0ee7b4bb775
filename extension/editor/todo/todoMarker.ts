/**
 * Whether a marker candidate inside a comment is a real TODO marker: a word of its own
 * (`TODO:`, `(FIXME)`, `@todo`), not `TODO_COUNT`, `TODOs`, `TODO.md` or part of a URL.
 */
import { isSpace } from "./charCodes";
import type { CommentSpan } from "./commentSpan";
import type { TodoMarker } from "./todoComment";

/**
 * The marker at candidate `at` of `span`, or undefined when it is none. `lineFloor` is where the
 * marker's line starts within the comment.
 */
export function markerAt(
  text: string,
  at: number,
  span: CommentSpan,
  lineFloor: number,
): TodoMarker | undefined {
  const first = text.charCodeAt(at);
  const marker: TodoMarker = first === 84 || first === 116 ? "TODO" : "FIXME";
  const end = at + marker.length;
  const exact = text.startsWith(marker, at);
  const atSign = isTodoTag(text, at, span);

  // Before the marker: comment decoration only, or a space or opening punctuation.
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

  return marker;
}

/** The candidate is the name of a JSDoc tag (`@todo`): the `@` is part of the marker. */
export function isTodoTag(text: string, at: number, span: CommentSpan): boolean {
  return at > span.start && text.charCodeAt(at - 1) === 64; /* @ */
}

const MARKER_UPPER = /^(?:TODO|FIXME)(?![\w./])/;
const MARKER_ANY_CASE = /^(?:@(?:todo|fixme)\b|(?:todo|fixme)\s*:)/i;

/** A continuation line that starts a new TODO ends the previous one. */
export function startsWithMarker(content: string): boolean {
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
