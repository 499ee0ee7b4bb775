/**
 * The mocha runner the extension host loads (extensionTestsPath): same shape as
 * @vscode/test-electron's, so the suite runs under code-server and desktop VS Code alike.
 * Env: CODEX_IT_GREP filters tests; CODEX_IT_COUNTS_FILE receives `{passed, failed, skipped}`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  const grep = process.env.CODEX_IT_GREP;
  if (grep) mocha.grep(grep);
  for (const name of readdirSync(__dirname).sort()) {
    if (name.endsWith(".test.js")) mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        const counts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
        const file = process.env.CODEX_IT_COUNTS_FILE;
        if (file) writeFileSync(file, JSON.stringify(counts));
        console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
