// Bench-only extension test runner (extensionTestsPath): runs inside code-server's extension
// host, activates the (not yet activated) extension under test and times activate() there.
// Writes its findings as JSON to $BENCH_ACTIVATION_OUT.
const { readdirSync, readFileSync, writeFileSync } = require("node:fs");
const vscode = require("vscode");

const EXTENSION_ID = "codex-oss.codex-vscode";

/** Live descendants of `pid` with their command lines (from /proc). */
function descendants(pid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found = [];
  const walk = (parent) => {
    for (const [child, ppid] of parents) {
      if (ppid !== parent) continue;
      let cmd = "";
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").join(" ").trim();
      } catch {
        // exited meanwhile
      }
      found.push({ pid: child, cmd });
      walk(child);
    }
  };
  walk(pid);
  return found;
}

const isCodex = (p) => /(^|\/)codex(\s|$)|app-server/.test(p.cmd);

/** Optional CPU profile of activation (diagnosis only): writes a .cpuprofile to `file`. */
async function startProfiler(file) {
  if (!file) return undefined;
  const inspector = require("node:inspector");
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 100 });
  await post("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * Waits until the extension host has done its own start-up work (built-in extensions such as git
 * activating), so that work does not run inside the measured window: at least a second, then
 * until four 50 ms timers in a row fire on time (at most 10 s).
 */
async function settle() {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(1000);
  const deadline = performance.now() + 10_000;
  for (let quiet = 0; quiet < 4 && performance.now() < deadline;) {
    const started = performance.now();
    await sleep(50);
    quiet = performance.now() - started < 55 ? quiet + 1 : 0;
  }
}

exports.run = async function run() {
  const result = { extensionId: EXTENSION_ID };
  try {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    result.found = Boolean(extension);
    if (extension) {
      result.wasActive = extension.isActive;
      await settle();
      // The host bundle's V8 code cache (extension/codeCache.ts), written after an activation:
      // the bench's first extension host has none, the next ones find the one it wrote.
      result.codeCacheBefore = readdirSync(`${extension.extensionPath}/dist`).some((name) =>
        name.endsWith(".cache"),
      );
      const profiler = await startProfiler(process.env.BENCH_ACTIVATION_PROFILE);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      await extension.activate();
      result.activateMs = performance.now() - started;
      // The host's CPU time in the same window: what activation costs, whatever else the machine
      // runs meanwhile (the wall time above grows with the load of other processes).
      const cpu = process.cpuUsage(cpuBefore);
      result.activateCpuMs = (cpu.user + cpu.system) / 1000;
      if (profiler) await profiler.stop();
      result.codexRightAfter = descendants(process.pid).filter(isCodex);
      // How much of that is evaluating the bundle: load it again, uncached (file cache warm).
      const main = require.resolve(`${extension.extensionPath}/dist/extension.js`);
      const cached = require.cache[main];
      delete require.cache[main];
      const loadStarted = performance.now();
      require(main);
      result.reloadBundleMs = performance.now() - loadStarted;
      if (cached) require.cache[main] = cached;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      result.codexAfter1500ms = descendants(process.pid).filter(isCodex);
    }
  } catch (error) {
    result.error = String(error && error.stack ? error.stack : error);
  }
  writeFileSync(process.env.BENCH_ACTIVATION_OUT, JSON.stringify(result));
};
