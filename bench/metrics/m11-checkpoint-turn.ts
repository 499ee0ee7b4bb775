/**
 * 11. Checkpointing a turn: a turn that edits 5 files of a generated 20,000-file workspace,
 * with checkpoints (beginTurn → edits → finishTurn, summary persisted; the store watches the
 * tree, so both scans re-stat only the changed paths) against the same edits with checkpoints
 * off; and the store's full walk (the fallback when the watcher cannot be trusted, and the
 * safety walk) of the unchanged tree against a plain lstat walk of the same tree. Interleaved
 * repetitions, medians.
 *
 * The first checkpoint of a workspace copies every tracked file into the store: reported as a
 * one-time row, not hidden in the medians.
 */
import * as fs from "node:fs";
import { rmSync } from "node:fs";
import * as path from "node:path";

import { CheckpointStore } from "../../extension/checkpoints";
import { editFile, generateWorkspaceTree, pickFiles, scratchDir } from "../generate/workspaceTree";
import { prng } from "../generate/text";
import { log, median, report, settle, spread } from "../lib/report";

const FILES = 20_000;
const EDITED = 5;
const REPS = Math.max(7, Number(process.env.BENCH_REPS ?? 5) + 2);
const SKIP = new Set(["node_modules", ".git", ".hg", ".svn", ".jj"]);

/**
 * The baseline: readdir + lstat of every entry, the same skip list, nothing else. Callback fs
 * calls, the fastest plain walk measured here (sync calls and promise-per-entry were slower).
 */
function plainWalk(root: string): Promise<number> {
  return new Promise((resolve) => {
    let pending = 0;
    let count = 0;
    const done = (): void => {
      if (--pending === 0) resolve(count);
    };
    const readDir = (dir: string): void => {
      pending++;
      fs.readdir(dir, { withFileTypes: true }, (error, entries) => {
        if (!error) {
          for (const entry of entries) {
            if (entry.isDirectory() && SKIP.has(entry.name)) continue;
            const child = `${dir}/${entry.name}`;
            pending++;
            fs.lstat(child, () => {
              count++;
              done();
            });
            if (entry.isDirectory()) readDir(child);
          }
        }
        done();
      });
    };
    readDir(root);
  });
}

async function main(): Promise<void> {
  const base = scratchDir("codex-bench-ckpt-");
  try {
    const root = path.join(base, "workspace");
    let started = performance.now();
    const tree = generateWorkspaceTree(root, FILES);
    log(
      `checkpoint turn: ${FILES} files (${(tree.bytes / 1e6).toFixed(1)} MB, ${tree.editable.length} tracked) generated in ${(performance.now() - started).toFixed(0)} ms; ${REPS} reps`,
    );
    const store = await CheckpointStore.open(path.join(base, "storage"), root);
    started = performance.now();
    const first = await store.prepare();
    const firstMs = performance.now() - started;
    const usage = store.usage();
    log(`first checkpoint: ${firstMs.toFixed(0)} ms, ${first.read} files read`);

    const random = prng(17);
    const off: number[] = [];
    const on: number[] = [];
    const begin: number[] = [];
    const finish: number[] = [];
    let changedOk = true;
    const modes = new Set<string>();
    for (let rep = 0; rep < REPS + 1; rep++) {
      await settle(20);
      let t = performance.now();
      for (const rel of pickFiles(tree.editable, EDITED, random)) editFile(root, rel, `off${rep}`);
      const offMs = performance.now() - t;

      await settle(20);
      const targets = pickFiles(tree.editable, EDITED, random);
      t = performance.now();
      const handle = await store.beginTurn("bench", `turn-${rep}`);
      const t1 = performance.now();
      for (const rel of targets) editFile(root, rel, `on${rep}`);
      const t2 = performance.now();
      const changes = await store.finishTurn(handle);
      const t3 = performance.now();
      changedOk &&= changes.files.length === EDITED && !changes.incomplete;
      if (rep === 0) continue; // warm-up
      off.push(offMs);
      on.push(t3 - t);
      begin.push(t1 - t);
      finish.push(t3 - t2);
    }
    const added = median(on) - median(off);

    const scan: number[] = [];
    const changedScan: number[] = [];
    const walk: number[] = [];
    const ratios: number[] = [];
    let walked = 0;
    for (let rep = 0; rep < REPS + 1; rep++) {
      await settle(20);
      let t = performance.now();
      walked = await plainWalk(root);
      const walkMs = performance.now() - t;
      await settle(20);
      t = performance.now();
      const stats = await store.rescan({ full: true });
      const scanMs = performance.now() - t;
      t = performance.now();
      const quick = await store.rescan();
      const quickMs = performance.now() - t;
      modes.add(quick.mode);
      if (rep === 0) continue;
      if (stats.changed.length || quick.changed.length) changedOk = false;
      changedScan.push(quickMs);
      walk.push(walkMs);
      scan.push(scanMs);
      ratios.push(scanMs / walkMs);
    }
    const ratio = median(ratios);
    await store.close();

    report("11", [
      {
        name: "11 checkpoint: turn editing 5 of 20k files",
        value: added,
        unit: "ms added",
        baseline: median(off),
        baselineUnit: "ms",
        ratio: median(on) / median(off),
        target: "≤ +100 ms",
        pass: added <= 100 && changedOk,
        detail: `with checkpoints ${median(on).toFixed(1)} ms [${spread(on)}] = beginTurn ${median(begin).toFixed(1)} ms (scan; before codex may start) + edits + finishTurn ${median(finish).toFixed(1)} ms (scan, summary, manifest; after the turn); off ${median(off).toFixed(1)} ms [${spread(off)}]; ${REPS} interleaved reps${changedOk ? "" : "; WRONG CHANGE LIST"}`,
      },
      {
        name: "11 checkpoint full walk (fallback) vs plain lstat walk",
        value: median(scan),
        unit: "ms",
        baseline: median(walk),
        ratio,
        target: "≤ 2x walk",
        pass: ratio <= 2,
        detail: `store.rescan({ full: true }) of the unchanged tree ${median(scan).toFixed(1)} ms [${spread(scan)}] (the full-walk fallback; watching, store.rescan() takes ${median(changedScan).toFixed(1)} ms [${spread(changedScan)}], mode ${[...modes].join("/")}); readdir+lstat walk ${median(walk).toFixed(1)} ms [${spread(walk)}] over ${walked} entries; ratio = median of pair ratios`,
      },
      {
        name: "11 checkpoint: first checkpoint (one-time)",
        value: firstMs,
        unit: "ms",
        target: "informational",
        pass: null,
        detail: `copies the ${first.read} tracked entries (${(usage.blobBytes / 1e6).toFixed(1)} MB of blobs for a ${(tree.bytes / 1e6).toFixed(1)} MB tree incl. node_modules) into the store once; store.prepare() at workspace open takes it off the first turn`,
      },
    ]);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
