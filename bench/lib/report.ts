/**
 * What a metric module reports: rows of value / baseline / ratio / target / pass, written as
 * JSON to the file named by BENCH_RESULT (set by bench/run.mjs), or printed when run alone.
 */
import { writeFileSync } from "node:fs";

export interface Row {
  /** Metric number and a short name, e.g. "1 intake throughput". */
  name: string;
  value: number | null;
  unit: string;
  baseline?: number | null;
  /** When the baseline is in another unit than the value. */
  baselineUnit?: string;
  /** value / baseline, in the direction the target states. */
  ratio?: number | null;
  target: string;
  /** null: informational, no target. */
  pass: boolean | null;
  /** Extra facts printed under the line (sample counts, spread, method mix...). */
  detail?: string;
  /** Set instead of a value when the metric could not run. */
  skipped?: string;
}

export function report(metric: string, rows: Row[], extra: Record<string, unknown> = {}): void {
  const payload = JSON.stringify({ metric, rows, extra }, null, 2);
  const file = process.env.BENCH_RESULT;
  if (file) writeFileSync(file, payload);
  else console.log(payload);
}

export function skipped(name: string, target: string, reason: string): Row {
  return { name, value: null, unit: "", target, pass: null, skipped: reason };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** "min–max" of a sample, for the detail line. */
export function spread(values: readonly number[], digits = 1): string {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** Lets queued I/O and timers run (and the GC catch up) between timed runs. */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls `globalThis.gc` when node runs with --expose-gc. */
export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
