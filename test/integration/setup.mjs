// Shared by runInCodeServer.mjs and runInElectron.mjs: builds the extension and the in-host
// mocha suite, and prepares what the suite runs against (mock model, CODEX_HOME, workspace).
import * as esbuild from "esbuild";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { hostBuilds, webviewBuild } from "../../scripts/build.mjs";
import { codexBinary } from "../../scripts/lib/codexBinary.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const suiteOutDir = path.join(repoRoot, "out", "integration", "suite");
/** The bundled runner exporting `run()` (the extensionTestsPath). */
export const suiteEntry = path.join(suiteOutDir, "index.js");

/**
 * Writes code-server's remote "Machine" settings (`<user-data-dir>/Machine/settings.json`).
 * code-server's window is a remote window: settings with `machine`/`machine-overridable` scope
 * such as `chatgpt.cliExecutable` are ignored in the User settings there and must live here.
 * Call after startCodeServer and before a browser connects (the extension host starts then).
 */
export function writeMachineSettings(runDir, settings) {
  const dir = path.join(runDir, "ud", "Machine");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2) + "\n");
}

/** Loads TypeScript test support (mock model, CODEX_HOME helpers) through tsx. */
export async function loadTestSupport() {
  const { register } = await import("tsx/cjs/api");
  const api = register({ namespace: "codex-integration" });
  const load = (rel) => api.require(path.join(repoRoot, rel), import.meta.url);
  return {
    server: load("test/support/mockModel/server.ts"),
    script: load("test/support/mockModel/script.ts"),
    codexHome: load("test/support/codexHome.ts"),
  };
}

/** Builds dist/ (the extension) and out/integration/suite/*.js (the suite, one file per test). */
export async function buildAll() {
  await Promise.all([
    ...(await hostBuilds({ logLevel: "warning" })).map((build) => esbuild.build(build)),
    esbuild.build({ ...webviewBuild, logLevel: "warning" }),
  ]);
  const suiteDir = path.join(repoRoot, "test", "integration", "suite");
  const entryPoints = readdirSync(suiteDir)
    .filter((name) => name === "index.ts" || name.endsWith(".test.ts"))
    .map((name) => path.join(suiteDir, name));
  rmSync(suiteOutDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    // mocha 11 is CommonJS and resolves from the repo's node_modules at run time.
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
}

/**
 * Starts the mock model, a CODEX_HOME pointing at it (on-request, read-only) and a workspace
 * with a TODO file. Returns the env the extension host needs, the user settings, and cleanup.
 * @param {{ countsFile?: string, grep?: string }} options
 */
export async function prepareRun({ countsFile, grep } = {}) {
  const { server, codexHome } = await loadTestSupport();
  const cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  };
  try {
    const model = await server.startMockModel();
    cleanups.push(() => model.close());
    const home = await codexHome.createCodexHome({
      modelUrl: model.url,
      approvalPolicy: "on-request",
      sandboxMode: "read-only",
    });
    cleanups.push(() => home.dispose());
    const workspace = mkdtempSync(path.join(tmpdir(), "codex-it-ws-"));
    cleanups.push(async () => rmSync(workspace, { recursive: true, force: true }));
    mkdirSync(path.join(workspace, "src"), { recursive: true });
    writeFileSync(
      path.join(workspace, "src", "todo.ts"),
      "export function greet(name: string): string {\n  // TODO: greet in French when name ends with 'e'\n  return `Hello, ${name}`;\n}\n",
    );
    const env = {
      CODEX_HOME: home.dir,
      CODEX_IT_MOCK_URL: model.url,
      CODEX_IT_CLI: codexBinary(),
      ...(countsFile ? { CODEX_IT_COUNTS_FILE: countsFile } : {}),
      ...(grep ? { CODEX_IT_GREP: grep } : {}),
    };
    const settings = { "chatgpt.cliExecutable": codexBinary() };
    return { model, home, workspace, env, settings, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
