/**
 * +/− line counts of a change, as a diff view would show them, and Git's binary heuristic.
 * Myers' O((N+M)·D) diff on interned lines after trimming the common head and tail; past
 * MAX_EDITS differences it stops and counts the whole differing middle (an upper bound).
 */

const MAX_EDITS = 2_000;
const BINARY_PROBE = 8_000;

/** Git's rule: a NUL byte in the first 8,000 bytes. */
export function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_PROBE);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** +/− lines between two contents, or `binary` (no counts) when either looks binary. */
export function diffStats(
  before: Uint8Array,
  after: Uint8Array,
): { added: number; removed: number; binary: boolean } {
  if (isBinary(before) || isBinary(after)) return { added: 0, removed: 0, binary: true };
  const decoder = new TextDecoder();
  return { ...countLineChanges(decoder.decode(before), decoder.decode(after)), binary: false };
}

export function countLineChanges(
  before: string,
  after: string,
): { added: number; removed: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { added: m, removed: n };
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a.slice(start, endA), intern);
  const y = Int32Array.from(b.slice(start, endB), intern);
  const d = editDistance(x, y, Math.min(MAX_EDITS, n + m));
  if (d === undefined) return { added: m, removed: n };
  // d = removed + added, and added − removed = m − n.
  return { added: (d + m - n) / 2, removed: (d - m + n) / 2 };
}

/** Myers: the number of insertions plus deletions, or undefined past `max`. */
function editDistance(x: Int32Array, y: Int32Array, max: number): number | undefined {
  const n = x.length;
  const m = y.length;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let i =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) return d;
    }
  }
  return undefined;
}
