/** Where lines start and end around an offset, and what lies between two offsets. */
import { isSpace } from "./charCodes";

/** The start of the line of `pos`. */
export function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** The start of the line of `pos`, or `floor` if that comes later: a backward scan, no builtin call. */
export function lineStartAfter(text: string, pos: number, floor: number): number {
  let i = pos;
  while (i > floor && text.charCodeAt(i - 1) !== 10 /* \n */) i--;
  return i;
}

/** Whether `text[from, to)` is all white space (or empty). */
export function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isSpace(text.charCodeAt(i))) return false;
  }
  return true;
}

/** The end of the line of `pos`, before its `\n` or `\r\n`. */
export function lineEnd(text: string, pos: number): number {
  const end = text.indexOf("\n", pos);
  if (end < 0) return text.length;
  return end > 0 && text.charCodeAt(end - 1) === 13 /* \r */ ? end - 1 : end;
}

/** The first offset in [from, to) that is not white space, or `to`. */
export function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}
