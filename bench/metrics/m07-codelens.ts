/**
 * 7. CodeLens: the project's TODO detection (findTodoComments, which TodoCodeLensProvider runs
 * per document version) on a generated 20,000-line TypeScript file, against a plain regex scan
 * of the same text. Interleaved repetitions, medians.
 *
 * The detector is measured as it ships: bundled by esbuild as for dist/extension.js, not as tsx
 * runs the sources (there every use of an imported function goes through a getter V8 does not
 * inline, which costs this per-line code about 1.8x and says nothing about the extension).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { buildSync } from "esbuild";

import type * as TodoDetector from "../../extension/editor/todo/index";
import { generateSourceFile } from "../generate/sourceFile";
import { log, median, report, spread } from "../lib/report";

const LINES = 20_000;
const REPO = path.resolve(__dirname, "../..");

/** The detector compiled with the host bundle's settings (scripts/build.mjs: hostBuild). */
function shippedDetector(): typeof TodoDetector {
  const dir = mkdtempSync(path.join(tmpdir(), "codex-bench-todo-"));
  try {
    const outfile = path.join(dir, "todo.js");
    buildSync({
      entryPoints: [path.join(REPO, "extension/editor/todo/index.ts")],
      outfile,
      bundle: true,
      minify: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "silent",
    });
    return createRequire(__filename)(outfile) as typeof TodoDetector;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const REPS = Math.max(31, Number(process.env.BENCH_REPS ?? 5) * 6);

/** The baseline: one regex over the text, with the line of each hit. */
function regexScan(text: string): number {
  const re = /(?:\/\/|\/\*|\*|#)\s*(?:TODO|FIXME|@todo)\b.*$/gm;
  let count = 0;
  let line = 0;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf("\n", from); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) {
      line++;
      from = i + 1;
    }
    count += line >= 0 ? 1 : 0; // (uses the line, as a lens would)
  }
  return count;
}

function time(fn: () => number): { ms: number; found: number } {
  const started = performance.now();
  const found = fn();
  return { ms: performance.now() - started, found };
}

async function main(): Promise<void> {
  const { findTodoComments } = shippedDetector();
  const text = generateSourceFile(LINES);
  log(`codelens: ${LINES} lines, ${(text.length / 1e6).toFixed(2)} MB, ${REPS} reps each`);
  // Warm-up: both reach their optimised tiers first.
  for (let i = 0; i < 15; i++) {
    findTodoComments(text, "typescript");
    regexScan(text);
  }
  const subject: number[] = [];
  const baseline: number[] = [];
  let found = 0;
  let regexFound = 0;
  for (let i = 0; i < REPS; i++) {
    const a = time(() => regexScan(text));
    baseline.push(a.ms);
    regexFound = a.found;

    const b = time(() => findTodoComments(text, "typescript").length);
    subject.push(b.ms);
    found = b.found;
  }
  // Each pair ran back to back under the same machine load: the median of the pair ratios is
  // steadier than the ratio of the medians on a shared, noisy machine.
  const ratio = median(subject.map((ms, i) => ms / baseline[i]!));
  report("7", [
    {
      name: "7 CodeLens TODO scan, 20k lines",
      value: median(subject),
      unit: "ms",
      baseline: median(baseline),
      ratio,
      target: "≤ 2x regex",
      pass: ratio <= 2,
      detail: `findTodoComments ${median(subject).toFixed(2)} ms [${spread(subject, 2)}] found ${found}; regex ${median(baseline).toFixed(2)} ms [${spread(baseline, 2)}] found ${regexFound} (it also counts TODO in strings/URLs); ${REPS} interleaved pairs, ratio = median of pair ratios`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
