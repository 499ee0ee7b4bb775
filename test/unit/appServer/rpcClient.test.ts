/**
 * Framing and dispatch of AppServerRpcClient over an in-memory stream pair. The test plays the
 * server by reading and writing raw JSONL (codex's real behaviour is covered in test/protocol).
 */
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";

import {
  AppServerClosedError,
  AppServerRpcError,
  RequestAbortedError,
  RequestTimeoutError,
  describeError,
} from "../../../extension/appServer/errors";
import { AppServerRpcClient, type RpcClientOptions } from "../../../extension/appServer/rpcClient";
import type { Logger } from "../../../extension/log";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";

type Json = Record<string, unknown>;

interface LogLine {
  level: string;
  message: string;
  args: unknown[];
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: string | Error, ...args: unknown[]) =>
      lines.push({ level, message: String(message), args });
  return {
    lines,
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/** The fake peer: what the client wrote, parsed, and a way to answer. */
function setup(options: Partial<RpcClientOptions> = {}) {
  const toClient = new PassThrough();
  const fromClient = new PassThrough();
  const logger = recordingLogger();
  const client = new AppServerRpcClient(toClient, fromClient, {
    logger,
    sleep: async () => undefined,
    ...options,
  });
  const received: Json[] = [];
  const waiters: Array<() => void> = [];
  let buffer = "";
  fromClient.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      received.push(JSON.parse(buffer.slice(0, nl)) as Json);
      buffer = buffer.slice(nl + 1);
      for (const wake of waiters.splice(0)) wake();
    }
  });
  client.listen();
  return {
    client,
    logger,
    toClient,
    received,
    send(message: Json | string) {
      toClient.write((typeof message === "string" ? message : JSON.stringify(message)) + "\n");
    },
    /** Resolves with the next written message matching `predicate` (or already written). */
    async next(predicate: (m: Json) => boolean, seen = new Set<Json>()): Promise<Json> {
      for (;;) {
        const found = received.find((m) => predicate(m) && !seen.has(m));
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

describe("AppServerRpcClient (in-memory peer)", () => {
  it("sends numeric-id requests and resolves with the result, matching out-of-order answers", async () => {
    const t = setup();
    const a = t.client.request("thread/list", {});
    const b = t.client.request("thread/read", { threadId: "t1" } as never);
    const reqA = await t.next((m) => m.method === "thread/list");
    const reqB = await t.next((m) => m.method === "thread/read");
    assert.equal(typeof reqA.id, "number");
    assert.deepEqual(reqA.params, {});
    t.send({ id: reqB.id, result: { which: "b" } });
    t.send({ id: reqA.id, result: { which: "a" } });
    assert.deepEqual(await a, { which: "a" });
    assert.deepEqual(await b, { which: "b" });
  });

  it("omits params for methods that take none", async () => {
    const t = setup();
    const done = t.client.request("account/logout", undefined);
    const req = await t.next((m) => m.method === "account/logout");
    assert.equal("params" in req, false);
    t.send({ id: req.id, result: {} });
    await done;
  });

  it("initialize sends clientInfo + capabilities, then `initialized`, and keeps serverInfo", async () => {
    const t = setup();
    const init = t.client.initialize({ name: "test", title: null, version: "1" });
    const req = await t.next((m) => m.method === "initialize");
    assert.deepEqual(req.params, {
      clientInfo: { name: "test", title: null, version: "1" },
      capabilities: null,
    });
    const info = {
      userAgent: "x/1",
      codexHome: "/h",
      platformFamily: "unix",
      platformOs: "linux",
    };
    t.send({ id: req.id, result: info });
    assert.deepEqual(await init, info);
    assert.deepEqual(t.client.serverInfo, info);
    const note = await t.next((m) => m.method === "initialized");
    assert.equal("id" in note, false);
  });

  it("answers an unhandled server request with MethodNotFound at once", async () => {
    const t = setup();
    t.send({ id: 7, method: "item/tool/requestUserInput", params: { threadId: "t" } });
    const reply = await t.next((m) => m.id === 7);
    assert.equal((reply.error as Json).code, -32601);
    assert.ok(t.logger.lines.some((l) => l.level === "warn" && /no handler/.test(l.message)));
  });

  it("dispatches a server request to its handler and sends the typed result", async () => {
    const t = setup();
    const seen: unknown[] = [];
    t.client.handleServerRequest("item/commandExecution/requestApproval", (params) => {
      seen.push(params);
      return { decision: "accept" };
    });
    t.send({ id: "r1", method: "item/commandExecution/requestApproval", params: { itemId: "i" } });
    const reply = await t.next((m) => m.id === "r1");
    assert.deepEqual(reply.result, { decision: "accept" });
    assert.deepEqual(seen, [{ itemId: "i" }]);
  });

  it("answers InvalidParams when a server request has no params object", async () => {
    const t = setup();
    let called = false;
    t.client.handleServerRequest("item/fileChange/requestApproval", () => {
      called = true;
      return { decision: "accept" };
    });
    t.send({ id: 1, method: "item/fileChange/requestApproval" });
    t.send({ id: 2, method: "item/fileChange/requestApproval", params: [1] });
    t.send({ id: 3, method: "item/fileChange/requestApproval", params: "x" });
    for (const id of [1, 2, 3]) {
      const reply = await t.next((m) => m.id === id);
      assert.equal((reply.error as Json).code, -32602, `id ${id}`);
    }
    assert.equal(called, false);
  });

  it("answers InternalError with a safe message when a handler throws", async () => {
    const t = setup();
    t.client.handleServerRequest("item/fileChange/requestApproval", () => {
      throw new Error("secret internals at /home/me/.token");
    });
    t.send({ id: 9, method: "item/fileChange/requestApproval", params: {} });
    const reply = await t.next((m) => m.id === 9);
    const error = reply.error as Json;
    assert.equal(error.code, -32603);
    assert.doesNotMatch(String(error.message), /secret|token|at /);
  });

  it("aborts a handler's signal on serverRequest/resolved and on close", async () => {
    const t = setup();
    const signals = new Map<string, AbortSignal>();
    t.client.handleServerRequest("item/commandExecution/requestApproval", (params, signal) => {
      signals.set((params as unknown as { itemId: string }).itemId, signal);
      return new Promise((resolve) =>
        signal.addEventListener("abort", () => resolve({ decision: "cancel" })),
      );
    });
    t.send({ id: 11, method: "item/commandExecution/requestApproval", params: { itemId: "a" } });
    t.send({ id: 12, method: "item/commandExecution/requestApproval", params: { itemId: "b" } });
    while (signals.size < 2) await new Promise((r) => setImmediate(r));
    t.send({ method: "serverRequest/resolved", params: { threadId: "t", requestId: 11 } });
    const reply = await t.next((m) => m.id === 11);
    assert.deepEqual(reply.result, { decision: "cancel" });
    assert.equal(signals.get("a")?.aborted, true);
    assert.equal(signals.get("b")?.aborted, false);
    t.client.dispose("test over");
    assert.equal(signals.get("b")?.aborted, true);
  });

  it("retries -32001 with backoff, then resolves", async () => {
    const sleeps: number[] = [];
    const t = setup({
      random: () => 1,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const result = t.client.request("thread/list", {});
    const seen = new Set<Json>();
    for (let i = 0; i < 3; i++) {
      const req = await t.next((m) => m.method === "thread/list", seen);
      seen.add(req);
      t.send({ id: req.id, error: { code: -32001, message: "Server overloaded; retry later." } });
    }
    const last = await t.next((m) => m.method === "thread/list", seen);
    t.send({ id: last.id, result: { data: [] } });
    assert.deepEqual(await result, { data: [] });
    assert.deepEqual(sleeps, [100, 200, 400]);
  });

  it("gives up on -32001 after maxAttempts with an overloaded AppServerRpcError", async () => {
    const t = setup({ overloadRetry: { maxAttempts: 2, initialMs: 1, maxMs: 1 } });
    const result = t.client.request("thread/list", {});
    const seen = new Set<Json>();
    for (let i = 0; i < 2; i++) {
      const req = await t.next((m) => m.method === "thread/list", seen);
      seen.add(req);
      t.send({ id: req.id, error: { code: -32001, message: "Server overloaded; retry later." } });
    }
    const error = await result.then(
      () => assert.fail("should reject"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppServerRpcError);
    assert.equal(error.isOverloaded, true);
    assert.match(describeError(error), /busy/);
  });

  it("rejects other errors with AppServerRpcError (code, message, data) without retrying", async () => {
    const t = setup();
    const result = t.client.request("thread/list", {});
    const req = await t.next((m) => m.method === "thread/list");
    t.send({
      id: req.id,
      error: { code: -32600, message: "Invalid request: nope", data: { x: 1 } },
    });
    await assert.rejects(result, (e: unknown) => {
      assert.ok(e instanceof AppServerRpcError);
      assert.equal(e.code, -32600);
      assert.equal(e.message, "Invalid request: nope");
      assert.deepEqual(e.data, { x: 1 });
      assert.equal(e.method, "thread/list");
      assert.equal(e.isOverloaded, false);
      return true;
    });
    assert.equal(t.received.filter((m) => m.method === "thread/list").length, 1);
  });

  it("times out, rejects with RequestTimeoutError and sends no $/cancelRequest", async () => {
    const t = setup({ defaultTimeoutMs: 30 });
    // Nothing answers: only the client's own timer can end this (the test's timeout is 10 s).
    await assert.rejects(t.client.request("thread/list", {}), (e: unknown) => {
      assert.ok(e instanceof RequestTimeoutError);
      assert.equal(e.method, "thread/list");
      assert.equal(e.timeoutMs, 30);
      return true;
    });
    // A late answer is ignored and the connection goes on.
    const req = t.received.find((m) => m.method === "thread/list")!;
    t.send({ id: req.id, result: {} });
    const ok = t.client.request("thread/list", {}, { timeoutMs: 1_000 });
    const req2 = await t.next((m) => m.method === "thread/list" && m.id !== req.id);
    t.send({ id: req2.id, result: { second: true } });
    assert.deepEqual(await ok, { second: true });
    assert.equal(
      t.received.some((m) => m.method === "$/cancelRequest"),
      false,
    );
  });

  it("never times out with timeoutMs: 'none'", async () => {
    const t = setup({ defaultTimeoutMs: 10 });
    const result = t.client.request(
      "turn/start",
      { threadId: "t", input: [] },
      { timeoutMs: "none" },
    );
    const req = await t.next((m) => m.method === "turn/start");
    // A request sent later with the default timeout has timed out: a default timer on the first
    // one would have fired before it (Node fires timers in order of expiry).
    await assert.rejects(t.client.request("thread/list", {}), RequestTimeoutError);
    t.send({ id: req.id, result: { turn: { id: "turn1" } } });
    assert.deepEqual(await result, { turn: { id: "turn1" } });
  });

  it("rejects with RequestAbortedError when the caller's signal aborts", async () => {
    const t = setup();
    const controller = new AbortController();
    const result = t.client.request("thread/list", {}, { signal: controller.signal });
    await t.next((m) => m.method === "thread/list");
    controller.abort();
    await assert.rejects(result, RequestAbortedError);
    const pre = new AbortController();
    pre.abort();
    await assert.rejects(
      t.client.request("thread/list", {}, { signal: pre.signal }),
      RequestAbortedError,
    );
  });

  it("rejects pending requests with AppServerClosedError when the input ends; onClose fires once", async () => {
    const t = setup();
    const closes: AppServerClosedError[] = [];
    t.client.onClose((e) => closes.push(e));
    const a = t.client.request("thread/list", {}, { timeoutMs: "none" });
    const b = t.client.request("thread/list", {});
    await t.next((m) => m.method === "thread/list");
    t.toClient.end();
    await assert.rejects(a, AppServerClosedError);
    await assert.rejects(b, AppServerClosedError);
    assert.equal(t.client.isClosed, true);
    await assert.rejects(t.client.request("thread/list", {}), AppServerClosedError);
    await assert.rejects(t.client.notify("initialized"), AppServerClosedError);
    t.client.dispose("again");
    t.client.handleExit(1, null);
    assert.equal(closes.length, 1);
    assert.match(closes[0]!.message, /output ended/);
    const late = await new Promise<AppServerClosedError>((resolve) => t.client.onClose(resolve));
    assert.equal(late, closes[0]);
  });

  it("carries exit code and signal when the supervisor reports the exit", async () => {
    const t = setup();
    const pending = t.client.request("thread/list", {});
    t.client.handleExit(null, "SIGKILL");
    await assert.rejects(pending, (e: unknown) => {
      assert.ok(e instanceof AppServerClosedError);
      assert.equal(e.signal, "SIGKILL");
      assert.equal(e.exitCode, null);
      assert.match(describeError(e), /signal SIGKILL/);
      return true;
    });
  });

  it("dispose(reason) rejects pending requests with that reason", async () => {
    const t = setup();
    const pending = t.client.request("thread/list", {}, { timeoutMs: "none" });
    t.client.dispose("restarting");
    await assert.rejects(
      pending,
      (e: unknown) => e instanceof AppServerClosedError && e.reason === "restarting",
    );
  });

  it("delivers notifications typed and in order, logging methods but never params", async () => {
    const t = setup();
    const got: ServerNotification[] = [];
    const sub = t.client.onNotification((n) => {
      got.push(n);
      if (n.method === "item/agentMessage/delta") {
        // Narrowed by the union: params is AgentMessageDeltaNotification.
        const delta: string = n.params.delta;
        assert.equal(typeof delta, "string");
      }
    });
    t.send({ method: "turn/started", params: { threadId: "t", turn: { id: "u" } } });
    for (const delta of ["He", "llo"]) {
      t.send({
        method: "item/agentMessage/delta",
        params: { threadId: "t", turnId: "u", itemId: "i", delta },
        emittedAtMs: 1,
      });
    }
    t.send("not json at all");
    t.send({ method: "account/login/completed", params: { secret: "sk-SECRET" } });
    while (got.length < 4) await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      got.map((n) => n.method),
      [
        "turn/started",
        "item/agentMessage/delta",
        "item/agentMessage/delta",
        "account/login/completed",
      ],
    );
    sub.dispose();
    // A listener still subscribed has seen turn/completed once the disposed one would have.
    const later: string[] = [];
    const witness = t.client.onNotification((n) => later.push(n.method));
    t.send({ method: "turn/completed", params: {} });
    while (later.length < 1) await new Promise((r) => setImmediate(r));
    witness.dispose();
    assert.deepEqual(later, ["turn/completed"]);
    assert.equal(got.length, 4);
    const traces = t.logger.lines.filter((l) => l.level === "trace");
    assert.ok(traces.some((l) => l.args.includes("item/agentMessage/delta")));
    const everything = JSON.stringify(t.logger.lines);
    assert.doesNotMatch(everything, /sk-SECRET/);
    assert.ok(t.logger.lines.some((l) => l.level === "warn" && /non-JSON/.test(l.message)));
  });

  it("delivers every notification received before the output ended, then fires onClose", async () => {
    const t = setup();
    const events: string[] = [];
    t.client.onNotification((n) => events.push(n.method));
    const closed = new Promise<void>((resolve) =>
      t.client.onClose(() => {
        events.push("close");
        resolve();
      }),
    );
    const count = 50;
    let chunk = "";
    for (let i = 0; i < count - 1; i++) {
      chunk += JSON.stringify({ method: "item/agentMessage/delta", params: { delta: `${i}` } });
      chunk += "\n";
    }
    chunk += JSON.stringify({ method: "turn/completed", params: { threadId: "t" } }) + "\n";
    t.toClient.end(chunk);
    await closed;
    assert.equal(events.length, count + 1);
    assert.equal(events[count - 1], "turn/completed");
    assert.equal(events[count], "close");
  });

  it("lets a response's awaiting caller run before the notifications that follow it", async () => {
    const t = setup();
    const order: string[] = [];
    t.client.onNotification((n) => order.push(n.method));
    const started = (async () => {
      const response = await t.client.request("turn/start", { threadId: "t", input: [] });
      order.push(`response ${(response as { turn: { id: string } }).turn.id}`);
    })();
    const req = await t.next((m) => m.method === "turn/start");
    // One chunk: the response, then notifications, as codex writes them.
    t.send(
      [
        JSON.stringify({ id: req.id, result: { turn: { id: "u1" } } }),
        JSON.stringify({ method: "turn/started", params: { threadId: "t", turn: { id: "u1" } } }),
        JSON.stringify({ method: "turn/completed", params: { threadId: "t", turn: { id: "u1" } } }),
      ].join("\n"),
    );
    await started;
    while (order.length < 3) await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ["response u1", "turn/started", "turn/completed"]);
  });

  it("starts a server request's handler before a serverRequest/resolved in the same chunk", async () => {
    const t = setup();
    let signal: AbortSignal | undefined;
    t.client.handleServerRequest("item/commandExecution/requestApproval", (_params, s) => {
      signal = s;
      return new Promise((resolve) =>
        s.addEventListener("abort", () => resolve({ decision: "cancel" })),
      );
    });
    t.send(
      [
        JSON.stringify({
          id: 21,
          method: "item/commandExecution/requestApproval",
          params: { itemId: "a" },
        }),
        JSON.stringify({ method: "serverRequest/resolved", params: { requestId: 21 } }),
      ].join("\n"),
    );
    const reply = await t.next((m) => m.id === 21);
    assert.deepEqual(reply.result, { decision: "cancel" });
    assert.equal(signal?.aborted, true);
  });

  it("on exit, still delivers the output's tail before rejecting with the exit details", async () => {
    const t = setup();
    const events: string[] = [];
    t.client.onNotification((n) => events.push(n.method));
    const closed = new Promise<AppServerClosedError>((resolve) => t.client.onClose(resolve));
    t.client.handleExit(1, null);
    t.toClient.end(JSON.stringify({ method: "error", params: { message: "boom" } }) + "\n");
    const error = await closed;
    assert.deepEqual(events, ["error"]);
    assert.equal(error.exitCode, 1);
  });

  it("never logs request params (e.g. an API key)", async () => {
    const t = setup();
    const login = t.client.request("account/login/start", {
      type: "apiKey",
      apiKey: "sk-TOPSECRET",
    } as never);
    const req = await t.next((m) => m.method === "account/login/start");
    t.send({ id: req.id, result: { type: "apiKey" } });
    await login;
    assert.doesNotMatch(JSON.stringify(t.logger.lines), /TOPSECRET/);
  });

  it("describes codex's errors without the JSON-RPC code or the request's URL (the log has them)", () => {
    const error = new AppServerRpcError(
      -32603,
      "failed to request device code: error sending request for url (https://auth.openai.com/api/accounts/deviceauth/usercode)",
    );
    assert.equal(
      describeError(error),
      "Codex error: failed to request device code: error sending request.",
    );
  });
});
