// `npm run test:electron`: the same in-host suite under desktop VS Code via @vscode/test-electron.
// It downloads VS Code (stable, or $VSCODE_TEST_VERSION) into .vscode-test/, which needs
// network access to update.code.visualstudio.com; on machines without it use the code-server
// runner (test/integration/runInCodeServer.mjs), which runs the identical suite.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { runTests } from "@vscode/test-electron";

import { buildAll, prepareRun, repoRoot, suiteEntry } from "./setup.mjs";

const argv = process.argv.slice(2);
const grep = argv.includes("--grep") ? argv[argv.indexOf("--grep") + 1] : undefined;

async function main() {
  const scratch = mkdtempSync(path.join(tmpdir(), "codex-it-electron-"));
  const countsFile = path.join(scratch, "counts.json");
  let run;
  let exitCode = 1;
  try {
    await buildAll();
    run = await prepareRun({ countsFile, grep });
    // User settings live in the user data dir; chatgpt.cliExecutable points at the pinned codex.
    const userDataDir = path.join(scratch, "user-data");
    mkdirSync(path.join(userDataDir, "User"), { recursive: true });
    writeFileSync(
      path.join(userDataDir, "User", "settings.json"),
      JSON.stringify(
        {
          "telemetry.telemetryLevel": "off",
          "workbench.startupEditor": "none",
          "extensions.autoUpdate": false,
          "security.workspace.trust.enabled": false,
          ...run.settings,
        },
        null,
        2,
      ),
    );
    exitCode = await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? "stable",
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      extensionTestsEnv: run.env,
      launchArgs: [
        run.workspace,
        "--user-data-dir",
        userDataDir,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
      ],
    });
  } catch (error) {
    console.error(`test:electron: ${error?.stack ?? error}`);
    exitCode = 1;
  } finally {
    try {
      const counts = JSON.parse(readFileSync(countsFile, "utf8"));
      console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    } catch {
      console.log("the suite reported no counts");
    }
    await run?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main();
