// The `e2e` stage: Playwright + Debian's Chromium drive the real VS Code web workbench
// (code-server) with this extension, the real codex app-server and the mock model.
//   node test/e2e/run.mjs [--grep <pattern>]
// Scenarios run in order and share one code-server + browser where they can. Each failure saves
// a screenshot, the code-server log and the extension's "Codex" output channel under
// test-results/<scenario>/. Writes {passed, failed, skipped, failures} to $TEST_COUNTS_FILE;
// exits non-zero on any failure.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { launchChromium } from "../../scripts/lib/browser.mjs";
import { ensureCodeServer } from "../../scripts/lib/codeServer.mjs";
import { ensureDebianPackages } from "../../scripts/lib/systemDeps.mjs";
import { failureGist } from "../support/failureGist.cjs";
import { codexOutputLogs, resultsDir } from "./lib/harness.mjs";
import { demoScenarios } from "./demoScenarios.mjs";
import { scenarios } from "./scenarios.mjs";

/** The whole stage (setup, every scenario, cleanup) must end within this. */
const STAGE_LIMIT_MS = 14 * 60_000;

const argv = process.argv.slice(2);
const grep = argv.includes("--grep") ? new RegExp(argv[argv.indexOf("--grep") + 1]) : undefined;

function writeCounts(counts) {
  if (process.env.TEST_COUNTS_FILE) {
    writeFileSync(process.env.TEST_COUNTS_FILE, JSON.stringify(counts));
  }
}

const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);

/** Screenshot, code-server log and Codex output channel of a failed scenario. */
async function saveArtifacts(name, ctx, error) {
  const dir = path.join(resultsDir, slug(name));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "error.txt"), `${error?.stack ?? error}\n`);
  const page = ctx.currentPage;
  if (page && !page.isClosed()) {
    await page
      .screenshot({ path: path.join(dir, "screenshot.png"), timeout: 15_000 })
      .catch((e) => writeFileSync(path.join(dir, "screenshot-failed.txt"), String(e)));
  }
  const cs = ctx.currentServer;
  if (cs) {
    try {
      copyFileSync(cs.logFile, path.join(dir, "code-server.log"));
    } catch {
      // no log yet
    }
    for (const [i, file] of codexOutputLogs(cs.runDir).entries()) {
      copyFileSync(file, path.join(dir, `codex-output-${i + 1}.log`));
    }
  }
  return dir;
}

async function main() {
  const started = Date.now();
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const hardLimit = setTimeout(() => {
    console.error(`e2e: stage time limit of ${STAGE_LIMIT_MS / 1000} s exceeded`);
    writeCounts({ ...counts, failed: counts.failed + 1 });
    process.exit(1); // codeServer.mjs's exit hook kills the servers; Playwright the browser
  }, STAGE_LIMIT_MS);
  hardLimit.unref();

  const scratch = mkdtempSync(path.join(tmpdir(), "codex-e2e-"));
  const ctx = {
    scratch,
    browser: undefined,
    currentPage: undefined,
    currentServer: undefined,
    cleanups: [],
    failures: [],
  };
  try {
    await ensureDebianPackages();
    await ensureCodeServer();
    ctx.browser = await launchChromium();
    for (const scenario of [...scenarios, ...demoScenarios]) {
      if (grep && !grep.test(scenario.name)) continue;
      const t0 = Date.now();
      const skipReason = scenario.skip?.(ctx);
      if (skipReason) {
        counts.skipped++;
        console.log(`  - ${scenario.name} (skipped: ${skipReason})`);
        continue;
      }
      try {
        await scenario.run(ctx);
        counts.passed++;
        console.log(`  ✔ ${scenario.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        counts.failed++;
        const dir = await saveArtifacts(scenario.name, ctx, error);
        ctx.failures.push(scenario.name);
        counts.failures.push({
          title: scenario.name,
          message: failureGist(error),
        });
        console.log(`  ✘ ${scenario.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        console.log(
          `      ${String(error?.message ?? error)
            .split("\n")
            .join("\n      ")}`,
        );
        console.log(`      artifacts: ${path.relative(process.cwd(), dir)}`);
      }
    }
  } catch (error) {
    counts.failed++;
    console.error(`e2e: ${error?.stack ?? error}`);
  } finally {
    for (const cleanup of ctx.cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`e2e cleanup: ${error?.message ?? error}`);
      }
    }
    await ctx.browser?.close().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
    clearTimeout(hardLimit);
  }
  console.log(
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped ` +
      `(e2e ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  writeCounts(counts);
  process.exit(counts.failed > 0 ? 1 : 0);
}

main();
