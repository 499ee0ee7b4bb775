// The `integration` stage: the mocha suite in test/integration/suite runs INSIDE the real VS Code
// extension host of code-server, against the real codex and the mock model.
//   node test/integration/runInCodeServer.mjs [--grep <pattern>]
// Writes {passed, failed, skipped} to $TEST_COUNTS_FILE; exits non-zero on any failure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  WORKBENCH_LOG_NOISE,
  launchChromium,
  runExtensionTests,
} from "../../scripts/lib/browser.mjs";
import { ensureCodeServer, startCodeServer } from "../../scripts/lib/codeServer.mjs";
import { ensureDebianPackages } from "../../scripts/lib/systemDeps.mjs";
import { buildAll, prepareRun, repoRoot, suiteEntry, writeMachineSettings } from "./setup.mjs";

/** Everything (build, install, start, tests, cleanup) must end within this. */
const STAGE_LIMIT_MS = 6 * 60_000;
const TESTS_LIMIT_MS = 4 * 60_000;

/** Built-in extensions' complaints that say nothing about ours (code-server ships no tsserver). */
const LOG_NOISE = [
  ...WORKBENCH_LOG_NOISE,
  /Could not find bundled tsserver\.js/,
  /An unknown error occurred\. Please consult the log for more details/,
  /Creation of workbench contribution .* took \d+ms/,
];

const argv = process.argv.slice(2);
const grep = argv.includes("--grep") ? argv[argv.indexOf("--grep") + 1] : undefined;

function writeCounts(counts) {
  if (process.env.TEST_COUNTS_FILE)
    writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
}

async function main() {
  const started = Date.now();
  const scratch = mkdtempSync(path.join(tmpdir(), "codex-it-"));
  const countsFile = path.join(scratch, "counts.json");
  const cleanups = [() => rmSync(scratch, { recursive: true, force: true })];
  const hardLimit = setTimeout(() => {
    console.error(`integration: stage time limit of ${STAGE_LIMIT_MS / 1000} s exceeded`);
    writeCounts({ passed: 0, failed: 1, skipped: 0 });
    process.exit(1); // codeServer.mjs's exit hook kills the servers it started
  }, STAGE_LIMIT_MS);
  hardLimit.unref();
  let exitCode = 1;
  try {
    await buildAll();
    await ensureDebianPackages();
    await ensureCodeServer();
    const run = await prepareRun({ countsFile, grep });
    cleanups.push(run.cleanup);
    const cs = await startCodeServer({
      workspace: run.workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      env: run.env,
      settings: run.settings,
      timeoutMs: 60_000,
    });
    cleanups.push(() => cs.stop());
    writeMachineSettings(cs.runDir, run.settings);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    exitCode = await runExtensionTests({
      codeServer: cs,
      browser,
      timeoutMs: TESTS_LIMIT_MS,
      log: (line) => console.log(`  ${line}`),
      logFilter: (line) => !LOG_NOISE.some((re) => re.test(line)),
    });
    let counts;
    try {
      counts = JSON.parse(readFileSync(countsFile, "utf8"));
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 };
      console.error("integration: the in-host runner reported no counts");
    }
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
    writeCounts(counts);
    if (counts.failed > 0) exitCode = 1;
  } catch (error) {
    console.error(`integration: ${error?.stack ?? error}`);
    writeCounts({ passed: 0, failed: 1, skipped: 0 });
    exitCode = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`integration cleanup: ${error?.message ?? error}`);
      }
    }
    clearTimeout(hardLimit);
    console.log(`integration: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  process.exit(exitCode);
}

main();
