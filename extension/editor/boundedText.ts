/**
 * Keeps a context attachment within its size: whole lines from the start (or the end) up to a
 * character budget, and how much was left out, so the note can say what was cut.
 */

export interface Bounded {
  text: string;
  /** Lines left out (0: nothing was cut). */
  cutLines: number;
  cutChars: number;
}

/** The first lines of `text` that fit in `max` characters (a single overlong line is cut). */
export function headLines(text: string, max: number): Bounded {
  if (text.length <= max) return { text, cutLines: 0, cutChars: 0 };
  let end = text.lastIndexOf("\n", max);
  if (end <= 0) end = max;
  const kept = text.slice(0, end);
  const rest = text.slice(end);
  return { text: kept, cutLines: countLines(rest.replace(/^\n/, "")), cutChars: rest.length };
}

/** The last lines of `text` that fit in `max` characters (for output, whose end matters most). */
export function tailLines(text: string, max: number): Bounded {
  if (text.length <= max) return { text, cutLines: 0, cutChars: 0 };
  let start = text.indexOf("\n", text.length - max);
  if (start < 0 || start >= text.length - 1) start = text.length - max;
  else start += 1;
  const dropped = text.slice(0, start);
  return { text: text.slice(start), cutLines: countLines(dropped), cutChars: dropped.length };
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** "1,234" in every locale the model reads (it reads English). */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}
