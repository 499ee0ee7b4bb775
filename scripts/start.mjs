// `npm start`: build, then open the extension in a real VS Code (code-server) on 127.0.0.1.
//   npm start                       a scratch folder, real codex, your CODEX_HOME ($CODEX_HOME or ~/.codex)
//   npm start -- path/to/folder     that folder (relative to where npm was run)
//   npm start -- --mock             the demo: a local demo model, a scratch CODEX_HOME and a scratch
//                                   demo project (test/support/mockModel/demo): no account needed
// Ctrl+C stops code-server (its whole process group), the mock model, and removes temp folders.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { codexBinary } from "./lib/codexBinary.mjs";
import { HARNESS_DEBIAN_PACKAGES, ensureDebianPackages } from "./lib/systemDeps.mjs";

// The newest VS Code, as most users have it: the chat opens in the secondary side bar, as the
// official extension's does. `CODE_SERVER_RELEASE=oldest npm start` opens VS Code 1.100, the one
// Cursor is based on (there the manifest's secondary side bar container is unknown, and VS Code
// says so in a notification to the extension's developer). Set before codeServer.mjs loads: it
// picks its release once.
process.env.CODE_SERVER_RELEASE ??= "newest";
const { CODE_SERVER_RELEASES, CODE_SERVER_VERSION, ensureCodeServer, startCodeServer } =
  await import("./lib/codeServer.mjs");
/** Where a user finds the chat in the VS Code that opens (extension/views/sidebarPlacement.ts). */
const FIND_THE_CHAT =
  CODE_SERVER_VERSION === CODE_SERVER_RELEASES.oldest.version
    ? ", then click the Codex icon in the activity bar"
    : "; the Codex chat opens in the secondary side bar, on the right";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `usage: npm start [-- [--mock] [folder]]
  folder   the folder to open (default: a new scratch folder, removed on exit)
  --mock   the demo: a local demo model, a scratch CODEX_HOME and a scratch demo project
           (no account needed; ask it for "help")`;

function parseArgs(argv) {
  let mock = false;
  let folder;
  for (const arg of argv) {
    if (arg === "--mock") mock = true;
    else if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith("-")) {
      console.error(`unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    } else if (folder === undefined) folder = arg;
    else {
      console.error(`only one folder can be opened\n${USAGE}`);
      process.exit(2);
    }
  }
  if (mock && folder !== undefined) {
    console.error(`--mock opens its own scratch demo project, never your files\n${USAGE}`);
    process.exit(2);
  }
  if (folder === undefined) return { mock, workspace: undefined };
  // npm runs scripts in the package folder; a relative path means where the user typed it.
  const workspace = path.resolve(process.env.INIT_CWD ?? process.cwd(), folder);
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
    console.error(`${workspace} is not a folder`);
    process.exit(2);
  }
  return { mock, workspace };
}

/** Loads the TypeScript demo model, demo project and CODEX_HOME helpers (test/support) through tsx. */
async function loadMockSupport() {
  const { register } = await import("tsx/cjs/api");
  const api = register({ namespace: "codex-start" });
  const load = (rel) => api.require(path.join(repoRoot, rel), import.meta.url);
  return {
    codexHome: load("test/support/codexHome.ts"),
    demo: load("test/support/mockModel/demo/demoModel.ts"),
    demoWorkspace: load("test/support/mockModel/demo/workspace.ts"),
  };
}

async function main() {
  const { mock, workspace: chosen } = parseArgs(process.argv.slice(2));
  const cleanups = [];
  const support = mock ? await loadMockSupport() : undefined;
  // Never the extension's own repository: without a folder, a scratch one to play in (with
  // --mock, the demo project the demo prompts act on).
  let workspace = chosen;
  if (support) {
    const demoWorkspace = await support.demoWorkspace.createDemoWorkspace();
    workspace = demoWorkspace.dir;
    cleanups.push(() => demoWorkspace.dispose());
  } else if (!workspace) {
    const scratch = mkdtempSync(path.join(tmpdir(), "codex-start-workspace-"));
    workspace = scratch;
    writeFileSync(
      path.join(scratch, "README.md"),
      "# Scratch workspace\n\nRemoved when npm start stops.\n",
    );
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  }
  let shuttingDown = false;
  let stopping;
  const stopAll = async (code) => {
    shuttingDown = true;
    stopping ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          console.error(`cleanup: ${error?.message ?? error}`);
        }
      }
      process.exit(code);
    })();
    return stopping;
  };
  // Installed before startCodeServer's own hooks, so both run; ours also closes the mock and
  // removes the scratch CODEX_HOME and the run directory.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      console.log(`\n${signal}: stopping…`);
      void stopAll(0);
    });
  }

  try {
    console.log("building…");
    const build = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "build.mjs")], {
      cwd: repoRoot,
      stdio: "inherit",
    });
    if (build.status !== 0)
      throw new Error(`the build failed (exit ${build.status ?? build.signal})`);

    // Chromium is only for the tests; you bring your own browser.
    const packages = HARNESS_DEBIAN_PACKAGES.filter((name) => name !== "chromium");
    try {
      await ensureDebianPackages(packages);
    } catch (error) {
      throw new Error(`code-server needs some system packages. ${error.message}`);
    }
    const installed = await ensureCodeServer();
    if (installed.installed)
      console.log(`code-server installed in ${installed.seconds.toFixed(0)} s`);

    const codex = codexBinary();
    const env = {};
    let codexHomeDir;
    let codexHomeSource = " (scratch, demo model)";
    if (support) {
      const model = await support.demo.startDemoModel();
      cleanups.push(() => model.close());
      const home = await support.codexHome.createCodexHome(
        support.demo.demoCodexHomeOptions(model.url),
      );
      cleanups.push(() => home.dispose());
      codexHomeDir = home.dir;
      console.log(`demo model on ${model.url}`);
    } else {
      codexHomeDir = process.env.CODEX_HOME || path.join(homedir(), ".codex");
      codexHomeSource = process.env.CODEX_HOME ? " (from $CODEX_HOME)" : " (yours: ~/.codex)";
      mkdirSync(codexHomeDir, { recursive: true });
    }
    env.CODEX_HOME = codexHomeDir;

    const cs = await startCodeServer({
      workspace,
      extensionDevelopmentPath: repoRoot,
      env,
      settings: { "chatgpt.cliExecutable": codex },
      log: (line) => console.log(line),
    });
    // code-server's window is remote: machine-scoped settings such as chatgpt.cliExecutable
    // count only in its Machine settings, not in the User settings.
    mkdirSync(path.join(cs.runDir, "ud", "Machine"), { recursive: true });
    writeFileSync(
      path.join(cs.runDir, "ud", "Machine", "settings.json"),
      JSON.stringify({ "chatgpt.cliExecutable": codex }, null, 2) + "\n",
    );
    let crashed = false;
    cleanups.push(() => cs.stop({ keepRunDir: crashed }));

    console.log(`
Codex for VS Code is running in code-server ${CODE_SERVER_VERSION}.
  folder      ${workspace}${chosen ? "" : mock ? " (demo project, removed on exit)" : " (scratch, removed on exit)"}
  codex       ${codex}
  CODEX_HOME  ${codexHomeDir}${codexHomeSource}
  log         ${cs.logFile}

Open this URL in a browser${FIND_THE_CHAT}${
      mock ? '.\nTry "run ls", "create hello.txt", "fix the TODO in foo.ts" or "help"' : ""
    }:

  ${cs.workbenchUrl()}

Press Ctrl+C to stop.`);
    // Keeps this process alive (code-server is detached) and notices when code-server dies.
    setInterval(() => {
      try {
        process.kill(cs.pid, 0);
      } catch {
        if (shuttingDown) return;
        crashed = true;
        console.error(`code-server exited; see ${cs.logFile}`);
        void stopAll(1);
      }
    }, 2000);
  } catch (error) {
    console.error(`npm start failed: ${error?.message ?? error}`);
    await stopAll(1);
  }
}

main();
