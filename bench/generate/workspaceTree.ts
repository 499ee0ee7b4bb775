/**
 * A generated workspace on disk for the checkpoint metrics: `count` files at the paths of
 * generateWorkspacePaths (a tenth of them under node_modules/vendor/build, as in a real repo),
 * each a slice of generated TypeScript (200 B to 8 KB, seeded), and the edits a turn makes.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { generateSourceFile } from "./sourceFile";
import { prng } from "./text";
import { generateWorkspacePaths } from "./workspacePaths";

export interface GeneratedTree {
  root: string;
  /** Every generated file (workspace-relative). */
  files: string[];
  /** The files a checkpoint tracks (outside node_modules), the ones the turns edit. */
  editable: string[];
  bytes: number;
}

export function generateWorkspaceTree(root: string, count: number, seed = 5): GeneratedTree {
  const random = prng(seed);
  const source = generateSourceFile(4_000, seed);
  const files = generateWorkspacePaths(count, seed);
  let bytes = 0;
  const made = new Set<string>();
  for (const rel of files) {
    const file = path.join(root, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const length = 200 + Math.floor(random() * random() * 7_800);
    const from = source.indexOf("\n", Math.floor(random() * (source.length - length))) + 1;
    const content = `// ${rel}\n${source.slice(from, from + length)}\n`;
    writeFileSync(file, content);
    bytes += Buffer.byteLength(content);
  }
  const editable = files.filter((rel) => !rel.split("/").includes("node_modules"));
  return { root, files, editable, bytes };
}

/**
 * What a turn's edit of one file looks like: one line rewritten in the middle, one appended.
 * Returns the new size.
 */
export function editFile(root: string, rel: string, stamp: string): number {
  const file = path.join(root, rel);
  const lines = readFileSync(file, "utf8").split("\n");
  const at = Math.floor(lines.length / 2);
  lines[at] = `${lines[at]} // edited ${stamp}`;
  lines.push(`export const edit_${stamp.replace(/\W/g, "_")} = true;`);
  const content = lines.join("\n");
  writeFileSync(file, content);
  return Buffer.byteLength(content);
}

/** Distinct files to edit, seeded. */
export function pickFiles(list: readonly string[], n: number, random: () => number): string[] {
  const picked = new Set<string>();
  while (picked.size < Math.min(n, list.length)) {
    picked.add(list[Math.floor(random() * list.length)]!);
  }
  return [...picked];
}

/** Bytes under `dir`: apparent (sum of sizes) and allocated (blocks, as `du` counts). */
export function diskUsage(dir: string): { apparent: number; allocated: number; files: number } {
  const total = { apparent: 0, allocated: 0, files: 0 };
  const visit = (at: string): void => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      const stat = lstatSync(file);
      total.allocated += stat.blocks * 512;
      if (stat.isDirectory()) visit(file);
      else {
        total.apparent += stat.size;
        total.files++;
      }
    }
  };
  visit(dir);
  return total;
}

/**
 * A temporary folder for a metric's trees, removed at exit, also when bench/run.mjs stops the
 * metric with SIGTERM at its time limit (the generated trees are hundreds of MB).
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  process.on("exit", remove);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => process.exit(1));
  }
  return dir;
}
