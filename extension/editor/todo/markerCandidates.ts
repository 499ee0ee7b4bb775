/**
 * Where a marker might be: a literal search over the whole text, before any lexing, so a file
 * without one returns at once and the scanner lexes only the lines that hold one.
 */

/** Upper-case markers: a literal search, as fast as a plain regex scan. */
const CANDIDATES = /TODO|FIXME/g;

/** Candidate marker offsets in order: `TODO`, `FIXME`, and the JSDoc tag `@todo`. */
export function findMarkerCandidates(text: string): number[] {
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
