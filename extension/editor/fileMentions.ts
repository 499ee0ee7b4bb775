/**
 * @-mention file search: an index of workspace file paths and a fuzzy ranker.
 *
 * The ranker is a subsequence match scored with bonuses for the basename, word boundaries
 * (`/`, `-`, `_`, `.`, space, camelCase), consecutive runs and short paths; an exact basename
 * comes first. It is built for 50,000 paths per keystroke: lower-case forms and basename offsets
 * are computed once per path, a 32-bit character mask rejects most paths with one AND, the
 * subsequence check uses native `indexOf`, and only the best `limit` results are kept (no sort
 * of all matches, no per-path allocation).
 *
 * The index takes its paths from a {@link FileSource} (in the extension: `workspace.findFiles`
 * and a file system watcher), is built on first use and updated by watcher events.
 *
 * Over 400 lines because the corpus, the ranker and the index share the per-path arrays the
 * ranker's speed depends on; split apart, each would have to expose them.
 */

export interface MentionMatch {
  path: string;
  score: number;
}

/** Paths prepared for ranking; build once with {@link prepareMentionPaths}, update incrementally. */
export class MentionCorpus {
  readonly paths: string[] = [];
  readonly lower: string[] = [];
  readonly baseStart: number[] = [];
  readonly masks: number[] = [];
  /** Per path: {@link charBit} of each letter that starts a camelCase word (`B` in `fooBar`). */
  readonly camelMasks: number[] = [];
  private readonly positions = new Map<string, number>();
  /** Bumped on every change, so a narrowed search knows its previous matches are stale. */
  version = 0;

  constructor(paths: Iterable<string> = []) {
    for (const path of paths) this.add(path);
  }

  get size(): number {
    return this.paths.length;
  }

  has(path: string): boolean {
    return this.positions.has(path);
  }

  add(path: string): void {
    if (this.positions.has(path)) return;
    this.version++;
    this.positions.set(path, this.paths.length);
    const lower = path.toLowerCase();
    this.paths.push(path);
    this.lower.push(lower);
    this.baseStart.push(path.lastIndexOf("/") + 1);
    this.masks.push(charMask(lower));
    this.camelMasks.push(camelMask(path));
  }

  /** Removes `path` (and, with `prefix`, every path under it): swap-with-last, O(1) each. */
  remove(path: string, prefix = false): void {
    const targets = prefix
      ? this.paths.filter((candidate) => candidate === path || candidate.startsWith(`${path}/`))
      : [path];
    for (const target of targets) {
      const at = this.positions.get(target);
      if (at === undefined) continue;
      this.version++;
      const last = this.paths.length - 1;
      if (at !== last) {
        this.paths[at] = this.paths[last]!;
        this.lower[at] = this.lower[last]!;
        this.baseStart[at] = this.baseStart[last]!;
        this.masks[at] = this.masks[last]!;
        this.camelMasks[at] = this.camelMasks[last]!;
        this.positions.set(this.paths[at]!, at);
      }
      this.paths.pop();
      this.lower.pop();
      this.baseStart.pop();
      this.masks.pop();
      this.camelMasks.pop();
      this.positions.delete(target);
    }
  }
}

export function prepareMentionPaths(paths: Iterable<string>): MentionCorpus {
  return new MentionCorpus(paths);
}

/** Bit per letter a–z, one for digits, one for everything else. */
function charMask(lower: string): number {
  let mask = 0;
  for (let i = 0; i < lower.length; i++) mask |= charBit(lower.charCodeAt(i));
  return mask;
}

/** Bits of the letters that start a camelCase word: an upper-case letter after a lower-case one. */
function camelMask(path: string): number {
  let mask = 0;
  for (let i = 1; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      const before = path.charCodeAt(i - 1);
      if (before >= 97 && before <= 122) mask |= 1 << (code - 65);
    }
  }
  return mask;
}

function charBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 48 && code <= 57) return 1 << 26;
  if (code === 32 || code === 47) return 0; // spaces and slashes are not required to match
  return 1 << 27;
}

const lastSearch = new WeakMap<
  MentionCorpus,
  { version: number; query: string; matches: Int32Array }
>();

const preparedCache = new WeakMap<readonly string[], MentionCorpus>();

function corpusFor(paths: readonly string[] | MentionCorpus): MentionCorpus {
  if (paths instanceof MentionCorpus) return paths;
  let corpus = preparedCache.get(paths);
  if (!corpus) {
    corpus = new MentionCorpus(paths);
    preparedCache.set(paths, corpus);
  }
  return corpus;
}

// Scores
const EXACT_BASENAME = 10_000;
const EXACT_STEM = 5_000;
const BASENAME_PREFIX = 2_000;
const MATCH = 16;
const BOUNDARY = 32;
const BASENAME_START = 64;
const CONSECUTIVE = 56;
const IN_BASENAME = 24;
const GAP = 3;

function isSeparator(code: number): boolean {
  return code === 47 || code === 45 || code === 95 || code === 46 || code === 32 || code === 92;
}

/** Position `at` starts a word: after a separator, or a capital after a lower-case letter. */
function isBoundary(path: string, at: number): boolean {
  if (at === 0) return true;
  const before = path.charCodeAt(at - 1);
  if (isSeparator(before)) return true;
  const code = path.charCodeAt(at);
  return code >= 65 && code <= 90 && before >= 97 && before <= 122;
}

/**
 * Scores one subsequence alignment of `query` in `lower` starting the search at `from`:
 * greedy, but a match at a word boundary up to a few characters further wins over a plain one.
 * Returns -Infinity when `query` is not a subsequence of `lower[from..]`.
 */
function alignmentScore(
  path: string,
  lower: string,
  query: string,
  from: number,
  baseStart: number,
): number {
  let score = 0;
  let previous = -2;
  let pos = from;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    let at = lower.indexOf(ch, pos);
    if (at < 0) return Number.NEGATIVE_INFINITY;
    if (at !== previous + 1 && !isBoundary(path, at)) {
      // Prefer the next occurrence at a word boundary, if the rest can still match after it.
      const next = lower.indexOf(ch, at + 1);
      if (next >= 0 && isBoundary(path, next) && canFinish(lower, query, i + 1, next + 1))
        at = next;
    }
    score += MATCH;
    if (at === previous + 1) score += CONSECUTIVE;
    else if (previous >= 0) score -= GAP + Math.min(at - previous, 20);
    if (at === baseStart) score += BASENAME_START;
    else if (isBoundary(path, at)) score += BOUNDARY;
    if (at >= baseStart) score += IN_BASENAME;
    previous = at;
    pos = at + 1;
  }
  return score;
}

function canFinish(lower: string, query: string, from: number, pos: number): boolean {
  for (let i = from; i < query.length; i++) {
    const at = lower.indexOf(query[i]!, pos);
    if (at < 0) return false;
    pos = at + 1;
  }
  return true;
}

/** Score of `path` for `query` (lower-case, no spaces), or -Infinity when it does not match. */
function scorePath(path: string, lower: string, baseStart: number, query: string): number {
  let score = alignmentScore(path, lower, query, 0, baseStart);
  if (score === Number.NEGATIVE_INFINITY) return score;
  if (baseStart > 0 && !query.includes("/")) {
    const inBasename = alignmentScore(path, lower, query, baseStart, baseStart);
    if (inBasename > score) score = inBasename;
  }
  const basenameLength = lower.length - baseStart;
  if (basenameLength === query.length && lower.startsWith(query, baseStart)) {
    score += EXACT_BASENAME;
  } else if (lower.startsWith(query, baseStart)) {
    const dot = lower.indexOf(".", baseStart + 1);
    score += dot === baseStart + query.length ? EXACT_STEM : BASENAME_PREFIX;
  }
  // Shorter paths first among equals.
  return score - lower.length * 0.5;
}

/**
 * An upper bound of `scorePath` (before its length penalty) for a path whose basename does not
 * start with `query`, from what each query character can earn in any alignment: in the basename
 * only the characters of a query suffix that is a subsequence of the basename; a consecutive
 * match is a word boundary only after a separator or at a camelCase letter of this path; a gap
 * costs at least `GAP + 2`. Lets the top-K cut-off skip the full scoring of most paths when the
 * query matches a folder of many of them (`src`). `lower` must be as long as the path.
 */
function scoreBound(lower: string, baseStart: number, camel: number, query: string): number {
  const m = query.length;
  // Query characters from `inBasename` on can lie in the basename: the longest suffix of the
  // query that is a subsequence of the basename, matched backwards.
  let j = m - 1;
  for (let p = lower.length - 1; p >= baseStart && j >= 0; p--) {
    if (lower.charCodeAt(p) === query.charCodeAt(j)) j--;
  }
  const inBasename = j + 1;
  const baseChar = lower.charCodeAt(baseStart);
  let bound = m * MATCH;
  bound +=
    inBasename === 0
      ? (query.charCodeAt(0) === baseChar ? BASENAME_START : BOUNDARY) + IN_BASENAME
      : BOUNDARY;
  for (let i = 1; i < m; i++) {
    const code = query.charCodeAt(i);
    const before = query.charCodeAt(i - 1);
    let consecutive = CONSECUTIVE;
    if (before === 47 /* / */) {
      // A segment start; the basename's only when it starts with this character.
      consecutive += i >= inBasename && code === baseChar ? BASENAME_START + IN_BASENAME : BOUNDARY;
    } else {
      if (isSeparator(before) || (camel & charBit(code)) !== 0) consecutive += BOUNDARY;
      if (i - 1 >= inBasename) consecutive += IN_BASENAME;
    }
    let gap = BOUNDARY - GAP - 2;
    if (i >= inBasename) gap += IN_BASENAME + (code === baseChar ? BASENAME_START - BOUNDARY : 0);
    bound += consecutive > gap ? consecutive : gap;
  }
  return bound;
}

/**
 * The best `limit` paths for `query`, best first (ties: shorter, then alphabetical). An empty
 * query returns the shortest paths. Spaces in the query are ignored.
 */
export function rankMentions(
  query: string,
  paths: readonly string[] | MentionCorpus,
  limit: number,
): MentionMatch[] {
  const corpus = corpusFor(paths);
  const needle = query.toLowerCase().replace(/\s+/g, "").replace(/\\/g, "/");
  if (limit <= 0) return [];
  let queryMask = 0;
  for (let i = 0; i < needle.length; i++) queryMask |= charBit(needle.charCodeAt(i));

  // The best `limit` so far, ascending by score: a small sorted array beats a heap at these sizes.
  const topScores: number[] = [];
  const topIndexes: number[] = [];
  const { paths: all, lower, baseStart, masks, camelMasks } = corpus;
  // Without a basename-prefix bonus a path cannot score above this (before its length penalty):
  // once the kept results all beat it, only basename-prefix matches need scoring.
  const m = needle.length;
  const plainBound = m * (MATCH + BASENAME_START + IN_BASENAME) + Math.max(0, m - 1) * CONSECUTIVE;
  // Typing extends the query: only the previous query's matches can match the new one.
  const previous = lastSearch.get(corpus);
  const narrowed =
    previous && previous.version === corpus.version && m > 0 && needle.startsWith(previous.query)
      ? previous.matches
      : undefined;
  const matches = new Int32Array(narrowed ? narrowed.length : all.length);
  let matchCount = 0;
  const total = narrowed ? narrowed.length : all.length;
  for (let k = 0; k < total; k++) {
    const index = narrowed ? narrowed[k]! : k;
    if ((masks[index]! & queryMask) !== queryMask) continue;
    const lowerPath = lower[index]!;
    if (m > 0 && !canFinish(lowerPath, needle, 0, 0)) continue;
    matches[matchCount++] = index;
    const full = topScores.length === limit;
    if (full && m > 0 && topScores[0]! > plainBound - lowerPath.length * 0.5) {
      if (!lowerPath.startsWith(needle, baseStart[index]!)) continue;
    } else if (
      full &&
      m > 1 &&
      lowerPath.length === all[index]!.length &&
      !lowerPath.startsWith(needle, baseStart[index]!) &&
      topScores[0]! >
        scoreBound(lowerPath, baseStart[index]!, camelMasks[index]!, needle) -
          lowerPath.length * 0.5
    ) {
      continue;
    }
    const score =
      m === 0 ? -lowerPath.length : scorePath(all[index]!, lowerPath, baseStart[index]!, needle);
    if (score === Number.NEGATIVE_INFINITY) continue;
    if (full) {
      const worst = topScores[0]!;
      if (score < worst || (score === worst && !beats(all[index]!, all[topIndexes[0]!]!))) continue;
      topScores.shift();
      topIndexes.shift();
    }
    // Insert keeping ascending order (ties: the better path later).
    let at = topScores.length;
    while (
      at > 0 &&
      (topScores[at - 1]! > score ||
        (topScores[at - 1]! === score && beats(all[topIndexes[at - 1]!]!, all[index]!)))
    ) {
      at--;
    }
    topScores.splice(at, 0, score);
    topIndexes.splice(at, 0, index);
  }
  lastSearch.set(corpus, {
    version: corpus.version,
    query: needle,
    matches: matches.subarray(0, matchCount),
  });
  const result: MentionMatch[] = [];
  for (let i = topScores.length - 1; i >= 0; i--) {
    result.push({ path: all[topIndexes[i]!]!, score: topScores[i]! });
  }
  return result;
}

/** Tie-break: shorter, then alphabetical. */
function beats(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

// ---------------------------------------------------------------------------------------------
// The index

export interface Disposable {
  dispose(): void;
}

/** Workspace files as `/`-separated paths relative to the workspace (what the index holds). */
export interface FileSource {
  listFiles(): Promise<string[]>;
  /** Calls back on creations and deletions (a deleted folder's path removes everything under it). */
  watch(listener: { created(path: string): void; deleted(path: string): void }): Disposable;
}

export class FileMentionIndex implements Disposable {
  private corpus: MentionCorpus | undefined;
  private building: Promise<MentionCorpus> | undefined;
  private watcher: Disposable | undefined;
  /** Watcher events that arrive while the first listing runs, replayed on top of it. */
  private pending: { kind: "created" | "deleted"; path: string }[] = [];
  private disposed = false;

  constructor(private readonly source: FileSource) {}

  /** Ranked matches for `query`; the first call lists the workspace. */
  async search(query: string, limit = 50): Promise<MentionMatch[]> {
    return rankMentions(query, await this.ready(), limit);
  }

  /** The index, built on first use. */
  ready(): Promise<MentionCorpus> {
    if (this.corpus) return Promise.resolve(this.corpus);
    if (!this.building) {
      this.watcher = this.source.watch({
        created: (path) => this.apply("created", path),
        deleted: (path) => this.apply("deleted", path),
      });
      this.building = this.source.listFiles().then(
        (paths) => {
          const corpus = new MentionCorpus(paths);
          for (const event of this.pending) applyEvent(corpus, event.kind, event.path);
          this.pending = [];
          if (!this.disposed) this.corpus = corpus;
          return corpus;
        },
        (error: unknown) => {
          // Let the next search try again.
          this.building = undefined;
          this.watcher?.dispose();
          this.watcher = undefined;
          throw error;
        },
      );
    }
    return this.building;
  }

  private apply(kind: "created" | "deleted", path: string): void {
    if (this.corpus) applyEvent(this.corpus, kind, path);
    else this.pending.push({ kind, path });
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.corpus = undefined;
  }
}

function applyEvent(corpus: MentionCorpus, kind: "created" | "deleted", path: string): void {
  if (kind === "created") corpus.add(path);
  else corpus.remove(path, true);
}
