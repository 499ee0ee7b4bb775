/**
 * A launcher for codexTap.cjs: an executable that stands in for `codex` (for chatgpt.cliExecutable
 * or a LaunchSpec), runs the real binary through the tap and collects the times the tap notes.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** A JSONL line the tap saw cross codex's stdin ("in") or stdout ("out"). */
export interface TapNote {
  /** performance.timeOrigin + performance.now() in the tap when the line's chunk arrived. */
  t: number;
  dir: "in" | "out";
  method?: string;
  id?: number | string;
  /** An agent-message delta's first characters. */
  text?: string;
  /** turn/start's params without its input. */
  settings?: Record<string, unknown>;
}

export interface CodexTap {
  /** The executable to run instead of codex. */
  command: string;
  /** Every note so far, in order. */
  notes(): TapNote[];
  dispose(): void;
}

export function codexTap(binary: string): CodexTap {
  const dir = mkdtempSync(path.join(tmpdir(), "codex-bench-tap-"));
  const times = path.join(dir, "times.jsonl");
  const command = path.join(dir, "codex");
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = path.join(__dirname, "codexTap.cjs");
  writeFileSync(
    command,
    `#!/bin/sh\nexec ${[process.execPath, script, times, binary].map(quote).join(" ")} "$@"\n`,
  );
  chmodSync(command, 0o755);
  return {
    command,
    notes: () =>
      existsSync(times)
        ? readFileSync(times, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as TapNote)
        : [],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
