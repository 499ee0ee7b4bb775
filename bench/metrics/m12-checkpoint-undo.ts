/**
 * 12. Undo of a turn that changed 100 files (60 rewritten, 20 deleted, 20 created) in a
 * generated 20,000-file workspace: store.undoTurn (check for later user edits, restore, index
 * refresh, manifest) against the bare minimum of any restore, writing the 100 old contents
 * back with fs.writeFile/unlink, measured in the same run. Every undo is checked byte for byte.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";

import { CheckpointStore } from "../../extension/checkpoints";
import { prng } from "../generate/text";
import { editFile, generateWorkspaceTree, pickFiles, scratchDir } from "../generate/workspaceTree";
import { log, median, report, settle, spread } from "../lib/report";

const FILES = 20_000;
const REPS = Math.max(5, Number(process.env.BENCH_REPS ?? 5));

function digest(root: string, rels: readonly string[]): string {
  const hash = createHash("sha256");
  for (const rel of rels) {
    const file = path.join(root, rel);
    hash.update(rel).update(existsSync(file) ? readFileSync(file) : "<absent>");
  }
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const base = scratchDir("codex-bench-undo-");
  try {
    const root = path.join(base, "workspace");
    const tree = generateWorkspaceTree(root, FILES);
    const store = await CheckpointStore.open(path.join(base, "storage"), root);
    await store.prepare();
    log(`checkpoint undo: ${FILES} files, ${REPS} reps of a 100-file turn`);
    const random = prng(23);
    const undo: number[] = [];
    const plain: number[] = [];
    let exact = true;
    let outcomes = "";
    for (let rep = 0; rep < REPS + 1; rep++) {
      const picked = pickFiles(tree.editable, 80, random);
      const rewritten = picked.slice(0, 60);
      const deleted = picked.slice(60);
      const created = Array.from({ length: 20 }, (_, i) =>
        path.posix.join(path.posix.dirname(rewritten[i]!), `generated-${rep}-${i}.ts`),
      );
      const touched = [...picked, ...created];
      const saved = new Map(picked.map((rel) => [rel, readFileSync(path.join(root, rel))]));
      const before = digest(root, touched);

      // The bare restore, on the same changes.
      const change = (): void => {
        for (const rel of rewritten) editFile(root, rel, `undo${rep}`);
        for (const rel of deleted) unlinkSync(path.join(root, rel));
        for (const rel of created)
          writeFileSync(path.join(root, rel), `export const x = ${rep};\n`);
      };
      change();
      await settle(20);
      let t = performance.now();
      for (const [rel, bytes] of saved) writeFileSync(path.join(root, rel), bytes);
      for (const rel of created) unlinkSync(path.join(root, rel));
      const plainMs = performance.now() - t;
      if (digest(root, touched) !== before) throw new Error("the plain restore is wrong");

      const handle = await store.beginTurn("bench", `turn-${rep}`);
      change();
      const turn = await store.finishTurn(handle);
      if (turn.files.length !== 100) throw new Error(`the turn shows ${turn.files.length} files`);
      await settle(20);
      t = performance.now();
      const result = await store.undoTurn("bench", turn.turnId);
      const undoMs = performance.now() - t;
      exact &&= result.complete && digest(root, touched) === before;
      outcomes = [...new Set(result.files.map((f) => f.outcome))].join(",");
      if (rep === 0) continue;
      undo.push(undoMs);
      plain.push(plainMs);
    }
    await store.close();
    const value = median(undo);
    report("12", [
      {
        name: "12 checkpoint: undo a 100-file turn",
        value,
        unit: "ms",
        baseline: median(plain),
        ratio: value / median(plain),
        target: "≤ 1 s",
        pass: value <= 1_000 && exact,
        detail: `undoTurn ${value.toFixed(1)} ms [${spread(undo)}] (60 rewritten, 20 deleted, 20 created; outcomes: ${outcomes}); bare writeFile/unlink restore ${median(plain).toFixed(1)} ms [${spread(plain)}]; byte-exact after every undo: ${exact ? "yes" : "NO"}; ${REPS} reps`,
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
