/**
 * Hunks of one file: a line diff of the file before a turn (the baseline) against its current
 * text, and what Keep and Undo do to one hunk. Pure text in, text out (no `vscode`), so the
 * model is unit-tested without an editor.
 *
 * Lines keep their terminators ("a\n", "b\r\n", "c"), so joining them gives back the text byte
 * for byte and a hunk's offsets are exact whatever the line endings.
 */
import { diffLines } from "diff";

export interface Hunk {
  /** Lines [beforeStart, beforeEnd) of the baseline, 0-based. */
  beforeStart: number;
  beforeEnd: number;
  /** Lines [currentStart, currentEnd) of the current text, 0-based; empty for a removal. */
  currentStart: number;
  currentEnd: number;
  /** The baseline's lines of this hunk, joined: what Undo puts back. */
  beforeText: string;
}

export type HunkKind = "added" | "removed" | "modified";

export function hunkKind(hunk: Hunk): HunkKind {
  if (hunk.beforeStart === hunk.beforeEnd) return "added";
  if (hunk.currentStart === hunk.currentEnd) return "removed";
  return "modified";
}

/** The lines of `text`, each with its terminator; "" has no lines. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * jsdiff gives up beyond this many edits (a rewrite of the whole file); the file is then one
 * hunk, which is still exact.
 */
const MAX_EDIT_LENGTH = 5_000;

export function computeHunks(before: string, current: string): Hunk[] {
  if (before === current) return [];
  const beforeLines = splitLines(before);
  const currentLines = splitLines(current);
  const changes = diffLines(before, current, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    return [whole(beforeLines, currentLines)];
  }
  const hunks: Hunk[] = [];
  let b = 0;
  let c = 0;
  let open: Hunk | undefined;
  const close = () => {
    if (!open) return;
    open.beforeText = beforeLines.slice(open.beforeStart, open.beforeEnd).join("");
    hunks.push(open);
    open = undefined;
  };
  for (const change of changes) {
    const count = change.count ?? splitLines(change.value).length;
    if (!change.added && !change.removed) {
      close();
      b += count;
      c += count;
      continue;
    }
    open ??= { beforeStart: b, beforeEnd: b, currentStart: c, currentEnd: c, beforeText: "" };
    if (change.removed) {
      b += count;
      open.beforeEnd = b;
    } else {
      c += count;
      open.currentEnd = c;
    }
  }
  close();
  return hunks;
}

function whole(beforeLines: string[], currentLines: string[]): Hunk {
  return {
    beforeStart: 0,
    beforeEnd: beforeLines.length,
    currentStart: 0,
    currentEnd: currentLines.length,
    beforeText: beforeLines.join(""),
  };
}

/** Keep: the baseline takes the hunk's current lines, so the hunk is no longer a change. */
export function keepHunk(before: string, current: string, hunk: Hunk): string {
  const beforeLines = splitLines(before);
  const kept = splitLines(current).slice(hunk.currentStart, hunk.currentEnd);
  return [
    ...beforeLines.slice(0, hunk.beforeStart),
    ...kept,
    ...beforeLines.slice(hunk.beforeEnd),
  ].join("");
}

/** A replacement in the current text, by character offsets. */
export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/** Undo: the hunk's current lines are replaced by its baseline lines. */
export function undoHunk(current: string, hunk: Hunk): TextReplacement {
  const lines = splitLines(current);
  const offsetOf = (line: number) => lines.slice(0, line).reduce((sum, l) => sum + l.length, 0);
  return {
    start: offsetOf(hunk.currentStart),
    end: offsetOf(hunk.currentEnd),
    text: hunk.beforeText,
  };
}

export function applyReplacement(text: string, edit: TextReplacement): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** The hunk that covers 0-based `line` of the current text (a removal covers its line). */
export function hunkAt(hunks: readonly Hunk[], line: number): Hunk | undefined {
  return hunks.find((hunk) =>
    hunk.currentStart === hunk.currentEnd
      ? line === hunk.currentStart || line === hunk.currentStart - 1
      : line >= hunk.currentStart && line < hunk.currentEnd,
  );
}

/** "12-15" (1-based, inclusive) for the hunk's current lines; a removal names its line. */
export function hunkLines(hunk: Hunk): string {
  const first = hunk.currentStart + 1;
  const last = Math.max(first, hunk.currentEnd);
  return first === last ? `${first}` : `${first}-${last}`;
}
