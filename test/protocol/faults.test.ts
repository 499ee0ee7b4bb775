/**
 * App-server faults against the real, pinned codex (directly or behind a wrapper from
 * test/support/fakeBinaries), seen through the supervisor and the bridge's controllers: whatever
 * happens to the process, the draft, the queued follow-ups and the transcript so far stay, a
 * pending approval ends up cancelled (never accepted), and the next action works once codex is
 * back.
 *
 * Faults covered elsewhere (not repeated here):
 * - SIGKILL mid-turn at the supervisor level, with thread resume: supervisor.test.ts
 *   "survives SIGKILL mid-turn".
 * - Broken config.toml at the supervisor level (reason, stderr tail, no respawn storm):
 *   supervisor.test.ts "goes to failed with codex's config error".
 * - Never answers initialize at the supervisor level: supervisor.test.ts "kills a binary that
 *   never answers initialize".
 * - Closes stdout but keeps running: supervisor.test.ts "detects stdout closing while the
 *   process keeps running".
 * - Approval pending when codex dies (cancelled, never accepted, transcript kept): bridge.test.ts
 *   "an approval pending when the app-server dies"; the case below adds the draft, a queued
 *   follow-up and the next turn.
 */
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";

import { nativeLaunchSpec, type LaunchSpec } from "../../extension/appServer/launch";
import {
  AppServerSupervisor,
  type AppServerState,
  type AppServerSupervisorOptions,
} from "../../extension/appServer/supervisor";
import { ChatBridge } from "../../extension/bridge/bridge";
import { CodexConnection } from "../../extension/connection/codexConnection";
import type { ChatViewState } from "../../protocol/webview/viewModel";
import {
  codexNativeBinaryPath,
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type ScratchWorkspace,
} from "../support/codexHome";
import { shellCall, slow, text } from "../support/mockModel/script";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { memoryLogger } from "../support/recordCodexStream";
import { waitForState, lastTurn, pendingApproval, itemsOf } from "../support/bridgeState";
import { waitUntil } from "../support/waitUntil";

const FAKE_BINARIES = path.resolve(__dirname, "../support/fakeBinaries");
const DRAFT = "half-written follow-up that must survive";

const agentText = (state: ChatViewState): string =>
  itemsOf(state, "agentMessage")
    .map((item) => item.text)
    .join("|");
const userTexts = (state: ChatViewState): string[] =>
  itemsOf(state, "userMessage").flatMap((item) =>
    item.content.flatMap((part) => (part.type === "text" ? [part.text] : [])),
  );

/** Kills the app-server's whole process group (wrapper and codex alike), like a crash would. */
function killGroup(pid: number | undefined): void {
  assert.ok(pid, "the app-server runs");
  process.kill(-pid, "SIGKILL");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("app-server faults through the bridge (real codex)", function () {
  this.timeout(60_000);

  let model: MockModel;
  let home: CodexHome;
  let workspace: ScratchWorkspace;
  let log: string[];
  let launch: () => LaunchSpec;
  let supervisor: AppServerSupervisor;
  let bridge: ChatBridge;
  let states: AppServerState[];
  let spawns: number[];
  const scratchFiles: string[] = [];

  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home.dir,
    CODEX_HOME: home.dir,
    LANG: "C.UTF-8",
  });
  const direct = (): LaunchSpec => nativeLaunchSpec(codexNativeBinaryPath(), env());
  const wrapped = (script: string, ...args: string[]): LaunchSpec => ({
    command: process.execPath,
    args: [path.join(FAKE_BINARIES, script), ...args, codexNativeBinaryPath(), "app-server"],
    env: env(),
    describe: `codex app-server behind ${script}`,
  });
  const scratchFile = (name: string): string => {
    const file = path.join(home.dir, `${name}-${process.pid}-${Date.now()}`);
    scratchFiles.push(file);
    return file;
  };

  before(async () => {
    workspace = await scratchWorkspace();
  });
  after(async () => {
    await workspace.dispose();
  });

  /** A supervisor (fast backoff) and a bridge in chat mode, starting nothing yet. */
  async function setUp(options: Partial<AppServerSupervisorOptions> = {}): Promise<void> {
    // A fresh model per test: replies a test queued but never used must not leak into the next.
    model = await startMockModel();
    home = await createCodexHome({
      modelUrl: model.url,
      approvalPolicy: "on-request",
      sandboxMode: "read-only",
    });
    log = [];
    launch = direct;
    states = [];
    spawns = [];
    supervisor = new AppServerSupervisor({
      launch: async () => launch(),
      logger: memoryLogger(log),
      clientInfo: { name: "codex-vscode-faults", title: null, version: "0.0.0" },
      backoff: { initialMs: 100, maxMs: 400, factor: 2, jitter: "none" },
      ...options,
    });
    supervisor.onDidChangeState((state) => states.push(state));
    supervisor.onDidSpawn(({ pid }) => spawns.push(pid));
    bridge = new ChatBridge({
      port: new CodexConnection(supervisor),
      logger: memoryLogger(log),
      cwd: () => workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
    await bridge.models.choose({ mode: "chat" });
    // The webview reports the draft as the user types; the host keeps it for the next hydrate.
    bridge.state.setDraft(DRAFT);
  }

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(log.slice(-60).join("\n"));
    bridge?.dispose();
    await supervisor?.stop();
    for (const pid of spawns) {
      await waitUntil(() => !isAlive(pid), `pid ${pid} to be gone`, 5_000);
    }
    for (const file of scratchFiles.splice(0)) await rm(file, { force: true });
    await home?.dispose();
    await model?.close();
  });

  /** The draft is kept and goes out with the next hydrate (a reloaded view gets it back). */
  function assertDraftKept(): void {
    assert.equal(bridge.state.snapshot.draft, DRAFT);
    assert.equal(bridge.hydrate().draft, DRAFT);
  }

  it("killed before initialize answers: the start is retried and the first send still works", async () => {
    await setUp();
    let killed = 0;
    supervisor.onDidSpawn(({ pid }) => {
      // The first child dies right after spawning, before it can answer `initialize`.
      if (killed++ === 0) process.kill(-pid, "SIGKILL");
    });
    model.enqueue(text("Hello after a rough start."));
    assert.deepEqual(await bridge.threads.send("hello", []), { queued: false });
    const done = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "the first turn to complete",
    );
    assert.equal(agentText(done), "Hello after a rough start.");
    assert.equal(spawns.length, 2);
    const restarting = states.find((s) => s.kind === "restarting");
    assert.ok(restarting?.kind === "restarting");
    assert.match(restarting.reason, /killed by SIGKILL before it was ready/);
    assert.ok(!states.some((s) => s.kind === "failed"));
    assertDraftKept();
  });

  it("killed mid-stream: partial transcript, draft and queued follow-up kept; next send works, queue drains", async () => {
    await setUp();
    model.enqueue(slow("one two three four five six seven eight nine ten", { delayMs: 250 }));
    await bridge.threads.send("count slowly", []);
    const streaming = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "inProgress" && agentText(s).length > 0,
      "the first streamed words",
    );
    const threadId = streaming.thread!.id;
    assert.deepEqual(await bridge.threads.send("queued follow-up", []), { queued: true });

    killGroup(supervisor.pid);
    const after = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "interrupted",
      "the turn to be marked interrupted",
    );
    assert.equal(after.thread?.id, threadId);
    assert.match(agentText(after), /^one/, "the words streamed so far stay");
    assert.deepEqual(
      after.thread?.queued.map((q) => q.text),
      ["queued follow-up"],
    );
    assert.ok(after.notices.some((n) => /interrupted/.test(n.message)));
    assertDraftKept();

    await waitForState(bridge, (s) => s.connection.kind === "ready", "the restart");
    model.enqueue(text("Back after the crash."), text("Answer to the queued one."));
    assert.deepEqual(await bridge.threads.send("are you back?", []), { queued: false });
    const drained = await waitForState(
      bridge,
      (s) =>
        s.thread?.queued.length === 0 &&
        s.thread.turns.length === 3 &&
        lastTurn(s)?.status === "completed",
      "the next turn and the queued follow-up",
    );
    assert.equal(drained.thread?.id, threadId, "the same thread, resumed by the new app-server");
    assert.deepEqual(userTexts(drained), ["count slowly", "are you back?", "queued follow-up"]);
    assert.match(agentText(drained), /Back after the crash\.\|Answer to the queued one\.$/);
    assertDraftKept();
  });

  it("killed while an approval is pending: cancelled, never accepted; draft and queue kept; next turn works", async () => {
    await setUp();
    // Only the tool call: were it ever accepted, codex would ask again and get "Done.".
    model.enqueue(shellCall({ cmd: "echo never-run" }));
    await bridge.threads.send("run something", []);
    const asking = await waitForState(bridge, (s) => !!pendingApproval(s), "an approval");
    const approvalId = pendingApproval(asking)!.id;
    assert.deepEqual(await bridge.threads.send("queued while asking", []), { queued: true });

    killGroup(supervisor.pid);
    const after = await waitForState(
      bridge,
      (s) =>
        s.approvals.find((a) => a.id === approvalId)?.status === "cancelled" &&
        lastTurn(s)?.status === "interrupted",
      "the approval cancelled and the turn interrupted",
    );
    assert.throws(
      () => bridge.approvals.answer(approvalId, { kind: "decision", decision: "accept" }),
      /no longer waiting/,
    );
    assert.deepEqual(
      after.thread?.queued.map((q) => q.text),
      ["queued while asking"],
    );
    assertDraftKept();

    await waitForState(bridge, (s) => s.connection.kind === "ready", "the restart");
    model.enqueue(text("Fresh answer."), text("Queued answer."));
    await bridge.threads.send("next question", []);
    const done = await waitForState(
      bridge,
      (s) =>
        s.thread?.queued.length === 0 &&
        (s.thread?.turns.length ?? 0) === 3 &&
        lastTurn(s)?.status === "completed",
      "the next turn and the queued follow-up",
    );
    assert.ok(
      itemsOf(done, "commandExecution").every((c) => !/never-run/.test(c.aggregatedOutput ?? "")),
      "the command never ran",
    );
    assert.equal(done.approvals.filter((a) => a.status === "pending").length, 0);
    assert.match(agentText(done), /Fresh answer\.\|Queued answer\.$/);
    assertDraftKept();
  });

  it("killed during thread/resume (the restart's resume of the open thread): retried, then the thread goes on", async () => {
    await setUp();
    const marker = scratchFile("die-on-resume");
    launch = () => wrapped("dieOnRequest.mjs", "thread/resume", marker);
    model.enqueue(text("First answer."));
    await bridge.threads.send("first", []);
    const first = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "the first turn",
    );
    const threadId = first.thread!.id;

    // Crash #1: codex dies. The restart resumes the open thread, and dies again in the middle of
    // that `thread/resume` (the wrapper kills itself when it sees the request).
    killGroup(supervisor.pid);
    await waitUntil(() => spawns.length >= 3 && supervisor.state.kind === "ready", "ready again");
    assert.equal(
      (await readFile(marker, "utf8")).length > 0,
      true,
      "the wrapper died during thread/resume",
    );
    const kinds = states.map((s) => s.kind);
    assert.equal(kinds.filter((k) => k === "restarting").length, 2);
    assert.ok(!kinds.includes("failed"));
    const failedStart = states.filter((s) => s.kind === "restarting")[1];
    assert.ok(failedStart?.kind === "restarting");
    assert.match(failedStart.reason, /killed by SIGKILL before it was ready/);

    const kept = bridge.state.snapshot;
    assert.equal(kept.thread?.id, threadId);
    assert.equal(agentText(kept), "First answer.", "the transcript so far stays");
    assertDraftKept();

    model.enqueue(text("Second answer."));
    await bridge.threads.send("second", []);
    const done = await waitForState(
      bridge,
      (s) => (s.thread?.turns.length ?? 0) === 2 && lastTurn(s)?.status === "completed",
      "the second turn",
    );
    assert.equal(done.thread?.id, threadId, "the same thread, resumed by the third app-server");
    assert.equal(agentText(done), "First answer.|Second answer.");
  });

  it("never answers initialize: timeout, failed with the reason on the banner; Restart then works", async () => {
    // Long enough for the real codex after Restart to answer within it even on a busy machine.
    await setUp({ initializeTimeoutMs: 1_500, maxConsecutiveStartFailures: 2 });
    launch = () => ({
      command: process.execPath,
      args: [path.join(FAKE_BINARIES, "hangs.mjs")],
      env: env(),
      describe: "a codex that never answers",
    });
    await assert.rejects(bridge.threads.send("hello?", []), /did not answer initialize within/);
    const failed = await waitForState(
      bridge,
      (s) => s.connection.kind === "failed",
      "the failed banner",
    );
    assert.ok(failed.connection.kind === "failed");
    assert.match(failed.connection.reason, /did not answer initialize within 1.5 s/);
    assert.equal(spawns.length, 2);
    assertDraftKept();

    launch = direct; // the user fixed the setting and presses Restart
    await supervisor.restart();
    model.enqueue(text("Now I answer."));
    await bridge.threads.send("hello again", []);
    const done = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "a turn after the restart",
    );
    assert.equal(agentText(done), "Now I answer.");
  });

  it("exits at once on a broken config.toml: the banner shows codex's config error; after a fix, Restart works", async () => {
    await setUp({ maxConsecutiveStartFailures: 2 });
    const good = await readFile(home.configPath, "utf8");
    await writeFile(
      home.configPath,
      good.replace(/^approval_policy = .*$/m, 'approval_policy = "untrusted"'),
    );
    await assert.rejects(bridge.threads.send("hello?", []), /untrusted/);
    const failed = await waitForState(
      bridge,
      (s) => s.connection.kind === "failed",
      "the failed banner",
    );
    assert.ok(failed.connection.kind === "failed");
    assert.match(failed.connection.reason, /exited with code 1 before it was ready/);
    assert.match(failed.connection.reason, /approval_policy = "untrusted" is no longer supported/);
    assert.ok(failed.connection.details.some((line) => /untrusted/.test(line)));
    assertDraftKept();

    await writeFile(home.configPath, good);
    await supervisor.restart();
    model.enqueue(text("Config fixed."));
    await bridge.threads.send("hello again", []);
    const done = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "a turn after the restart",
    );
    assert.equal(agentText(done), "Config fixed.");
  });

  it("answers -32001 (overloaded) several times: retried with backoff, then a busy error, then it works", async () => {
    await setUp();
    // 7 overloads: the first send's 5 attempts all get -32001 (the client gives up and the user
    // sees "busy"), the second send gets 2 more and then codex answers.
    launch = () => wrapped("overloadFirst.mjs", "thread/start", "7");
    await assert.rejects(bridge.threads.send("hello", []), /Codex is busy; try again in a moment/);
    assert.equal(bridge.state.snapshot.thread, null);
    assert.equal(supervisor.state.kind, "ready", "an overloaded codex is not restarted");

    model.enqueue(text("Not busy any more."));
    assert.deepEqual(await bridge.threads.send("hello", []), { queued: false });
    const done = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "the turn after the overloads",
    );
    assert.equal(agentText(done), "Not busy any more.");
    assert.equal(log.filter((line) => /overload wrapper: -32001/.test(line)).length, 7);
    assert.equal(spawns.length, 1);
    assertDraftKept();
  });

  it("crashes ten times within a minute: stops restarting, explains, and Restart starts it again", async () => {
    await setUp({ maxFailuresInWindow: 10 });
    const counter = scratchFile("crash-count");
    launch = () => wrapped("crashAfterInit.mjs", counter, "10");
    await supervisor.ensureStarted().catch(() => undefined);
    const failed = await waitForState(
      bridge,
      (s) => s.connection.kind === "failed",
      "the supervisor to give up",
      45_000,
    );
    assert.ok(failed.connection.kind === "failed");
    assert.match(failed.connection.reason, /failed 10 times within 60 s; not restarting it again/);
    assert.match(failed.connection.reason, /exited with code 3/);
    assert.equal(spawns.length, 10);
    assert.equal(states.filter((s) => s.kind === "ready").length, 10, "each start got ready");
    assert.equal(supervisor.pid, undefined, "nothing left running");
    assertDraftKept();
    // Once failed it stays failed until the user acts (no timer respawns it).
    await new Promise((resolve) => setTimeout(resolve, 500)); // longer than the max backoff
    assert.equal(spawns.length, 10);

    // The banner's Restart (`appServer/restart`): counters reset, the 11th run is healthy.
    await supervisor.restart();
    model.enqueue(text("Stable now."));
    await bridge.threads.send("hello", []);
    const done = await waitForState(
      bridge,
      (s) => lastTurn(s)?.status === "completed",
      "a turn after Restart",
    );
    assert.equal(agentText(done), "Stable now.");
  });
});
