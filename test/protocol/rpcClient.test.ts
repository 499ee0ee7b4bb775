/**
 * AppServerRpcClient against the REAL pinned `codex app-server`, with the model mocked on
 * loopback (test/support/mockModel). Nothing here fakes codex.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";

import { AppServerRpcError, RequestTimeoutError } from "../../extension/appServer/errors";
import { LONG_RUNNING_METHODS } from "../../extension/appServer/rpcClient";
import { CodexConnection, type AppServerBelow } from "../../extension/connection/codexConnection";
import { UnsupportedMethodError } from "../../extension/connection/unsupportedMethods";
import type { TurnStatus } from "../../protocol/codex/v2/TurnStatus";
import {
  agentText,
  killAllCodex,
  spawnCodex,
  type CodexSession,
} from "../support/appServerHarness";
import {
  createCodexHome,
  scratchWorkspace,
  type CodexHome,
  type CodexHomeOptions,
  type ScratchWorkspace,
} from "../support/codexHome";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import {
  addFilePatch,
  applyPatch,
  shellCall,
  slow,
  text,
  userTexts,
} from "../support/mockModel/script";

const NOISY_CODEX = path.resolve(__dirname, "../support/noisyCodex.mjs");

describe("AppServerRpcClient with the real codex app-server", function () {
  this.timeout(60_000);
  let model: MockModel;
  let home: CodexHome;
  let ws: ScratchWorkspace;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    model = await startMockModel();
    ws = await scratchWorkspace();
    cleanups.push(
      () => model.close(),
      () => ws.dispose(),
    );
  });

  afterEach(async () => {
    await killAllCodex();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function makeHome(options: Omit<CodexHomeOptions, "modelUrl"> = {}): Promise<CodexHome> {
    home = await createCodexHome({ modelUrl: model.url, ...options });
    cleanups.push(() => home.dispose());
    return home;
  }

  async function startThread(s: CodexSession): Promise<string> {
    const { thread } = await s.client.request("thread/start", { cwd: ws.dir });
    return thread.id;
  }

  /** Starts a turn; resolves when it completes, with its final status and streamed text. */
  async function runTurn(s: CodexSession, threadId: string, prompt: string) {
    const { turn } = await s.client.request("turn/start", {
      threadId,
      input: [{ type: "text", text: prompt, text_elements: [] }],
    });
    const completed = await s.waitFor("turn/completed", (n) => n.params.turn.id === turn.id);
    return {
      turnId: turn.id,
      startStatus: turn.status,
      status: completed.params.turn.status as TurnStatus,
      text: agentText(s.notifications, turn.id),
    };
  }

  it("initialize returns userAgent, codexHome and platformOs", async () => {
    await makeHome();
    const s = await spawnCodex({ codexHome: home.dir });
    const info = s.client.serverInfo;
    assert.ok(info);
    assert.match(info.userAgent, /^codex_vscode_tests\/\d+\.\d+\.\d+/);
    assert.equal(info.codexHome, home.dir);
    const os = { linux: "linux", darwin: "macos", win32: "windows" }[process.platform as string];
    assert.equal(info.platformOs, os);
    assert.equal(info.platformFamily, process.platform === "win32" ? "windows" : "unix");
  });

  it("an unknown method rejects with AppServerRpcError -32600 and the connection goes on", async () => {
    await makeHome();
    const s = await spawnCodex({ codexHome: home.dir });
    await assert.rejects(s.client.request("no/such/method" as "thread/list", {}), (e: unknown) => {
      assert.ok(e instanceof AppServerRpcError);
      assert.equal(e.code, -32600);
      assert.match(e.message, /unknown variant/);
      return true;
    });
    // Methods without params are sent without a `params` member, which codex accepts.
    const requirements = await s.client.request("configRequirements/read", undefined);
    assert.ok(requirements !== undefined);
    assert.equal(s.client.isClosed, false);
  });

  it("through the connection an unknown method is a missing feature (remembered), a bad param value is not", async () => {
    await makeHome();
    const s = await spawnCodex({ codexHome: home.dir });
    const none = { dispose: () => undefined };
    const connection = new CodexConnection({
      request: s.client.request.bind(s.client),
      onNotification: () => none,
      onDidConnect: () => none,
    } as unknown as AppServerBelow);
    const missing = "no/such/method" as "thread/list";
    await assert.rejects(connection.request(missing, {}), (e: unknown) => {
      assert.ok(e instanceof UnsupportedMethodError, String(e));
      assert.equal(e.method, "no/such/method");
      assert.match(e.message, /npm i -g @openai\/codex@latest/);
      return true;
    });
    assert.deepEqual(connection.unsupported.list(), ["no/such/method"]);
    // An unknown value inside known method's params stays an RPC error.
    await assert.rejects(
      connection.request("account/login/start", { type: "noSuchLogin" } as never),
      (e: unknown) => e instanceof AppServerRpcError && !(e instanceof UnsupportedMethodError),
    );
    assert.deepEqual(connection.unsupported.list(), ["no/such/method"]);
    connection.dispose();
  });

  it("thread/start + turn/start stream item/agentMessage/delta up to turn/completed", async () => {
    await makeHome();
    model.enqueue(text("Hello from the mock model", { chunks: 5 }));
    const s = await spawnCodex({ codexHome: home.dir });
    const threadId = await startThread(s);
    const turn = await runTurn(s, threadId, "Say hello");
    // turn/start answers at once with the running turn; the turn ends by notification.
    assert.equal(turn.startStatus, "inProgress");
    assert.equal(turn.status, "completed");
    assert.equal(turn.text, "Hello from the mock model");
    const methods = s.notifications.map((n) => n.method);
    const deltas = methods.filter((m) => m === "item/agentMessage/delta").length;
    assert.equal(deltas, 5);
    assert.ok(methods.indexOf("turn/started") < methods.indexOf("item/agentMessage/delta"));
    assert.ok(methods.lastIndexOf("item/agentMessage/delta") < methods.indexOf("turn/completed"));
    // codex prepends an <environment_context> message; the prompt is the last user text.
    assert.equal(userTexts(model.requests[0]!).at(-1), "Say hello");
  });

  it("command/exec answers only when the process exits (a long method: no default timeout)", async () => {
    await makeHome();
    const s = await spawnCodex({ codexHome: home.dir, client: { defaultTimeoutMs: 300 } });
    // No default timeout: the command waits for a file the test writes only after a request
    // sent later, with an explicit timeout as long as the default, has timed out (timers fire
    // in order of expiry, so a default timer on the first request would have fired first).
    const go = path.join(ws.dir, "go");
    const long = s.client.request("command/exec", {
      command: ["sh", "-c", `while [ ! -e ${go} ]; do sleep 0.05; done; echo done`],
      cwd: ws.dir,
    });
    // An explicit timeout still applies: the client stops waiting, codex's late answer is dropped.
    await assert.rejects(
      s.client.request(
        "command/exec",
        { command: ["sleep", "1"], cwd: ws.dir },
        { timeoutMs: 300 },
      ),
      (e: unknown) => e instanceof RequestTimeoutError && e.method === "command/exec",
    );
    await writeFile(go, "");
    const result = await long;
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /done/);
    assert.ok(LONG_RUNNING_METHODS.includes("command/exec"));
    // The timed-out request's late answer has arrived by now and broke nothing.
    await s.client.request("thread/list", {});
    assert.equal(s.client.isClosed, false);
  });

  describe("approvals (approval_policy on-request, read-only sandbox)", () => {
    it("a command approval reaches the handler; accept runs the command, decline does not", async () => {
      await makeHome({ approvalPolicy: "on-request", sandboxMode: "read-only" });
      const s = await spawnCodex({ codexHome: home.dir });
      const asked: string[] = [];
      let decision: "accept" | "decline" = "accept";
      s.client.handleServerRequest("item/commandExecution/requestApproval", (params) => {
        asked.push(params.command ?? "");
        return { decision };
      });
      const threadId = await startThread(s);

      model.enqueue(shellCall({ cmd: "touch accepted.txt" }), text("ran it"));
      const accepted = await runTurn(s, threadId, "create accepted.txt");
      assert.equal(accepted.status, "completed");
      assert.equal(existsSync(path.join(ws.dir, "accepted.txt")), true, "accepted command ran");

      decision = "decline";
      model.enqueue(shellCall({ cmd: "touch declined.txt" }), text("did not run it"));
      const declined = await runTurn(s, threadId, "create declined.txt");
      assert.equal(declined.status, "completed");
      assert.equal(
        existsSync(path.join(ws.dir, "declined.txt")),
        false,
        "declined command did not run",
      );

      assert.equal(asked.length, 2);
      assert.match(asked[0]!, /accepted\.txt/);
      assert.match(asked[1]!, /declined\.txt/);
      // codex tells the client each approval was resolved.
      assert.equal(s.notifications.filter((n) => n.method === "serverRequest/resolved").length, 2);
    });

    it("a file-change approval reaches the handler; accept writes the file, decline does not", async () => {
      await makeHome({ approvalPolicy: "on-request", sandboxMode: "read-only" });
      const s = await spawnCodex({ codexHome: home.dir });
      let decision: "accept" | "decline" = "accept";
      const asked: string[] = [];
      s.client.handleServerRequest("item/fileChange/requestApproval", (params) => {
        asked.push(params.itemId);
        return { decision };
      });
      const threadId = await startThread(s);

      model.enqueue(applyPatch(addFilePatch("patched.txt", "patched by codex\n")), text("patched"));
      await runTurn(s, threadId, "add patched.txt");
      assert.equal(readFileSync(path.join(ws.dir, "patched.txt"), "utf8"), "patched by codex\n");

      decision = "decline";
      model.enqueue(applyPatch(addFilePatch("refused.txt", "nope\n")), text("ok"));
      await runTurn(s, threadId, "add refused.txt");
      assert.equal(existsSync(path.join(ws.dir, "refused.txt")), false);
      assert.equal(asked.length, 2);
    });

    it("without a handler codex gets an error reply at once and the turn still ends", async () => {
      await makeHome({ approvalPolicy: "on-request", sandboxMode: "read-only" });
      const s = await spawnCodex({ codexHome: home.dir });
      const threadId = await startThread(s);
      model.enqueue(shellCall({ cmd: "touch unhandled.txt" }), text("ok"));
      const turn = await runTurn(s, threadId, "try it");
      assert.ok(["completed", "failed"].includes(turn.status), turn.status);
      assert.equal(existsSync(path.join(ws.dir, "unhandled.txt")), false);
      assert.ok(s.logger.lines.some((l) => l.level === "warn" && /no handler/.test(l.message)));
    });
  });

  it("turn/interrupt stops a slowly streaming turn", async () => {
    await makeHome();
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    model.enqueue(slow(words, { delayMs: 100 }));
    const s = await spawnCodex({ codexHome: home.dir });
    const threadId = await startThread(s);
    const { turn } = await s.client.request("turn/start", {
      threadId,
      input: [{ type: "text", text: "talk slowly", text_elements: [] }],
    });
    await s.waitFor("item/agentMessage/delta", (n) => n.params.turnId === turn.id);
    await s.client.request("turn/interrupt", { threadId, turnId: turn.id });
    const completed = await s.waitFor("turn/completed", (n) => n.params.turn.id === turn.id);
    assert.equal(completed.params.turn.status, "interrupted");
    assert.ok(agentText(s.notifications, turn.id).length < words.length);
  });

  it("thread/list shows the thread and thread/resume continues it in a new app-server", async () => {
    await makeHome();
    model.enqueue(text("first answer"));
    const first = await spawnCodex({ codexHome: home.dir });
    const threadId = await startThread(first);
    await runTurn(first, threadId, "first question");
    const listed = await first.client.request("thread/list", {});
    assert.ok(
      listed.data.some((t) => t.id === threadId),
      `thread/list: ${JSON.stringify(listed.data.map((t) => t.id))}`,
    );
    await first.kill();

    const second = await spawnCodex({ codexHome: home.dir });
    const relisted = await second.client.request("thread/list", {});
    assert.ok(relisted.data.some((t) => t.id === threadId));
    const resumed = await second.client.request("thread/resume", { threadId });
    assert.equal(resumed.thread.id, threadId);
    model.enqueue(text("second answer"));
    const turn = await runTurn(second, threadId, "second question");
    assert.equal(turn.status, "completed");
    assert.equal(turn.text, "second answer");
    // The model saw the earlier exchange: the thread really continued.
    const lastRequest = model.requests[model.requests.length - 1]!;
    assert.deepEqual(userTexts(lastRequest).slice(-2), ["first question", "second question"]);
  });

  it("survives garbage, an oversized line, invalid UTF-8 and CRLF injected into codex's stdout", async () => {
    await makeHome();
    model.enqueue(text("Through the noise 👋", { chunks: 4 }));
    const s = await spawnCodex({
      codexHome: home.dir,
      wrapper: NOISY_CODEX,
      client: { maxLineBytes: 256 * 1024 },
    });
    assert.ok(s.client.serverInfo?.userAgent);
    const threadId = await startThread(s);
    const turn = await runTurn(s, threadId, "hello through noise");
    assert.equal(turn.status, "completed");
    assert.equal(turn.text, "Through the noise 👋");
    assert.equal(s.client.isClosed, false);
    const warnings = s.logger.lines.filter((l) => l.level === "warn").map((l) => l.message);
    assert.ok(
      warnings.some((w) => /non-JSON/.test(w)),
      "garbage lines were skipped",
    );
    assert.ok(
      warnings.some((w) => /longer than 262144 bytes/.test(w)),
      "oversized line skipped",
    );
    assert.ok(
      warnings.every((w) => w.length < 500),
      "warnings carry previews only",
    );
    assert.deepEqual(
      s.logger.lines.filter((l) => l.level === "error"),
      [],
    );
  });
});
