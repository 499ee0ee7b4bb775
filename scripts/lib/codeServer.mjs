// code-server (VS Code server + web workbench from npm) as an offline "real VS Code" for
// integration and end-to-end tests. See scripts/lib/README.md and the recipe it is based on.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
  unlinkSync,
} from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { ensureNode, nodeBinary } from "./nodeRuntime.mjs";

/**
 * The code-server releases CI runs the extension in: the oldest supported VS Code (1.100, what
 * Cursor is based on) and the newest release. `node` names the Node major a release needs when
 * it is newer than the one running the scripts (from the npm registry, see nodeRuntime.mjs).
 */
export const CODE_SERVER_RELEASES = {
  oldest: { version: "4.100.3", node: undefined, args: [] },
  // VS Code 1.139's built web workbench ignores the URL `payload` (extensionDevelopmentPath,
  // extensionTestsPath) unless the smoke-test driver is on; code-server passes it through.
  newest: {
    version: "4.139.1",
    node: "24",
    args: ["--vscode-option", "enable-smoke-test-driver"],
  },
};
/** Which release this process uses: `CODE_SERVER_RELEASE=newest` (or a version), else the oldest. */
export function selectedRelease(name = process.env.CODE_SERVER_RELEASE) {
  if (!name) return CODE_SERVER_RELEASES.oldest;
  const release =
    CODE_SERVER_RELEASES[name] ??
    Object.values(CODE_SERVER_RELEASES).find((r) => r.version === name);
  if (!release) {
    throw new Error(
      `CODE_SERVER_RELEASE=${name} is none of ${Object.keys(CODE_SERVER_RELEASES).join(", ")}`,
    );
  }
  return release;
}

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VSCODE_TEST_DIR = join(REPO_ROOT, ".vscode-test");
export const RUNS_DIR = join(VSCODE_TEST_DIR, "runs");

/** Where a release is cached and what runs it. */
function layout(release) {
  const cacheDir = join(VSCODE_TEST_DIR, `code-server-${release.version}`);
  const dir = join(cacheDir, "node_modules", "code-server");
  return {
    release,
    version: release.version,
    cacheDir,
    dir,
    entry: join(dir, "out", "node", "entry.js"),
    marker: join(cacheDir, ".install-complete.json"),
    // VS Code's built-in TypeScript/JavaScript support runs this tsserver.
    tsserver: join(dir, "lib/vscode/extensions/node_modules/typescript/lib/tsserver.js"),
    lockDir: `${cacheDir}.lock`,
    installLog: join(VSCODE_TEST_DIR, `code-server-${release.version}.install.log`),
  };
}

const SELECTED = layout(selectedRelease());
export const CODE_SERVER_VERSION = SELECTED.version;
export const CODE_SERVER_CACHE_DIR = SELECTED.cacheDir;
export const CODE_SERVER_DIR = SELECTED.dir;
export const CODE_SERVER_ENTRY = SELECTED.entry;

const LOCK_STALE_MS = 15 * 60 * 1000;

/** The node that runs the selected code-server (the scripts' own unless the release needs another). */
function codeServerNode(release = SELECTED.release) {
  return release.node ? nodeBinary(release.node) : process.execPath;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secondsSince = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

function tail(text, lines = 40) {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

// ---------------------------------------------------------------------------------------------
// Install
// ---------------------------------------------------------------------------------------------

/**
 * Runs a command, appending its output to the install log. Resolves with the combined output;
 * rejects with the output tail on a non-zero exit.
 */
function runLogged(cmd, args, { cwd, env = {}, log, installLog }) {
  return new Promise((resolveRun, reject) => {
    const started = Date.now();
    const line = `$ (cd ${cwd} && ${Object.entries(env)
      .map(([k, v]) => `${k}=${v} `)
      .join("")}${cmd} ${args.join(" ")})`;
    log(`[code-server] ${line}`);
    const fd = openSync(installLog, "a");
    writeFileSync(fd, `\n${line}\n`);
    let output = "";
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const onData = (d) => {
      output += d;
      writeFileSync(fd, d);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (e) => {
      closeSync(fd);
      reject(e);
    });
    child.on("close", (code, signal) => {
      closeSync(fd);
      if (code === 0) {
        log(`[code-server]   done in ${secondsSince(started)}`);
        resolveRun(output);
      } else {
        reject(
          new Error(
            `${cmd} ${args.join(" ")} failed in ${cwd} (exit ${code ?? signal}); ` +
              `full log: ${installLog}\n${tail(output)}`,
          ),
        );
      }
    });
  });
}

/**
 * npm 11.x has an `allowScripts` policy. With the default (non-strict) setting it only warns
 * ("N packages have install scripts not yet covered by allowScripts") and still runs them; with
 * `strict-allow-scripts` it skips them. We pass `dangerously-allow-all-scripts` for this
 * throwaway cache and verify the built bindings afterwards (verifyNativeModules); here we only
 * surface npm's script-policy warnings.
 */
function reportScriptPolicyWarnings(output, what, log) {
  for (const l of output.split("\n")) {
    if (/allowScripts|approve-scripts|install-scripts/i.test(l))
      log(`[code-server]   ${what}: ${l.trim()}`);
  }
}

async function acquireLock(log, LOCK_DIR) {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(
        join(LOCK_DIR, "owner.json"),
        JSON.stringify({ pid: process.pid, at: Date.now() }),
      );
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    // Someone else holds the lock: wait, unless it is stale (owner gone or too old).
    let stale = false;
    try {
      const owner = JSON.parse(readFileSync(join(LOCK_DIR, "owner.json"), "utf8"));
      stale = !isAlive(owner.pid) || Date.now() - owner.at > LOCK_STALE_MS;
    } catch {
      // Lock dir without owner file: either being created right now or left by a crash.
      try {
        stale = Date.now() - statSync(LOCK_DIR).mtimeMs > 10_000;
      } catch {
        stale = false; // vanished meanwhile; retry
      }
    }
    if (stale) {
      log(`[code-server] removing stale install lock ${LOCK_DIR}`);
      rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`[code-server] another process is installing code-server; waiting for ${LOCK_DIR}`);
      announced = true;
    }
    await sleep(1000);
  }
}

function installComplete(L) {
  try {
    const m = JSON.parse(readFileSync(L.marker, "utf8"));
    return m.version === L.version && existsSync(L.entry);
  } catch {
    return false;
  }
}

/** npm's environment for the install steps, with `node` (a release's own Node) first on PATH. */
function npmEnvFor(node) {
  return {
    ...(node
      ? {
          PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
          // node-gyp compiles against that Node's own headers (the registry package ships
          // include/node), not the ones npm's config names (Debian's npm: nodedir=/usr, Node 20)
          // nor a download from nodejs.org.
          npm_config_nodedir: dirname(dirname(node)),
        }
      : {}),
    // npm >= 11.x applies an allowScripts policy to dependency lifecycle scripts. This is a
    // throwaway cache whose packages we chose explicitly, so let `npm rebuild` run them.
    npm_config_dangerously_allow_all_scripts: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

/**
 * Installs code-server into `.vscode-test/code-server-<version>/` without network access beyond
 * the npm registry. Idempotent: a marker file is written only after full success; concurrent
 * callers wait on a lock directory.
 * Needs the Debian packages from systemDeps.mjs (ripgrep, libkrb5-dev, libsecret-1-dev,
 * libx11-dev, libxkbfile-dev) and a C++ toolchain.
 * @param {{ log?: (msg: string) => void, release?: { version: string, node?: string } }} [options]
 * @returns {Promise<{ dir: string, entry: string, node: string, installed: boolean, seconds: number }>}
 */
export async function ensureCodeServer({ log = console.log, release = SELECTED.release } = {}) {
  const started = Date.now();
  const L = layout(release);
  const {
    version: CODE_SERVER_VERSION,
    cacheDir: CODE_SERVER_CACHE_DIR,
    dir: CODE_SERVER_DIR,
    entry: CODE_SERVER_ENTRY,
    marker: MARKER,
    installLog: INSTALL_LOG,
  } = L;
  const done = (installed) => ({
    dir: CODE_SERVER_DIR,
    entry: CODE_SERVER_ENTRY,
    node: codeServerNode(release),
    installed,
    seconds: (Date.now() - started) / 1000,
  });
  // A release that needs a newer Node gets it first (from the npm registry, cached), and every
  // install step runs with that Node first on PATH so native modules are built for it.
  const node = release.node ? await ensureNode(release.node, { log }) : undefined;
  if (installComplete(L) && existsSync(L.tsserver)) return done(false);
  const npmEnv = npmEnvFor(node);
  const unlock = await acquireLock(log, L.lockDir);
  try {
    if (installComplete(L)) {
      // A cache installed before step 2b existed gets only that step.
      if (!existsSync(L.tsserver)) await installBuiltinExtensionDeps(L, npmEnv, log);
      return done(false);
    }
    if (!existsSync("/usr/bin/rg")) {
      throw new Error(
        "ripgrep is missing (/usr/bin/rg); run ensureDebianPackages() from scripts/lib/systemDeps.mjs",
      );
    }
    log(
      `[code-server] installing code-server@${CODE_SERVER_VERSION} into ${CODE_SERVER_CACHE_DIR}`,
    );
    rmSync(MARKER, { force: true });
    mkdirSync(CODE_SERVER_CACHE_DIR, { recursive: true });
    writeFileSync(
      INSTALL_LOG,
      `install of code-server@${CODE_SERVER_VERSION} at ${new Date().toISOString()}\n`,
    );
    // Own package.json so npm treats the cache dir as the project root (not the repo).
    writeFileSync(
      join(CODE_SERVER_CACHE_DIR, "package.json"),
      JSON.stringify(
        { name: "code-server-cache", private: true, description: "test harness cache" },
        null,
        2,
      ) + "\n",
    );
    // 1. code-server itself. --ignore-scripts: @vscode/ripgrep's postinstall downloads from GitHub.
    await runLogged("npm", ["install", "--ignore-scripts", `code-server@${CODE_SERVER_VERSION}`], {
      cwd: CODE_SERVER_CACHE_DIR,
      env: npmEnv,
      log,
      installLog: INSTALL_LOG,
    });
    const vscodeDir = join(CODE_SERVER_DIR, "lib", "vscode");
    // 2. VS Code's own runtime dependencies.
    await runLogged("npm", ["install", "--omit=dev", "--ignore-scripts"], {
      cwd: vscodeDir,
      env: npmEnv,
      log,
      installLog: INSTALL_LOG,
    });
    // 2b. The built-in extensions' shared dependencies.
    await installBuiltinExtensionDeps(L, npmEnv, log);
    // 3. Debian's ripgrep where VS Code looks for it. Must happen before `npm rebuild`: then
    //    @vscode/ripgrep's postinstall sees bin/ and exits instead of downloading from GitHub.
    const rgDir = join(vscodeDir, "node_modules", "@vscode", "ripgrep", "bin");
    const rgLink = join(rgDir, "rg");
    mkdirSync(rgDir, { recursive: true });
    try {
      lstatSync(rgLink);
      unlinkSync(rgLink);
    } catch {
      // not there yet
    }
    symlinkSync("/usr/bin/rg", rgLink);
    log(`[code-server] linked ${rgLink} -> /usr/bin/rg`);
    // 4. The native modules the server runs with here (NEEDED_NATIVE_MODULES), not all of them.
    //    node-pty's postinstall runs `npx node-gyp`, which needs npm_config_yes.
    const rebuildOut = await runLogged(
      "npm",
      ["rebuild", "--foreground-scripts", ...neededNativeModules(vscodeDir)],
      {
        cwd: vscodeDir,
        // JOBS: node-gyp compiles with one job by default.
        env: { ...npmEnv, npm_config_yes: "true", JOBS: String(availableParallelism()) },
        log,
        installLog: INSTALL_LOG,
      },
    );
    reportScriptPolicyWarnings(rebuildOut, "npm rebuild in lib/vscode", log);
    // 5. argon2: code-server loads it at startup even with --auth none.
    const argonOut = await runLogged("npm", ["rebuild", "--foreground-scripts", "argon2"], {
      cwd: CODE_SERVER_CACHE_DIR,
      env: npmEnv,
      log,
      installLog: INSTALL_LOG,
    });
    reportScriptPolicyWarnings(argonOut, "npm rebuild argon2", log);
    verifyNativeModules(log, L);
    writeFileSync(
      MARKER,
      JSON.stringify({ version: CODE_SERVER_VERSION, at: new Date().toISOString() }, null, 2) +
        "\n",
    );
    const result = done(true);
    log(
      `[code-server] code-server@${CODE_SERVER_VERSION} installed in ${result.seconds.toFixed(1)} s`,
    );
    return result;
  } finally {
    unlock();
  }
}

/**
 * The built-in extensions' shared dependencies: the TypeScript that VS Code's TS/JS support
 * runs as tsserver. code-server's own postinstall installs them (`--ignore-scripts` skips it);
 * without them, opening a .ts file shows "VS Code's tsserver was deleted by another
 * application". Their own postinstall only prunes files, so scripts stay off.
 */
async function installBuiltinExtensionDeps(L, npmEnv, log) {
  await runLogged("npm", ["install", "--omit=dev", "--ignore-scripts"], {
    cwd: join(L.dir, "lib", "vscode", "extensions"),
    env: npmEnv,
    log,
    installLog: L.installLog,
  });
}

/**
 * The native modules a code-server on Linux loads in these tests: the log writer, the extension
 * host's watchdog (renamed @vscode/native-watchdog in VS Code 1.139), the terminal and the file
 * watcher (the last two bring prebuilt bindings in 4.139.1, so rebuilding them only checks).
 * Not rebuilt: @vscode/sqlite3 (VS Code's agent host only, and most of the compile time:
 * minutes of SQLite on 2 cores), kerberos (proxy authentication), ssh2/cpu-features (SSH
 * tunnels; optional), deviceid/fs-copyfile/windows-* (other platforms or the agent host).
 */
const NEEDED_NATIVE_MODULES = [
  "@vscode/spdlog",
  "native-watchdog",
  "@vscode/native-watchdog",
  "node-pty",
  "@parcel/watcher",
];

/** The needed native modules this VS Code release ships (npm rebuild wants installed names). */
function neededNativeModules(vscodeDir) {
  return NEEDED_NATIVE_MODULES.filter((name) =>
    existsSync(join(vscodeDir, "node_modules", name, "package.json")),
  );
}

/**
 * Native bindings that must exist after a successful rebuild (paths relative to code-server's
 * lib/vscode/node_modules): any one of a package's files. A package this VS Code release does not
 * ship is skipped (4.139.1 has @vscode/native-watchdog instead of native-watchdog), and node-pty
 * may bring a prebuilt binding.
 */
const NATIVE_BINDINGS = {
  "@vscode/spdlog": ["build/Release/spdlog.node"],
  "native-watchdog": ["build/Release/watchdog.node"],
  "@vscode/native-watchdog": ["build/Release/watchdog.node"],
  "node-pty": ["build/Release/pty.node", `prebuilds/${process.platform}-${process.arch}/pty.node`],
};

function verifyNativeModules(log, L) {
  const modules = join(L.dir, "lib", "vscode", "node_modules");
  const missing = [];
  const present = [];
  for (const [name, files] of Object.entries(NATIVE_BINDINGS)) {
    if (!existsSync(join(modules, name, "package.json"))) continue;
    const binding = files.map((file) => join(modules, name, file)).find((f) => existsSync(f));
    if (!binding) missing.push(`lib/vscode/node_modules/${name}/${files[0]}`);
    else if (!loadsIn(codeServerNode(L.release), binding)) {
      missing.push(`${binding} (built, but it does not load in ${codeServerNode(L.release)})`);
    } else present.push(name);
  }
  const argonDir = join(L.cacheDir, "node_modules", "argon2");
  const argonOk = findFile(argonDir, (f) => f.endsWith(".node"));
  if (!argonOk) missing.push("node_modules/argon2/**/*.node");
  if (missing.length > 0) {
    throw new Error(
      `code-server native modules were not built: ${missing.join(", ")} (see ${L.installLog})`,
    );
  }
  log(`[code-server] native modules present: ${[...present, "argon2"].join(", ")}`);
}

/** Whether `node` can load the binding (a binding built for another Node's ABI cannot). */
function loadsIn(node, binding) {
  const r = spawnSync(node, ["-e", `require(${JSON.stringify(binding)})`], { timeout: 30_000 });
  return r.status === 0;
}

function findFile(dir, pred, depth = 4) {
  if (depth < 0 || !existsSync(dir)) return false;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === "node_modules") continue;
    const p = join(dir, ent.name);
    if (ent.isFile() && pred(p)) return true;
    if (ent.isDirectory() && findFile(p, pred, depth - 1)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping and cleanup
// ---------------------------------------------------------------------------------------------

/** @type {Set<{ pid: number, killNow: () => void }>} */
const live = new Set();
let exitHooksInstalled = false;

function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const s of live) s.killNow();
    live.clear();
  };
  process.on("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    const handler = () => {
      killAll();
      process.removeListener(sig, handler);
      // Keep the default behaviour (terminate) unless someone else handles the signal.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

/** Children of every pid, read from /proc (Linux). */
function processTree() {
  const children = new Map();
  let entries = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return children;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Field 4 (ppid) comes after "(comm)", which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // process vanished
    }
  }
  return children;
}

function descendants(pid) {
  const tree = processTree();
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of tree.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function signalAll(pgid, pids, sig) {
  try {
    process.kill(-pgid, sig);
  } catch {
    // group gone
  }
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      // gone
    }
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

// ---------------------------------------------------------------------------------------------
// Start / stop
// ---------------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** `vscode-remote://remote/<abs path>`: what the web workbench needs (file:// loads nothing). */
export function remoteUri(absPath) {
  return `vscode-remote://remote${pathToFileURL(resolve(absPath)).pathname}`;
}

const DEFAULT_SETTINGS = {
  "telemetry.telemetryLevel": "off",
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.openRepositoryInParentFolders": "never",
};

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh run directory under
 * `.vscode-test/runs/`. Call ensureCodeServer() first.
 * @param {{
 *   workspace: string,
 *   extensionDevelopmentPath?: string | string[],
 *   extensionTestsPath?: string,
 *   extensionsDir?: string,
 *   env?: Record<string, string | undefined>,
 *   settings?: Record<string, unknown>,
 *   workspaceTrust?: boolean,
 *   timeoutMs?: number,
 *   log?: (msg: string) => void,
 * }} options
 */
export async function startCodeServer({
  workspace,
  extensionDevelopmentPath,
  extensionTestsPath,
  extensionsDir,
  env = {},
  settings = {},
  // Off by default (every folder trusted); on, the folder opens in Restricted Mode until trusted.
  workspaceTrust = false,
  timeoutMs = 30_000,
  log = () => {},
}) {
  if (!workspace) throw new Error("startCodeServer: `workspace` is required");
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY}); call ensureCodeServer()`);
  }
  const workspaceAbs = resolve(workspace);
  if (!existsSync(workspaceAbs))
    throw new Error(`startCodeServer: workspace ${workspaceAbs} does not exist`);
  if (extensionTestsPath && [extensionDevelopmentPath ?? []].flat().length === 0) {
    // The extension host runs extensionTestsPath only in extension-development mode; without a
    // development path the tests never start and nothing reports back.
    throw new Error(
      "startCodeServer: extensionTestsPath needs extensionDevelopmentPath (for a VSIX installed " +
        "with installVsix, pass any folder, e.g. the test runner's, as extensionDevelopmentPath)",
    );
  }
  const runDir = join(RUNS_DIR, `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  const ud = join(runDir, "ud");
  const exts = extensionsDir ? resolve(extensionsDir) : join(runDir, "exts");
  for (const d of [
    join(ud, "User"),
    exts,
    join(runDir, "xdg-config"),
    join(runDir, "xdg-data"),
    join(runDir, "xdg-cache"),
  ]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(
    join(ud, "User", "settings.json"),
    JSON.stringify(
      {
        ...DEFAULT_SETTINGS,
        "security.workspace.trust.enabled": workspaceTrust,
        // No start-up modal: the folder simply opens untrusted (Restricted Mode).
        ...(workspaceTrust ? { "security.workspace.trust.startupPrompt": "never" } : {}),
        ...settings,
      },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(join(runDir, "config.yaml"), "auth: none\ncert: false\n");
  const logFile = join(runDir, "code-server.log");

  const childEnv = { ...process.env };
  // Don't inherit a surrounding VS Code's IPC hooks etc., nor code-server auth settings.
  for (const k of Object.keys(childEnv)) {
    if (k.startsWith("VSCODE_") || k === "ELECTRON_RUN_AS_NODE") delete childEnv[k];
  }
  for (const k of ["PASSWORD", "HASHED_PASSWORD", "PORT", "CODE_SERVER_CONFIG"]) delete childEnv[k];
  Object.assign(childEnv, {
    // Otherwise the extension host's environment is rebuilt from a login shell and Debian's
    // /etc/profile resets PATH.
    VSCODE_CLI: "1",
    EXTENSIONS_GALLERY: "{}",
    XDG_CONFIG_HOME: join(runDir, "xdg-config"),
    XDG_DATA_HOME: join(runDir, "xdg-data"),
    XDG_CACHE_HOME: join(runDir, "xdg-cache"),
  });
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }

  installExitHooks();
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const started = Date.now();
    const fd = openSync(logFile, "a");
    const args = [
      CODE_SERVER_ENTRY,
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      "--config",
      join(runDir, "config.yaml"),
      "--user-data-dir",
      ud,
      "--extensions-dir",
      exts,
      "--disable-telemetry",
      "--disable-update-check",
      ...(workspaceTrust ? [] : ["--disable-workspace-trust"]),
      "--disable-getting-started-override",
      "--ignore-last-opened",
      ...(SELECTED.release.args ?? []),
      workspaceAbs,
    ];
    const child = spawn(codeServerNode(), args, {
      cwd: runDir,
      env: childEnv,
      detached: true, // own process group: stop() kills the extension host, pty host, watcher too
      stdio: ["ignore", fd, fd],
    });
    closeSync(fd);
    child.unref();
    const pid = child.pid;
    let exited = null;
    child.on("exit", (code, signal) => (exited = { code, signal }));
    const entry = {
      pid,
      killNow: () => signalAll(pid, descendants(pid), "SIGKILL"),
    };
    live.add(entry);

    const readLog = () => {
      try {
        return readFileSync(logFile, "utf8");
      } catch {
        return "";
      }
    };
    const url = `http://127.0.0.1:${port}`;
    let healthy = false;
    while (Date.now() - started < timeoutMs) {
      if (exited) break;
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          healthy = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    if (healthy) {
      const healthzMs = Date.now() - started;
      log(`[code-server] pid ${pid} listening on ${url} (/healthz after ${healthzMs} ms)`);
      let stopping;
      const stop = ({ keepRunDir = false, graceMs = 5000 } = {}) => {
        stopping ??= (async () => {
          const pids = descendants(pid);
          signalAll(pid, [pid, ...pids], "SIGTERM");
          const deadline = Date.now() + graceMs;
          const anyAlive = () => groupAlive(pid) || [pid, ...pids].some(isAlive);
          while (anyAlive() && Date.now() < deadline) await sleep(100);
          if (anyAlive()) {
            signalAll(pid, [pid, ...pids, ...descendants(pid)], "SIGKILL");
            const hardDeadline = Date.now() + 5000;
            while (anyAlive() && Date.now() < hardDeadline) await sleep(50);
          }
          live.delete(entry);
          if (anyAlive()) throw new Error(`code-server (pgid ${pid}) did not exit`);
          if (!keepRunDir) rmSync(runDir, { recursive: true, force: true });
        })();
        return stopping;
      };
      return {
        url,
        port,
        pid,
        runDir,
        logFile,
        healthzMs,
        workspace: workspaceAbs,
        /**
         * Workbench URL with folder and payload (extensionDevelopmentPath / extensionTestsPath as
         * vscode-remote URIs, plus `extraPayload` pairs such as [["skipWelcome","true"]]).
         * @param {Array<[string, string]>} [extraPayload]
         */
        workbenchUrl(extraPayload = []) {
          const payload = [];
          const devPaths = [extensionDevelopmentPath ?? []].flat();
          for (const p of devPaths) payload.push(["extensionDevelopmentPath", remoteUri(p)]);
          if (extensionTestsPath)
            payload.push(["extensionTestsPath", remoteUri(extensionTestsPath)]);
          payload.push(...extraPayload);
          let u = `${url}/?folder=${encodeURIComponent(workspaceAbs)}`;
          if (payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
          return u;
        },
        logs: readLog,
        stop,
      };
    }
    // Failed: clean up this attempt.
    signalAll(pid, [pid, ...descendants(pid)], "SIGKILL");
    live.delete(entry);
    const text = readLog();
    lastError = new Error(
      (exited
        ? `code-server exited early (${exited.code ?? exited.signal})`
        : `code-server did not answer /healthz within ${timeoutMs} ms`) +
        ` on port ${port}; log ${logFile}:\n${tail(text)}`,
    );
    if (!/EADDRINUSE/.test(text)) break; // retry only port races
    log(`[code-server] port ${port} was taken, retrying`);
  }
  throw lastError;
}

/**
 * Installs a .vsix into an extensions directory with code-server's CLI.
 * @param {string} vsixPath
 * @param {string} extensionsDir
 * @returns {string} CLI output
 */
export function installVsix(vsixPath, extensionsDir) {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY}); call ensureCodeServer()`);
  }
  const tmp = join(RUNS_DIR, `vsix-${randomBytes(4).toString("hex")}`);
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, "config.yaml"), "auth: none\ncert: false\n");
  mkdirSync(extensionsDir, { recursive: true });
  try {
    const r = spawnSync(
      codeServerNode(),
      [
        CODE_SERVER_ENTRY,
        "--config",
        join(tmp, "config.yaml"),
        "--user-data-dir",
        join(tmp, "ud"),
        "--extensions-dir",
        resolve(extensionsDir),
        "--install-extension",
        resolve(vsixPath),
        "--force",
      ],
      {
        encoding: "utf8",
        timeout: 120_000,
        env: {
          ...process.env,
          VSCODE_CLI: "1",
          EXTENSIONS_GALLERY: "{}",
          XDG_CONFIG_HOME: join(tmp, "xdg-config"),
          XDG_DATA_HOME: join(tmp, "xdg-data"),
          XDG_CACHE_HOME: join(tmp, "xdg-cache"),
        },
      },
    );
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(
        `installing ${vsixPath} failed (exit ${r.status ?? r.signal}):\n${tail(out)}`,
      );
    }
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
