/**
 * Reconstructs the text a file had before a change, or will have after it, from the file's
 * current text and the change's unified diff (as codex reports it in a `fileChange` item: hunks
 * only, no file headers).
 */
import type { FileUpdateChange } from "../../protocol/codex/v2/FileUpdateChange";

interface Hunk {
  newStart: number;
  oldLines: string[];
  newLines: string[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  const lines = diff.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      current = { newStart: Number(header[3]), oldLines: [], newLines: [] };
      hunks.push(current);
      continue;
    }
    if (!current || line.startsWith("\\")) continue;
    const body = line.slice(1);
    if (line.startsWith(" ") || line === "") {
      current.oldLines.push(body);
      current.newLines.push(body);
    } else if (line.startsWith("-")) {
      current.oldLines.push(body);
    } else if (line.startsWith("+")) {
      current.newLines.push(body);
    }
  }
  return hunks;
}

function matchesAt(lines: readonly string[], block: readonly string[], at: number): boolean {
  if (at < 0 || at + block.length > lines.length) return false;
  return block.every((line, i) => lines[at + i] === line);
}

/** The index nearest to `expected` where `block` occurs, or -1. */
function locate(lines: readonly string[], block: readonly string[], expected: number): number {
  if (matchesAt(lines, block, expected)) return expected;
  for (let distance = 1; distance <= lines.length; distance++) {
    if (matchesAt(lines, block, expected - distance)) return expected - distance;
    if (matchesAt(lines, block, expected + distance)) return expected + distance;
  }
  return -1;
}

/** `current` with `diff` undone, or null when the diff does not fit the current text. */
export function reverseApply(current: string, diff: string): string | null {
  const hunks = parseHunks(diff);
  if (hunks.length === 0) return null;
  const trailingNewline = current.endsWith("\n");
  const lines = current.split("\n");
  if (trailingNewline) lines.pop();
  // Bottom-up, so earlier hunks' positions stay valid.
  const ordered = [...hunks].sort((a, b) => b.newStart - a.newStart);
  for (const hunk of ordered) {
    const expected = Math.max(0, hunk.newStart - (hunk.newLines.length === 0 ? 0 : 1));
    const at = hunk.newLines.length === 0 ? expected : locate(lines, hunk.newLines, expected);
    if (at === -1) return null;
    lines.splice(at, hunk.newLines.length, ...hunk.oldLines);
  }
  const text = lines.join("\n");
  return trailingNewline ? `${text}\n` : text;
}

/** `current` with `diff` applied (the proposed text), or null when the diff does not fit. */
export function forwardApply(current: string, diff: string): string | null {
  const hunks = parseHunks(diff);
  if (hunks.length === 0) return null;
  const trailingNewline = current.endsWith("\n") || current === "";
  const lines = current === "" ? [] : current.split("\n");
  if (current.endsWith("\n")) lines.pop();
  // Bottom-up, so earlier hunks' positions stay valid; a hunk's old start is its new start
  // shifted by the line counts of the hunks above it.
  let shift = 0;
  const placed = hunks.map((hunk) => {
    const oldStart = hunk.newStart - shift;
    shift += hunk.newLines.length - hunk.oldLines.length;
    return { hunk, oldStart };
  });
  for (const { hunk, oldStart } of placed.reverse()) {
    const expected = Math.max(0, oldStart - (hunk.oldLines.length === 0 ? 0 : 1));
    const at = hunk.oldLines.length === 0 ? expected : locate(lines, hunk.oldLines, expected);
    if (at === -1) return null;
    lines.splice(at, hunk.oldLines.length, ...hunk.newLines);
  }
  const text = lines.join("\n");
  return trailingNewline && lines.length > 0 ? `${text}\n` : text;
}

/**
 * The original text of one file change: empty for an added file, the removed content for a
 * deleted one, the reverse-applied diff for an update. Null when it cannot be reconstructed.
 */
export function originalText(change: FileUpdateChange, current: string | undefined): string | null {
  switch (change.kind.type) {
    case "add":
      return "";
    case "delete":
      return change.diff;
    case "update":
      return current === undefined ? null : reverseApply(current, change.diff);
  }
}
