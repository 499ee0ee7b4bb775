// Runs every test stage and ends with one line `N passed, N failed, N skipped`.
//   npm test                         all stages
//   npm test -- --only unit,protocol  some stages (protocol-next and e2e-next: the same suites
//                                    against the newest codex; e2e-next in the newest VS Code)
//   npm test -- --grep <pattern>      passed on to mocha
// A stage that crashes before reporting counts as one failure, so a broken harness never
// reads as green. The failed tests are listed again just above the closing line.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mochaBin = path.join(repoRoot, "node_modules", "mocha", "bin", "mocha.js");

/** Each stage is a separate process so a hung or crashed stage cannot take the others down. */
const STAGES = [
  {
    name: "unit",
    specs: ["test/unit/**/*.test.ts", "test/webview/**/*.test.{ts,tsx}"],
    timeout: 10_000,
  },
  // Builds dist/ and runs `vsce package` once (into a temp dir), then reads the VSIX.
  { name: "package", specs: ["test/package/**/*.test.ts"], timeout: 120_000 },
  { name: "protocol", specs: ["test/protocol/**/*.test.ts"], timeout: 60_000 },
  // The same suite against the newest codex release (the `codex-next` devDependency alias).
  {
    name: "protocol-next",
    specs: ["test/protocol/**/*.test.ts"],
    timeout: 60_000,
    env: { CODEX_UNDER_TEST: "next" },
  },
  { name: "integration", script: "test/integration/runInCodeServer.mjs" },
  // The pinned codex in the oldest supported VS Code (for Cursor).
  // (Set, not left to the default: the demo scenario runs `npm start`, whose default is the newest.)
  { name: "e2e", script: "test/e2e/run.mjs", env: { CODE_SERVER_RELEASE: "oldest" } },
  // The newest codex in the newest VS Code (code-server 4.139.1 on Node 24).
  {
    name: "e2e-next",
    script: "test/e2e/run.mjs",
    env: { CODEX_UNDER_TEST: "next", CODE_SERVER_RELEASE: "newest" },
  },
];

function parseArgs(argv) {
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1].split(",") : undefined;
  const grep = argv.includes("--grep") ? argv[argv.indexOf("--grep") + 1] : undefined;
  return { only, grep };
}

function runStage(stage, { grep }, countsFile) {
  const env = { ...process.env, ...stage.env, TEST_COUNTS_FILE: countsFile, FORCE_COLOR: "0" };
  const args = stage.script
    ? [path.join(repoRoot, stage.script), ...(grep ? ["--grep", grep] : [])]
    : [
        // tsx's full loader (ESM and CommonJS): the supervisor loads its RPC client with import().
        "--import",
        "tsx",
        mochaBin,
        "--reporter",
        path.join(repoRoot, "test/support/summaryReporter.cjs"),
        "--timeout",
        String(stage.timeout),
        "--exit",
        ...(grep ? ["--grep", grep] : []),
        ...stage.specs,
      ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  /** "stage: title — first error line" of every failure, for the end of the log. */
  const failures = [];
  const scratch = mkdtempSync(path.join(tmpdir(), "codex-tests-"));
  const started = Date.now();
  try {
    for (const stage of STAGES) {
      if (options.only && !options.only.includes(stage.name)) continue;
      if (stage.script && !existsSync(path.join(repoRoot, stage.script))) continue;
      console.log(`\n=== ${stage.name} ===`);
      const stageStarted = Date.now();
      const countsFile = path.join(scratch, `${stage.name}.json`);
      const { code, signal } = await runStage(stage, options, countsFile);
      let counts;
      try {
        counts = JSON.parse(readFileSync(countsFile, "utf8"));
      } catch {
        counts = { passed: 0, failed: 1, skipped: 0 };
        console.log(`stage ${stage.name} ended (${signal ?? code}) without reporting results`);
      }
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
      const listed = counts.failures ?? [];
      for (const failure of listed)
        failures.push(`${stage.name}: ${failure.title} — ${failure.message}`);
      if (counts.failed > listed.length) {
        const unnamed = counts.failed - listed.length;
        failures.push(
          `${stage.name}: ${unnamed} failure(s) without a test's name (exit ${signal ?? code})`,
        );
      }
      const seconds = ((Date.now() - stageStarted) / 1000).toFixed(1);
      console.log(
        `stage ${stage.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds}s)`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
  console.log(`\ntotal time ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main();
