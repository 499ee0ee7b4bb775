/**
 * 13. Disk used by checkpoints: 100 turns, each editing 5 files of a generated 20,000-file
 * workspace, against the size of the changed files themselves (the 500 edited versions).
 * The one-time copy of the workspace into the store (which lets the first turn's shell
 * commands be undone) is reported on its own row. Disk is counted as `du` does (allocated
 * blocks) and as apparent size.
 */
import { rmSync } from "node:fs";
import * as path from "node:path";

import { CheckpointStore } from "../../extension/checkpoints";
import { prng } from "../generate/text";
import {
  diskUsage,
  editFile,
  generateWorkspaceTree,
  pickFiles,
  scratchDir,
} from "../generate/workspaceTree";
import { log, median, report } from "../lib/report";

const FILES = 20_000;
const TURNS = 100;
const EDITED = 5;
/** On a loaded machine each turn's two walks take seconds: stop early (never below 20 turns). */
const BUDGET_MS = Number(process.env.BENCH_DISK_BUDGET_MS ?? 240_000);
const MIN_TURNS = 20;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

async function main(): Promise<void> {
  const base = scratchDir("codex-bench-disk-");
  try {
    const root = path.join(base, "workspace");
    const storage = path.join(base, "storage");
    const tree = generateWorkspaceTree(root, FILES);
    const tracked = diskUsage(root);
    const store = await CheckpointStore.open(storage, root);
    await store.prepare();
    await store.close();
    const baseline = diskUsage(storage);
    log(
      `checkpoint disk: one-time copy ${mb(baseline.allocated)}; ${TURNS} turns × ${EDITED} files`,
    );

    const random = prng(31);
    let changedBytes = 0;
    const turnMs: number[] = [];
    const started = performance.now();
    let turns = 0;
    for (let turn = 0; turn < TURNS; turn++) {
      if (turn >= MIN_TURNS && performance.now() - started > BUDGET_MS) break;
      turns++;
      const t = performance.now();
      const handle = await store.beginTurn(`thread-${turn % 10}`, `turn-${turn}`);
      for (const rel of pickFiles(tree.editable, EDITED, random)) {
        changedBytes += editFile(root, rel, `t${turn}`);
      }
      await store.finishTurn(handle);
      turnMs.push(performance.now() - t);
    }
    await store.close();
    const after = diskUsage(storage);
    const grown = after.allocated - baseline.allocated;
    const ratio = grown / changedBytes;
    report("13", [
      {
        name: `13 checkpoint disk: ${turns} turns × 5 files`,
        value: grown / 1e6,
        unit: "MB",
        baseline: changedBytes / 1e6,
        ratio,
        target: "≤ 3x changed files",
        pass: ratio <= 3,
        detail: `store grew ${mb(grown)} allocated (${mb(after.apparent - baseline.apparent)} apparent, ${after.files - baseline.files} files: blobs, ${turns} manifests, index journal) for ${mb(changedBytes)} of edited file versions; median turn ${median(turnMs).toFixed(0)} ms${turns < TURNS ? `; ${turns} of ${TURNS} turns within the time budget (BENCH_DISK_BUDGET_MS)` : ""}`,
      },
      {
        name: "13 checkpoint disk: one-time workspace copy",
        value: baseline.allocated / 1e6,
        unit: "MB",
        baseline: tracked.allocated / 1e6,
        ratio: baseline.allocated / tracked.allocated,
        target: "informational",
        pass: null,
        detail: `first checkpoint: ${mb(baseline.allocated)} allocated (${mb(baseline.apparent)} apparent, ${baseline.files} files incl. the shadow index) against the workspace's ${mb(tracked.allocated)} allocated (${mb(tree.bytes)} apparent, node_modules included, not copied)`,
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
