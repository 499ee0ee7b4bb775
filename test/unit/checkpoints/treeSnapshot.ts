/**
 * Test helpers: a temporary workspace and storage folder, and a byte-exact picture of a tree
 * (kind, permission bits, content or link target of every entry) to compare before and after.
 */
import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface Sandbox {
  root: string;
  storage: string;
  write(rel: string, content: string | Uint8Array, mode?: number): void;
  read(rel: string): Buffer;
  /** Runs a shell command in the workspace, as codex's command items do. */
  sh(script: string): void;
  dispose(): void;
}

export function sandbox(): Sandbox {
  const base = mkdtempSync(path.join(tmpdir(), "codex-checkpoints-"));
  const root = path.join(base, "workspace");
  const storage = path.join(base, "storage");
  mkdirSync(root);
  return {
    root,
    storage,
    write(rel, content, mode) {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      if (mode !== undefined) execFileSync("chmod", [mode.toString(8), file]);
    },
    read: (rel) => readFileSync(path.join(root, rel)),
    sh(script) {
      execFileSync("sh", ["-c", script], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    },
    dispose: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** rel → "file 644 <base64>", "link <target>" or "dir 755", sorted, `.git` included. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stat = lstatSync(file);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) out[rel] = `link ${readlinkSync(file)}`;
      else if (stat.isDirectory()) {
        out[rel] = `dir ${mode}`;
        visit(file, rel);
      } else out[rel] = `file ${mode} ${readFileSync(file).toString("base64")}`;
    }
  };
  visit(root, "");
  return out;
}
