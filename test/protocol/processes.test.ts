/**
 * Nothing outlives the extension: after the supervisor's stop (the deactivate path) and after a
 * simulated window reload (everything the bridge and supervisor created disposed, then created
 * again), no codex process runs with the test's CODEX_HOME (counted through /proc), and no
 * listener, socket, child or timer keeps Node alive.
 *
 * Two views of the same guarantee:
 * - in a child Node process running the scenario: it must exit on its own within a deadline
 *   (no process.exit anywhere), having left no codex process;
 * - in this process: the active resources (process.getActiveResourcesInfo()) return to the
 *   baseline taken before the scenario.
 *
 * Covered elsewhere: supervisor.test.ts "stop() leaves no codex process behind (launcher and
 * native child)".
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

import { nativeLaunchSpec } from "../../extension/appServer/launch";
import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import { ChatBridge } from "../../extension/bridge/bridge";
import { CodexConnection } from "../../extension/connection/codexConnection";
import { codexBinaryPath, createCodexHome, scratchWorkspace } from "../support/codexHome";
import type { CodexHome, ScratchWorkspace } from "../support/codexHome";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { memoryLogger } from "../support/recordCodexStream";
import { waitUntil } from "../support/waitUntil";

const REPO = path.resolve(__dirname, "../..");

/** PIDs of live (non-zombie) processes whose environment has CODEX_HOME=`codexHome`. */
function codexProcessesWithHome(codexHome: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (/\)\s+Z/.test(readFileSync(`/proc/${entry}/stat`, "utf8"))) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`CODEX_HOME=${codexHome}`)) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * The scenario, as plain CommonJS for `node --import tsx -e`: two "windows" in a row, each
 * creating a supervisor (the npm launcher, so codex is a process tree) and a bridge, running one
 * turn, then tearing down as deactivate does. It never calls process.exit: it must end by itself.
 */
function scenarioScript(codexHome: string, cwd: string): string {
  const at = (file: string) => JSON.stringify(path.join(REPO, file));
  return `
const { AppServerSupervisor } = require(${at("extension/appServer/supervisor.ts")});
const { nativeLaunchSpec } = require(${at("extension/appServer/launch.ts")});
const { ChatBridge } = require(${at("extension/bridge/bridge.ts")});
const { CodexConnection } = require(${at("extension/connection/codexConnection.ts")});
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error(m) { console.error(String(m)); } };
const env = { PATH: process.env.PATH, HOME: ${JSON.stringify(codexHome)}, CODEX_HOME: ${JSON.stringify(codexHome)}, LANG: "C.UTF-8" };
function turnDone(bridge) {
  return new Promise((resolve) => {
    const check = () => {
      if (bridge.state.snapshot.thread?.turns.at(-1)?.status !== "completed") return;
      subscription.dispose();
      resolve();
    };
    const subscription = bridge.state.onDidChange(check);
  });
}
(async () => {
  for (const window of ["first window", "reloaded window"]) {
    const supervisor = new AppServerSupervisor({
      launch: async () => nativeLaunchSpec({ path: ${JSON.stringify(codexBinaryPath())}, source: "path" }, env, ${JSON.stringify(cwd)}),
      logger: quiet,
      clientInfo: { name: "codex-vscode-processes", title: null, version: "0.0.0" },
    });
    const bridge = new ChatBridge({
      port: new CodexConnection(supervisor),
      logger: quiet,
      cwd: () => ${JSON.stringify(cwd)},
      openExternal: async () => false,
      confirmFullAccess: async () => true,
    });
    const done = turnDone(bridge);
    await bridge.threads.send("hello from the " + window, []);
    await done;
    console.log("PIDS " + supervisor.pid);
    // Window closing: views and bridge disposed, then deactivate() awaits supervisor.stop().
    bridge.dispose();
    await supervisor.stop();
  }
  console.log("TORN DOWN " + JSON.stringify(process.getActiveResourcesInfo()));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

describe("processes: nothing outlives deactivate or a window reload (real codex)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;

  before(async () => {
    model = await startMockModel();
    home = await createCodexHome({ modelUrl: model.url });
    workspace = await scratchWorkspace();
  });
  after(async () => {
    await model.close();
    await home.dispose();
    await workspace.dispose();
  });

  it("a Node process that runs, reloads and deactivates exits on its own, leaving no codex", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "-e", scenarioScript(home.dir, workspace.dir)],
      { cwd: REPO, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    // Both windows ran a turn; then the process must end by itself soon after tearing down.
    await waitUntil(
      () => /TORN DOWN/.test(stdout) || child.exitCode !== null,
      "the teardown",
      45_000,
    );
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    const { code, signal } = await exited;
    clearTimeout(timer);
    const details = `stdout:\n${stdout}\nstderr:\n${stderr.slice(-3_000)}`;
    assert.equal(signal, null, `still alive 5 s after teardown (killed). ${details}`);
    assert.equal(code, 0, details);
    assert.equal((stdout.match(/^PIDS \d+$/gm) ?? []).length, 2, details);
    assert.equal(model.requests.length, 2, "one turn per window");
    await waitUntil(
      () => codexProcessesWithHome(home.dir).length === 0,
      "no codex process with the test's CODEX_HOME",
      5_000,
    );
  });

  it("in this process, active resources return to the baseline after stop and after a reload", async () => {
    const kinds = (): string[] => process.getActiveResourcesInfo().slice().sort();
    // Let anything left from the previous test settle before the baseline.
    await new Promise((resolve) => setImmediate(resolve));
    const baseline = kinds();
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home.dir,
      CODEX_HOME: home.dir,
      LANG: "C.UTF-8",
    };
    const log: string[] = [];
    for (const window of ["first window", "reloaded window"]) {
      const supervisor = new AppServerSupervisor({
        launch: async () => nativeLaunchSpec(codexBinaryPath(), env, workspace.dir),
        logger: memoryLogger(log),
        clientInfo: { name: "codex-vscode-processes", title: null, version: "0.0.0" },
      });
      const bridge = new ChatBridge({
        port: new CodexConnection(supervisor),
        logger: memoryLogger(log),
        cwd: () => workspace.dir,
        openExternal: async () => false,
        confirmFullAccess: async () => true,
      });
      await bridge.threads.send(`hello from the ${window}`, []);
      await waitUntil(
        () => bridge.state.snapshot.thread?.turns.at(-1)?.status === "completed",
        `the turn in the ${window}`,
        20_000,
      );
      assert.ok(codexProcessesWithHome(home.dir).length >= 1, "codex runs");
      bridge.dispose();
      await supervisor.stop();
      assert.deepEqual(codexProcessesWithHome(home.dir), [], `no codex after the ${window}`);
    }
    // Sockets and pipes close a moment after the processes are gone.
    await waitUntil(
      () => JSON.stringify(kinds()) === JSON.stringify(baseline),
      `active resources back to ${JSON.stringify(baseline)} (now ${JSON.stringify(kinds())})`,
      5_000,
    );
  });
});
