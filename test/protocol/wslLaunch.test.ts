/**
 * The supervisor driving the real, pinned codex through the WSL code path: the launcher is told
 * it runs on Windows (`platform: "win32"`) and spawns test/support/fakeWsl/wsl.exe for real,
 * which answers detection in UTF-16LE and execs codex on this Linux machine (mapping the bundled
 * `/mnt/c/.../bin/linux-<arch>/codex` path to the pinned binary). The model is the mock.
 *
 * The workspace is a Linux temp dir that the "Windows" host knows as
 * `\\wsl.localhost\Ubuntu\tmp\...`, so paths in items must come back in that form.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { nodeResolverHost } from "../../extension/appServer/binaryResolver";
import { AppServerSupervisor } from "../../extension/appServer/supervisor";
import type { Logger } from "../../extension/log";
import {
  createLaunchSpecFactory,
  nodeWslExec,
  type CodexLauncher,
  type LaunchNotice,
} from "../../extension/wsl";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ThreadItem } from "../../protocol/codex/v2/ThreadItem";
import {
  codexNativeBinaryPath,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type ScratchWorkspace,
} from "../support/codexHome";
import { addFilePatch, applyPatch, shellCall, text } from "../support/mockModel/script";
import { startMockModel, type MockModel } from "../support/mockModel/server";

const FAKE_WSL = path.resolve(__dirname, "../support/fakeWsl/wsl.exe");
const EXT = "C:\\Users\\dev\\.vscode\\extensions\\codex-oss.codex-vscode-0.1.0";
const ARCH = process.arch === "arm64" ? "arm64" : "x64";
const BUNDLED_WIN = `${EXT}\\bin\\linux-${ARCH}\\codex`;
const BUNDLED_LINUX = `/mnt/c/Users/dev/.vscode/extensions/codex-oss.codex-vscode-0.1.0/bin/linux-${ARCH}/codex`;
const WINDOWS_CODEX_HOME = "C:\\Users\\dev\\.codex";

class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace = (m: string): void => void this.lines.push(`trace ${m}`);
  debug = (m: string): void => void this.lines.push(`debug ${m}`);
  info = (m: string): void => void this.lines.push(`info  ${m}`);
  warn = (m: string): void => void this.lines.push(`warn  ${m}`);
  error = (m: string | Error): void => void this.lines.push(`error ${String(m)}`);
}

/** `\\wsl.localhost\Ubuntu\tmp\x` for `/tmp/x`: how the Windows host names a Linux folder. */
function uncFor(linuxPath: string): string {
  return `\\\\wsl.localhost\\Ubuntu${linuxPath.split("/").join("\\")}`;
}

function isAlive(pid: number): boolean {
  try {
    return !/\)\s+Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function environOf(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return new Map(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
}

describe("WSL launch through a fake wsl.exe (real codex, mock model)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;
  let scratch: string;
  let logger: RecordingLogger;
  /** Where the fake wsl.exe records each invocation's argv (one file per test). */
  let argvLog: string;
  let testIndex = 0;
  const supervisors: AppServerSupervisor[] = [];

  before(async () => {
    model = await startMockModel();
    scratch = await mkdtemp(path.join(tmpdir(), "codex-fakewsl-"));
  });
  after(async () => {
    await model.close();
    await rm(scratch, { recursive: true, force: true });
  });
  beforeEach(async () => {
    logger = new RecordingLogger();
    argvLog = path.join(scratch, `argv-${++testIndex}.jsonl`);
    home = await createCodexHome({ modelUrl: model.url, approvalPolicy: "on-request" });
    workspace = await scratchWorkspace();
  });
  afterEach(async function () {
    for (const supervisor of supervisors.splice(0)) await supervisor.stop();
    await home.dispose();
    await workspace.dispose();
    if (this.currentTest?.state === "failed") console.log(logger.lines.slice(-60).join("\n"));
  });

  const FAKE_WSL_KNOBS = [
    "WSL_FAKE_MODE",
    "WSL_FAKE_DISTROS",
    "WSL_FAKE_PATH_MAP",
    "WSL_FAKE_HOME",
    "WSL_FAKE_LOG",
  ];

  /** The host environment of a pretend Windows machine, plus the fake's knobs. */
  function windowsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      SystemRoot: "C:\\Windows",
      USERPROFILE: "C:\\Users\\dev",
      OPENAI_API_KEY: "sk-wsl-test",
      CODEX_HOME: WINDOWS_CODEX_HOME,
      WSL_FAKE_PATH_MAP: JSON.stringify({ [BUNDLED_LINUX]: codexNativeBinaryPath() }),
      WSL_FAKE_HOME: home.dir,
      WSL_FAKE_LOG: argvLog,
      ...extra,
    };
  }

  function start(
    env: NodeJS.ProcessEnv,
    notices: LaunchNotice[] = [],
  ): { launcher: CodexLauncher; supervisor: AppServerSupervisor } {
    const launcher = createLaunchSpecFactory({
      settings: () => ({ runCodexInWsl: true, wslDistribution: "", cliExecutable: "" }),
      extensionPath: EXT,
      logger,
      notify: (notice) => notices.push(notice),
      platform: "win32",
      env,
      exec: nodeWslExec,
      wslCommand: FAKE_WSL,
      fileExists: (p) => p === BUNDLED_WIN,
      workspaceFolder: () => uncFor(workspace.dir),
      // The fake wsl.exe's knobs must reach it through the child environment's allow-list.
      extraAllowedEnv: FAKE_WSL_KNOBS,
      // codex-home helpers refuse the OS temp dir; the Linux home codex would use otherwise is ~.
      linuxCodexHome: home.dir,
      // The native fallback runs on this Linux machine: codex is found on PATH.
      resolverHost: {
        ...nodeResolverHost(),
        env: { PATH: path.dirname(codexNativeBinaryPath()) },
      },
    });
    const supervisor = new AppServerSupervisor({
      launch: launcher.launch,
      logger,
      clientInfo: { name: "codex_vscode_test", title: "WSL test", version: "0.0.0" },
    });
    supervisors.push(supervisor);
    return { launcher, supervisor };
  }

  function collect(supervisor: AppServerSupervisor): {
    notifications: ServerNotification[];
    waitFor: <M extends ServerNotification["method"]>(
      method: M,
      predicate?: (n: Extract<ServerNotification, { method: M }>) => boolean,
    ) => Promise<Extract<ServerNotification, { method: M }>>;
  } {
    const notifications: ServerNotification[] = [];
    const wakers = new Set<() => void>();
    supervisor.onNotification((n) => {
      notifications.push(n);
      for (const wake of [...wakers]) wake();
    });
    return {
      notifications,
      waitFor(method, predicate) {
        type N = Extract<ServerNotification, { method: typeof method }>;
        const match = (n: ServerNotification): n is N =>
          n.method === method && (!predicate || predicate(n as N));
        return new Promise<N>((resolve, reject) => {
          const timer = setTimeout(() => {
            wakers.delete(check);
            reject(new Error(`no ${method}; got ${notifications.map((n) => n.method).join(", ")}`));
          }, 30_000);
          function check(): void {
            const hit = notifications.find(match);
            if (!hit) return;
            clearTimeout(timer);
            wakers.delete(check);
            resolve(hit);
          }
          wakers.add(check);
          check();
        });
      },
    };
  }

  it("starts codex through wsl.exe and streams a turn; env and cwd are the Linux ones", async () => {
    const { launcher, supervisor } = start(windowsEnv());
    const events = collect(supervisor);
    const client = await supervisor.ensureStarted();

    // The argument contract as wsl.exe received it.
    const calls = readFileSync(argvLog, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[]);
    assert.deepEqual(calls[0], ["--list", "--verbose"]);
    assert.deepEqual(calls[1]!.slice(0, 7), [
      "-d",
      "Ubuntu",
      "--cd",
      "~",
      "--exec",
      "/bin/sh",
      "-lc",
    ]);
    const launch = calls.at(-1)!;
    assert.deepEqual(launch.slice(0, 6), [
      "-d",
      "Ubuntu",
      "--cd",
      workspace.dir,
      "--exec",
      "/usr/bin/env",
    ]);
    assert.deepEqual(launch.slice(-2), [BUNDLED_LINUX, "app-server"]);
    assert.equal(launcher.target?.kind, "wsl");

    // The codex process: started by the fake under the Linux environment WSLENV allowed in.
    const fakePid = supervisor.pid!;
    const codexPid = childrenOf(fakePid)[0]!;
    assert.ok(codexPid, "codex runs as the child of wsl.exe");
    const env = environOf(codexPid);
    assert.equal(env.get("CODEX_HOME"), home.dir);
    assert.equal(env.get("OPENAI_API_KEY"), "sk-wsl-test");
    assert.equal(env.get("WSL_DISTRO_NAME"), "Ubuntu");
    assert.ok(
      ![...env.values()].some((v) => v.includes(WINDOWS_CODEX_HOME)),
      "no Windows CODEX_HOME",
    );
    assert.ok(!env.has("USERPROFILE") && !env.has("SystemRoot"), "Windows-only variables stay out");
    assert.equal(readlinkSync(`/proc/${codexPid}/cwd`), workspace.dir, "--cd took effect");

    // A turn streams.
    const cwd = launcher.paths.toServer(uncFor(workspace.dir));
    assert.equal(cwd, workspace.dir);
    const { thread } = await client.request("thread/start", { cwd: cwd! });
    model.enqueue(text("Hello from inside WSL.", { chunks: 3 }));
    const { turn } = await client.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "hi", text_elements: [] }],
    });
    const completed = await events.waitFor("turn/completed", (n) => n.params.turn.id === turn.id);
    assert.equal(completed.params.turn.status, "completed");
    const deltas = events.notifications.filter(
      (n): n is Extract<ServerNotification, { method: "item/agentMessage/delta" }> =>
        n.method === "item/agentMessage/delta" && n.params.turnId === turn.id,
    );
    assert.equal(deltas.length, 3);
    assert.equal(deltas.map((d) => d.params.delta).join(""), "Hello from inside WSL.");

    // Stopping ends wsl.exe and codex with it.
    await supervisor.stop();
    assert.ok(!isAlive(fakePid) && !isAlive(codexPid), "no process left behind");
  });

  it("a command approval arrives; the command's cwd maps back to the Windows UNC path", async () => {
    const { launcher, supervisor } = start(windowsEnv());
    const events = collect(supervisor);
    const approvals: Array<{ cwd: string | null | undefined; itemId: string }> = [];
    supervisor.handleServerRequest("item/commandExecution/requestApproval", (params) => {
      approvals.push({ cwd: params.cwd, itemId: params.itemId });
      return { decision: "accept" };
    });
    const client = await supervisor.ensureStarted();
    const { thread } = await client.request("thread/start", {
      cwd: launcher.paths.toServer(uncFor(workspace.dir))!,
    });
    model.enqueue(
      shellCall({ cmd: "echo wsl > out.txt", callId: "call_wsl_cmd" }),
      text("Ran it."),
    );
    await client.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "run it", text_elements: [] }],
    });
    const done = await events.waitFor(
      "item/completed",
      (n) => n.params.item.type === "commandExecution",
    );
    await events.waitFor("turn/completed");

    assert.equal(approvals.length, 1);
    assert.equal(approvals[0]!.itemId, "call_wsl_cmd");
    assert.equal(approvals[0]!.cwd, workspace.dir);
    const item = launcher.paths.itemToHost(done.params.item);
    assert.ok(item.type === "commandExecution");
    assert.equal(item.status, "completed");
    assert.equal(item.cwd, uncFor(workspace.dir));
    assert.equal(readFileSync(path.join(workspace.dir, "out.txt"), "utf8"), "wsl\n");
  });

  it("a file change's path comes back as a \\\\wsl.localhost path the editor can open", async () => {
    const { launcher, supervisor } = start(windowsEnv());
    const events = collect(supervisor);
    supervisor.handleServerRequest("item/fileChange/requestApproval", () => ({
      decision: "accept",
    }));
    const client = await supervisor.ensureStarted();
    const { thread } = await client.request("thread/start", {
      cwd: launcher.paths.toServer(uncFor(workspace.dir))!,
    });
    model.enqueue(applyPatch(addFilePatch("hello wsl.txt", "hello\nworld\n")), text("Added."));
    await client.request("turn/start", {
      threadId: thread.id,
      input: [{ type: "text", text: "add a file", text_elements: [] }],
    });
    const done = await events.waitFor("item/completed", (n) => n.params.item.type === "fileChange");
    await events.waitFor("turn/completed");

    const raw = done.params.item as Extract<ThreadItem, { type: "fileChange" }>;
    assert.equal(raw.changes[0]!.path, path.join(workspace.dir, "hello wsl.txt"));
    const item = launcher.paths.itemToHost(done.params.item);
    assert.ok(item.type === "fileChange");
    assert.equal(item.status, "completed");
    assert.equal(item.changes[0]!.path, `${uncFor(workspace.dir)}\\hello wsl.txt`);
    assert.equal(readFileSync(path.join(workspace.dir, "hello wsl.txt"), "utf8"), "hello\nworld\n");
  });

  for (const mode of ["wsl1", "notInstalled"] as const) {
    it(`WSL_FAKE_MODE=${mode}: says why and runs codex natively`, async () => {
      const notices: LaunchNotice[] = [];
      // Natively, the host's CODEX_HOME is used as is; here "Windows" is this Linux machine.
      const env = windowsEnv({ WSL_FAKE_MODE: mode, CODEX_HOME: home.dir });
      const { launcher, supervisor } = start(env, notices);
      await supervisor.ensureStarted();
      assert.equal(launcher.target?.kind, "native");
      assert.equal(launcher.paths.kind, "native");
      assert.equal(notices.length, 1);
      assert.match(
        notices[0]!.message,
        mode === "wsl1"
          ? /instead of in WSL: .*runs WSL 1.*WSL 2/
          : /instead of in WSL: .*not installed/,
      );
      assert.ok(existsSync(`/proc/${supervisor.pid}`));
      assert.equal(readlinkSync(`/proc/${supervisor.pid}/exe`), codexNativeBinaryPath());
    });
  }
});
