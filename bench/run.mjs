// npm run bench [-- --only 1,3,7] [-- --reps N]
// Speed, size and memory of the extension as ratios against baselines measured in the same run.
// Each metric runs in its own Node process (bench/metrics/mNN-*.ts via tsx, --expose-gc) and
// reports rows; this prints one line per row and writes bench/results/latest.json.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, "..");
const metricsDir = path.join(benchDir, "metrics");

/** Metrics that need a fresh dist/ (webview bundle, extension bundle, sizes). */
const NEEDS_BUILD = new Set([3, 4, 5, 6, 14, 16]);
/** Hard limit per metric process, so one hung metric cannot stall the run. */
const TIMEOUT_MS = {
  1: 90_000,
  2: 60_000,
  3: 420_000,
  4: 90_000,
  5: 240_000,
  6: 240_000,
  7: 60_000,
  8: 60_000,
  9: 180_000,
  10: 240_000,
  11: 360_000,
  12: 120_000,
  13: 480_000,
  14: 300_000,
  16: 300_000,
};

function parseArgs(argv) {
  const at = argv.indexOf("--only");
  const only = at >= 0 ? new Set(argv[at + 1].split(",").map(Number)) : undefined;
  const repsAt = argv.indexOf("--reps");
  const reps = repsAt >= 0 ? argv[repsAt + 1] : undefined;
  return { only, reps };
}

function metricFiles() {
  return readdirSync(metricsDir)
    .map((file) => ({ file, number: Number(/^m(\d+)-/.exec(file)?.[1]) }))
    .filter((m) => Number.isInteger(m.number))
    .sort((a, b) => a.number - b.number);
}

function runMetric({ file, number }, { reps }, scratch) {
  const out = path.join(scratch, `m${number}.json`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--expose-gc", path.join(metricsDir, file)],
      {
        cwd: repoRoot,
        env: { ...process.env, BENCH_RESULT: out, ...(reps ? { BENCH_REPS: reps } : {}) },
        stdio: ["ignore", "inherit", "inherit"],
        detached: true, // own process group: a timeout kills the metric and its children
      },
    );
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGTERM");
        setTimeout(() => {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // gone
          }
        }, 5_000).unref();
      } catch {
        // gone
      }
    }, TIMEOUT_MS[number] ?? 120_000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      try {
        const result = JSON.parse(readFileSync(out, "utf8"));
        resolve({ ...result, seconds });
      } catch {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve({
          metric: String(number),
          seconds,
          rows: [
            {
              name: `${number} ${file.replace(/^m\d+-|\.ts$/g, "")}`,
              value: null,
              unit: "",
              target: "",
              pass: false,
              skipped: `metric process failed (${why}) after ${seconds.toFixed(0)} s; see its output above`,
            },
          ],
        });
      }
    });
  });
}

function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function line(row) {
  const mark = row.skipped ? "–" : row.pass === true ? "✓" : row.pass === false ? "✗" : "·";
  if (row.skipped) return `${mark} ${row.name.padEnd(46)} skipped: ${row.skipped}`;
  const value = `${formatNumber(row.value)} ${row.unit}`.trim();
  const baseline =
    row.baseline === undefined || row.baseline === null
      ? "—"
      : `${formatNumber(row.baseline)} ${row.baselineUnit ?? row.unit}`.trim();
  const ratio = row.ratio === undefined || row.ratio === null ? "—" : `${formatNumber(row.ratio)}x`;
  return (
    `${mark} ${row.name.padEnd(46)} ${value.padStart(16)}  base ${baseline.padStart(14)}  ` +
    `ratio ${ratio.padStart(7)}  target ${row.target}`
  );
}

function build() {
  process.stderr.write("building dist/ (node scripts/build.mjs)…\n");
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("build failed");
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const selected = metricFiles().filter((m) => !options.only || options.only.has(m.number));
  const scratch = mkdtempSync(path.join(tmpdir(), "codex-bench-"));
  const load = loadavg()[0];
  process.stderr.write(
    `bench: ${selected.length} metrics on ${cpus().length} cores, load ${load.toFixed(2)}, node ${process.version}\n`,
  );
  if (selected.some((m) => NEEDS_BUILD.has(m.number))) build();
  const results = [];
  try {
    for (const metric of selected) {
      process.stderr.write(`\n[${metric.number}] ${metric.file}\n`);
      const result = await runMetric(metric, options, scratch);
      results.push(result);
      for (const row of result.rows) {
        process.stderr.write(`${line(row)}\n`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  const rows = results.flatMap((r) => r.rows);
  const out = [];
  out.push("");
  out.push(
    `codex-vscode bench — ${new Date().toISOString()} — ${cpus().length} cores, load ${load.toFixed(2)} at start`,
  );
  out.push("");
  for (const row of rows) {
    out.push(line(row));
    if (row.detail) out.push(`    ${row.detail}`);
  }
  const failed = rows.filter((r) => r.pass === false).length;
  const passed = rows.filter((r) => r.pass === true).length;
  const skippedCount = rows.filter((r) => r.skipped).length;
  out.push("");
  out.push(
    `${passed} met, ${failed} missed, ${skippedCount} skipped, ${rows.length - passed - failed - skippedCount} informational — total ${seconds.toFixed(0)} s`,
  );
  console.log(out.join("\n"));
  mkdirSync(path.join(benchDir, "results"), { recursive: true });
  writeFileSync(
    path.join(benchDir, "results", "latest.json"),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        loadAtStart: load,
        seconds,
        metrics: results,
      },
      null,
      2,
    ) + "\n",
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
