/**
 * Where the next multi-line opener is: the scanner stops at each, as a block comment or a
 * multi-line string can hide what follows it. One `indexOf` search per opener kind, done again
 * only once the scan has passed the occurrence it found.
 */
import type { MultilineOpener } from "./compiledSyntax";

export class MultilineOpeners {
  /** The opener found by the last `nextFrom`. */
  nearest: MultilineOpener | undefined;
  /** The occurrence of each opener its last search found (Infinity if none); -1 before any. */
  private readonly found: number[];

  constructor(
    private readonly text: string,
    private readonly openers: readonly MultilineOpener[],
  ) {
    this.found = openers.map(() => -1);
  }

  /** The first multi-line opener at or after `pos` (Infinity if none); sets `nearest`. */
  nextFrom(pos: number): number {
    const { openers, found } = this;
    let nearest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < openers.length; i++) {
      let at = found[i]!;
      if (at < pos) {
        at = search(this.text, openers[i]!, pos);
        if (at < 0) at = Number.POSITIVE_INFINITY;
        found[i] = at;
      }
      if (at < nearest) {
        nearest = at;
        this.nearest = openers[i];
      }
    }
    return nearest;
  }
}

/** The first `opener.open` at or after `pos`, or -1: `indexOf` for its `lead` character. */
function search(text: string, opener: MultilineOpener, pos: number): number {
  const { open, lead } = opener;
  if (lead === 0) return text.indexOf(open, pos);
  const char = open[lead]!;
  for (let i = text.indexOf(char, pos + lead); i >= 0; i = text.indexOf(char, i + 1)) {
    if (text.startsWith(open, i - lead)) return i - lead;
  }
  return -1;
}
