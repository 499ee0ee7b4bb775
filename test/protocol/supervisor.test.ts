/**
 * AppServerSupervisor against the real, pinned codex (model mocked on loopback): lazy start,
 * crash and restart mid-turn with thread resume, a config that makes codex exit at once, a
 * binary that never answers, a child that closes stdout but keeps running, a clean stop, and
 * the filtered environment as the real process sees it.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import { CodexNotFoundError } from "../../extension/appServer/binaryResolver";
import { childEnvironment } from "../../extension/appServer/childEnvironment";
import { AppServerClosedError } from "../../extension/appServer/errors";
import { nativeLaunchSpec, type LaunchSpec } from "../../extension/appServer/launch";
import {
  AppServerStartError,
  AppServerSupervisor,
  type AppServerState,
  type AppServerSupervisorOptions,
} from "../../extension/appServer/supervisor";
import type { Logger } from "../../extension/log";
import {
  codexBinaryPath,
  codexNativeBinaryPath,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type ScratchWorkspace,
} from "../support/codexHome";
import { shellCall, slow, text } from "../support/mockModel/script";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { waitUntil } from "../support/waitUntil";

const FAKE_BINARIES = path.resolve(__dirname, "../support/fakeBinaries");
const SENTINEL = "CODEX_TEST_SENTINEL_SECRET";

function isAlive(pid: number): boolean {
  try {
    return !/\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function environOf(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return new Map(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

/** Live processes whose command line mentions codex (pgrep -f) and that run with `codexHome`. */
function codexProcessesFor(codexHome: string): number[] {
  let out = "";
  try {
    out = execFileSync("pgrep", ["-f", "codex"], { encoding: "utf8" });
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return out
    .split("\n")
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return isAlive(pid) && environOf(pid).get("CODEX_HOME") === codexHome;
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

/** Keeps log lines (printed when a test fails) and counts them by level. */
class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace = (m: string): void => void this.lines.push(`trace ${m}`);
  debug = (m: string): void => void this.lines.push(`debug ${m}`);
  info = (m: string): void => void this.lines.push(`info  ${m}`);
  warn = (m: string): void => void this.lines.push(`warn  ${m}`);
  error = (m: string | Error): void => void this.lines.push(`error ${String(m)}`);
}

describe("AppServerSupervisor (real codex)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;
  let logger: RecordingLogger;
  const supervisors: AppServerSupervisor[] = [];
  const cleanups: Array<() => Promise<void>> = [];

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
  beforeEach(() => {
    logger = new RecordingLogger();
  });
  afterEach(async function () {
    for (const supervisor of supervisors.splice(0)) await supervisor.stop();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    if (this.currentTest?.state === "failed" || process.env.SUPERVISOR_TEST_LOG)
      console.log(logger.lines.slice(-80).join("\n"));
  });

  function envFor(codexHome: string): NodeJS.ProcessEnv {
    return childEnvironment(process.env, { overrides: { CODEX_HOME: codexHome } });
  }

  function makeSupervisor(
    launch: () => LaunchSpec,
    options: Partial<AppServerSupervisorOptions> = {},
  ): { supervisor: AppServerSupervisor; states: AppServerState[]; spawns: number[] } {
    const supervisor = new AppServerSupervisor({
      launch: async () => launch(),
      logger,
      clientInfo: { name: "codex_vscode_test", title: "Supervisor test", version: "0.0.0" },
      backoff: { initialMs: 100, maxMs: 400, factor: 2, jitter: "full" },
      ...options,
    });
    supervisors.push(supervisor);
    const states: AppServerState[] = [];
    const spawns: number[] = [];
    supervisor.onDidChangeState((state) => states.push(state));
    supervisor.onDidSpawn(({ pid }) => spawns.push(pid));
    return { supervisor, states, spawns };
  }

  const native = (): LaunchSpec =>
    nativeLaunchSpec(
      { path: codexNativeBinaryPath(), source: "bundled" },
      envFor(home.dir),
      workspace.dir,
    );

  it("starts nothing until ensureStarted, then becomes ready with serverInfo", async () => {
    let launches = 0;
    const { supervisor, states, spawns } = makeSupervisor(() => {
      launches++;
      return native();
    });
    assert.equal(launches, 0);
    assert.deepEqual(spawns, []);
    assert.equal(supervisor.pid, undefined);
    assert.deepEqual(supervisor.state, { kind: "stopped" });

    // Concurrent callers share one start.
    const [a, b] = await Promise.all([supervisor.ensureStarted(), supervisor.ensureStarted()]);
    assert.equal(a, b);
    assert.equal(launches, 1);
    assert.equal(spawns.length, 1);
    assert.equal(supervisor.state.kind, "ready");
    const ready = supervisor.state as Extract<AppServerState, { kind: "ready" }>;
    assert.match(ready.serverInfo.userAgent, /codex/i);
    assert.equal(ready.serverInfo.codexHome, home.dir);
    assert.deepEqual(
      states.map((s) => s.kind),
      ["starting", "ready"],
    );
    assert.equal(
      await supervisor.ensureStarted(),
      a,
      "a ready supervisor hands out the same client",
    );
  });

  it("survives SIGKILL mid-turn: pending request rejects, restarts, resumes the thread, next turn works", async () => {
    const { supervisor, states, spawns } = makeSupervisor(native);
    const notifications: ServerNotification[] = [];
    supervisor.onNotification((n) => notifications.push(n));
    const connects: number[] = [];
    supervisor.onDidConnect(() => connects.push(supervisor.pid!));

    const client = await supervisor.ensureStarted();
    const { thread } = await client.request("thread/start", { cwd: workspace.dir });
    const tracking = supervisor.trackLoadedThread(thread.id);
    cleanups.push(async () => tracking.dispose());

    model.enqueue(slow("one two three four five six seven eight nine ten", { delayMs: 300 }));
    await client.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "count slowly", text_elements: [] }],
    });
    await waitUntil(
      () => notifications.some((n) => n.method === "item/agentMessage/delta"),
      "the first streamed delta",
      15_000,
    );

    // Freeze codex so the request below is certainly still pending when it dies.
    const firstPid = supervisor.pid!;
    process.kill(firstPid, "SIGSTOP");
    const pending = client.request("thread/read", { threadId: thread.id, includeTurns: false });
    process.kill(firstPid, "SIGKILL");
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof AppServerClosedError, `got ${String(error)}`);
      return true;
    });

    const second = await supervisor.ensureStarted();
    assert.notEqual(second, client);
    assert.equal(spawns.length, 2);
    assert.notEqual(supervisor.pid, firstPid);
    const kinds = states.map((s) => s.kind);
    assert.deepEqual(kinds.slice(kinds.indexOf("restarting") - 1), [
      "ready",
      "restarting",
      "ready",
    ]);
    const restarting = states.find((s) => s.kind === "restarting");
    assert.match(JSON.stringify(restarting), /SIGKILL/);
    assert.deepEqual(connects.length, 2, "onDidConnect fires after the restart too");
    assert.ok(!isAlive(firstPid));

    // The fresh process has the thread loaded only because the supervisor resumed it.
    const loaded = await second.request("thread/loaded/list", {});
    assert.ok(loaded.data.includes(thread.id), `loaded: ${loaded.data.join(", ")}`);

    notifications.length = 0;
    model.enqueue(text("Back again."));
    await second.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "are you there?", text_elements: [] }],
    });
    const completed = await waitUntil(
      () => notifications.find((n) => n.method === "turn/completed"),
      "turn/completed after the restart",
      20_000,
    );
    assert.equal(completed.params.threadId, thread.id);
    assert.equal(completed.params.turn.status, "completed");
  });

  it("goes to failed with codex's config error when it exits at once, without a respawn storm", async () => {
    const broken = await createCodexHome({ modelUrl: model.url, approvalPolicy: "untrusted" });
    cleanups.push(() => broken.dispose());
    const { supervisor, states, spawns } = makeSupervisor(() =>
      nativeLaunchSpec(codexNativeBinaryPath(), envFor(broken.dir), workspace.dir),
    );

    await assert.rejects(supervisor.ensureStarted(), AppServerStartError);
    const failed = supervisor.state;
    assert.equal(failed.kind, "failed");
    assert.ok(failed.kind === "failed");
    assert.match(failed.reason, /exited with code 1 before it was ready/);
    assert.match(failed.reason, /approval_policy = "untrusted" is no longer supported/);
    assert.match(failed.reason, /3 attempts in a row/);
    assert.ok(failed.stderrTail.some((line) => /untrusted/.test(line)));
    assert.equal(spawns.length, 3, "three starts, then it gives up");
    assert.ok(states.filter((s) => s.kind === "restarting").length === 2);

    // Once failed it stays failed: no timer respawns it, and callers get the reason at once.
    await assert.rejects(supervisor.ensureStarted(), /untrusted/);
    await new Promise((resolve) => setTimeout(resolve, 600)); // longer than the max backoff
    assert.equal(spawns.length, 3);
    assert.equal(supervisor.pid, undefined);
  });

  it("keeps server-request handlers, notification listeners and tracked threads across restart()", async () => {
    const asking = await createCodexHome({ modelUrl: model.url, approvalPolicy: "on-request" });
    cleanups.push(() => asking.dispose());
    const { supervisor, states } = makeSupervisor(() =>
      nativeLaunchSpec(codexNativeBinaryPath(), envFor(asking.dir), workspace.dir),
    );
    const approvals: Array<{ pid: number | undefined; command: string | null | undefined }> = [];
    // Registered before anything runs: applied to the first client and to every later one.
    supervisor.handleServerRequest("item/commandExecution/requestApproval", (params) => {
      approvals.push({ pid: supervisor.pid, command: params.command });
      return { decision: "decline" };
    });
    const notifications: ServerNotification[] = [];
    supervisor.onNotification((n) => notifications.push(n));
    const connected: unknown[] = [];
    supervisor.onDidConnect((client) => connected.push(client));

    const first = await supervisor.ensureStarted();
    const { thread } = await first.request("thread/start", { cwd: workspace.dir });
    const tracking = supervisor.trackLoadedThread(thread.id);
    cleanups.push(async () => tracking.dispose());
    // codex writes a thread's rollout with its first turn; before that it cannot be resumed.
    model.enqueue(text("First answer."));
    await first.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "hello", text_elements: [] }],
    });
    await waitUntil(
      () => notifications.find((n) => n.method === "turn/completed"),
      "the first turn to complete",
      20_000,
    );
    notifications.length = 0;
    const firstPid = supervisor.pid;

    const second = await supervisor.restart();
    assert.notEqual(second, first);
    assert.notEqual(supervisor.pid, firstPid);
    assert.deepEqual(connected, [first, second]);
    assert.deepEqual(
      states.map((s) => s.kind),
      ["starting", "ready", "starting", "ready"],
    );

    model.enqueue(shellCall({ cmd: "echo from-the-test" }), text("Declined, fine."));
    await second.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "run it", text_elements: [] }],
    });
    await waitUntil(
      () => notifications.find((n) => n.method === "turn/completed"),
      "turn/completed on the restarted server",
      20_000,
    );
    assert.equal(approvals.length, 1);
    assert.equal(approvals[0]!.pid, supervisor.pid, "answered by the handler on the new client");
    assert.match(approvals[0]!.command ?? "", /echo from-the-test/);
  });

  it("restart() clears the counters after a failure and starts again", async () => {
    let useBrokenHome = true;
    const broken = await createCodexHome({ modelUrl: model.url, approvalPolicy: "untrusted" });
    cleanups.push(() => broken.dispose());
    const { supervisor, spawns } = makeSupervisor(
      () =>
        nativeLaunchSpec(codexNativeBinaryPath(), envFor(useBrokenHome ? broken.dir : home.dir)),
      { maxConsecutiveStartFailures: 1 },
    );
    await assert.rejects(supervisor.ensureStarted(), AppServerStartError);
    assert.equal(spawns.length, 1);

    useBrokenHome = false; // the user fixed config.toml
    const client = await supervisor.restart();
    assert.equal(supervisor.state.kind, "ready");
    assert.ok(client.serverInfo);
  });

  it("fails at once, without retrying, when the binary is missing or cannot be resolved", async () => {
    const missing = makeSupervisor(() =>
      nativeLaunchSpec("/nonexistent/bin/codex", envFor(home.dir)),
    );
    await assert.rejects(missing.supervisor.ensureStarted(), AppServerStartError);
    const state = missing.supervisor.state;
    assert.ok(state.kind === "failed");
    assert.match(state.reason, /\/nonexistent\/bin\/codex does not exist \(ENOENT\)/);
    assert.deepEqual(missing.spawns, []);
    assert.ok(!missing.states.some((s) => s.kind === "restarting"));

    const unresolved = makeSupervisor(() => {
      throw new CodexNotFoundError("Could not find the codex executable.", "notFound", []);
    });
    await assert.rejects(
      unresolved.supervisor.ensureStarted(),
      /Could not find the codex executable/,
    );
    assert.equal(unresolved.supervisor.state.kind, "failed");
  });

  it("kills a binary that never answers initialize and fails with a clear reason", async () => {
    const { supervisor, spawns } = makeSupervisor(
      () => ({
        command: process.execPath,
        args: [path.join(FAKE_BINARIES, "hangs.mjs")],
        env: envFor(home.dir),
        describe: "hanging fake binary",
      }),
      { initializeTimeoutMs: 700, maxConsecutiveStartFailures: 2 },
    );
    await assert.rejects(supervisor.ensureStarted(), AppServerStartError);
    const state = supervisor.state;
    assert.ok(state.kind === "failed");
    assert.match(state.reason, /did not answer initialize within 700 ms/);
    assert.equal(spawns.length, 2);
    for (const pid of spawns) await waitUntil(() => !isAlive(pid), `pid ${pid} to be gone`, 5000);
  });

  it("detects stdout closing while the process keeps running, kills it and restarts", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "supervisor-marker-"));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    const marker = path.join(scratch, "closed-once");
    const { supervisor, states, spawns } = makeSupervisor(() => ({
      command: process.execPath,
      args: [
        path.join(FAKE_BINARIES, "closesStdoutAfterInit.mjs"),
        marker,
        codexNativeBinaryPath(),
        "app-server",
      ],
      env: envFor(home.dir),
      describe: "codex behind a wrapper that closes stdout",
    }));

    await supervisor.ensureStarted();
    const firstPid = spawns[0]!;
    assert.ok(existsSync(marker));
    const restarting = await waitUntil(
      () => states.find((s) => s.kind === "restarting"),
      "the restarting state",
      10_000,
    );
    assert.ok(restarting.kind === "restarting");
    assert.match(restarting.reason, /closed its output but kept running/);
    await waitUntil(
      () => supervisor.state.kind === "ready" && spawns.length === 2,
      "ready again",
      20_000,
    );
    assert.ok(!isAlive(firstPid), "the hung wrapper was killed");
    const client = await supervisor.ensureStarted();
    const loaded = await client.request("thread/loaded/list", {});
    assert.ok(Array.isArray(loaded.data));
  });

  it("stop() leaves no codex process behind (launcher and native child)", async () => {
    // Its own CODEX_HOME: earlier tests SIGKILL codex on purpose, and what such a crash orphans
    // is not what this test is about.
    const ownHome = await createCodexHome({ modelUrl: model.url });
    cleanups.push(() => ownHome.dispose());
    const home = ownHome;
    // The npm launcher is a Node script that spawns the native binary: a real process tree.
    const { supervisor } = makeSupervisor(() =>
      nativeLaunchSpec(
        { path: codexBinaryPath(), source: "path" },
        envFor(home.dir),
        workspace.dir,
      ),
    );
    await supervisor.ensureStarted();
    const pid = supervisor.pid!;
    const before = await waitUntil(
      () => {
        const found = codexProcessesFor(home.dir);
        return found.length >= 2 ? found : undefined;
      },
      "the launcher and the native codex",
      5000,
    );
    assert.ok(before.includes(pid));

    await supervisor.stop();

    assert.deepEqual(supervisor.state, { kind: "stopped" });
    assert.equal(supervisor.pid, undefined);
    assert.ok(!isAlive(pid));
    await waitUntil(
      () => codexProcessesFor(home.dir).length === 0,
      () =>
        "no codex processes; left: " +
        codexProcessesFor(home.dir)
          .map((p) => `${p} ${readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ")}`)
          .join(" | "),
      5000,
    );
    await assert.rejects(supervisor.ensureStarted(), AppServerClosedError);
  });

  it("passes the filtered environment: the real process lacks the sentinel", async () => {
    process.env[SENTINEL] = "do-not-leak";
    cleanups.push(async () => {
      delete process.env[SENTINEL];
    });
    const { supervisor } = makeSupervisor(native);
    await supervisor.ensureStarted();
    const environ = environOf(supervisor.pid!);
    assert.equal(environ.has(SENTINEL), false);
    assert.equal(environ.get("CODEX_HOME"), home.dir);
    assert.equal(environ.get("PATH"), process.env.PATH);
  });
});
