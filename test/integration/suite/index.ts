/**
 * The mocha runner the extension host loads (extensionTestsPath): same shape as
 * @vscode/test-electron's, so the suite runs under code-server and desktop VS Code alike.
 * Env: CODEX_IT_GREP filters tests; CODEX_IT_COUNTS_FILE receives
 * `{passed, failed, skipped, failures}`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";
import { failureGist } from "../../support/failureGist.cjs";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  const grep = process.env.CODEX_IT_GREP;
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith(".test.js")) mocha.addFile(path.join(__dirname, name));
  }
  const failed: { title: string; message: string }[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        const counts = {
          passed: stats.passes,
          failed: stats.failures,
          skipped: stats.pending,
          failures: failed,
        };
        const file = process.env.CODEX_IT_COUNTS_FILE;
        if (file) writeFileSync(file, JSON.stringify(counts));
        console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on("fail", (test, error: unknown) => {
        failed.push({ title: test.fullTitle(), message: failureGist(error) });
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
