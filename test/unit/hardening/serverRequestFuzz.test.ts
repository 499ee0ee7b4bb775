/**
 * Server requests with unexpected or missing fields, played by the test as the server over an
 * in-memory stream pair to the real AppServerRpcClient, with the bridge's approval handlers
 * registered on it (as the supervisor registers them in production). Every request gets an
 * answer: an error reply, or (for an approval the user can see) the user's decision. The UI state
 * stays sound: every ApprovalView has string ids, survives JSON, and passes the webview's own
 * `state/patch` schema; nothing is polluted; a well-formed approval afterwards works.
 *
 * Hand-written cases: test/unit/appServer/rpcClient.test.ts ("answers InvalidParams when a
 * server request has no params object", MethodNotFound, InternalError) and
 * test/unit/bridge/approvals.test.ts.
 */
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";

import * as v from "valibot";

import { AppServerRpcClient } from "../../../extension/appServer/rpcClient";
import { ChatBridge } from "../../../extension/bridge/bridge";
import type { AppServerPort } from "../../../extension/connection/port";
import { hostNotifications } from "../../../protocol/webview/messages";
import { nullLogger } from "../bridge/fakePort";
import { randomText, rng, type Rng } from "./prng";

type Json = Record<string, unknown>;

const APPROVAL_METHODS = [
  "item/commandExecution/requestApproval",
  "item/fileChange/requestApproval",
  "item/permissions/requestApproval",
  "item/tool/requestUserInput",
  "mcpServer/elicitation/request",
] as const;
const OTHER_METHODS = [
  "item/tool/call",
  "account/chatgptAuthTokens/refresh",
  "__proto__",
  "constructor",
  "toString",
  "",
];

function setup() {
  const toClient = new PassThrough();
  const fromClient = new PassThrough();
  const logger = nullLogger();
  const client = new AppServerRpcClient(toClient, fromClient, {
    logger,
    sleep: async () => undefined,
  });
  const port: AppServerPort = {
    request: (method, params, options) => client.request(method, params, options),
    onNotification: (listener) => client.onNotification(listener),
    handleServerRequest: (method, handler) => client.handleServerRequest(method, handler),
    trackLoadedThread: () => ({ dispose: () => undefined }),
    state: { kind: "ready" },
    onDidChangeState: () => ({ dispose: () => undefined }),
    onDidConnect: () => ({ dispose: () => undefined }),
  };
  const bridge = new ChatBridge({
    port,
    logger,
    cwd: () => "/w",
    openExternal: async () => false,
    confirmFullAccess: async () => false,
  });
  const replies = new Map<string, Json>();
  let buffer = "";
  let wake: (() => void) | undefined;
  fromClient.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const message = JSON.parse(buffer.slice(0, nl)) as Json;
      buffer = buffer.slice(nl + 1);
      if (message.id !== undefined && message.method === undefined) {
        replies.set(String(message.id), message);
      }
    }
    wake?.();
  });
  bridge.state.onDidChange(() => wake?.());
  client.listen();
  return {
    client,
    bridge,
    logger,
    replies,
    send(message: Json | string) {
      toClient.write((typeof message === "string" ? message : JSON.stringify(message)) + "\n");
    },
    /** Resolves when `check` holds, re-checking on every reply and state change. */
    async until<T>(check: () => T | undefined, what: string): Promise<T> {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const value = check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    },
  };
}

function junk(r: Rng): unknown {
  return r.pick<() => unknown>([
    () => 42,
    () => -1.5,
    () => true,
    () => null,
    () => [],
    () => ["a", 1, null],
    () => ({ nested: { deeper: [{}] } }),
    () => randomText(r, 30),
    () => "x".repeat(r.int(10_000, 300_000)),
    () => {
      let value: unknown = "leaf";
      for (let i = 0; i < r.int(50, 400); i++) value = [value];
      return value;
    },
  ])();
}

const FIELDS = [
  "threadId",
  "turnId",
  "itemId",
  "command",
  "cwd",
  "reason",
  "questions",
  "permissions",
  "message",
  "serverName",
  "availableDecisions",
  "commandActions",
  "requestedSchema",
  "grantRoot",
  "url",
];

/** Params with unexpected or missing fields; raw JSON text so `__proto__` arrives as an own key. */
function malformedParams(r: Rng): string | undefined {
  switch (r.int(0, 7)) {
    case 0:
      return undefined; // no params at all
    case 1:
      return JSON.stringify(r.pick<unknown>([null, [], "params", 7, true]));
    case 2:
      return "{}";
    case 3:
      return `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"threadId":"t1"}`;
    default: {
      const params: Json = {};
      for (const field of FIELDS) {
        if (r.bool(0.4)) params[field] = r.bool(0.3) ? `${field}-value` : junk(r);
      }
      return JSON.stringify(params);
    }
  }
}

describe("hardening: malformed server requests", function () {
  this.timeout(20_000);

  it("answers every malformed request (error reply or the user's decision) and keeps the UI state sound", async () => {
    const t = setup();
    const r = rng(4_242);
    const COUNT = 300;
    let errors = 0;
    let shown = 0;
    for (let i = 0; i < COUNT; i++) {
      const id = r.bool(0.2) ? `srv-${i}` : i;
      const method = r.bool(0.85) ? r.pick(APPROVAL_METHODS) : r.pick(OTHER_METHODS);
      const params = malformedParams(r);
      t.send(
        `{"id":${JSON.stringify(id)},"method":${JSON.stringify(method)}${params === undefined ? "" : `,"params":${params}`}}`,
      );
      const outcome = await t.until(
        () =>
          t.replies.get(String(id)) ??
          t.bridge.state.snapshot.approvals.find((a) => a.status === "pending"),
        `an answer or a pending approval for request ${i} (${method})`,
      );
      if ("status" in outcome) {
        // Shown to the user: it must be a sound view the user can decline.
        shown++;
        assert.equal(typeof outcome.id, "string");
        assert.equal(typeof outcome.threadId, "string", `request ${i}: ApprovalView.threadId`);
        t.bridge.approvals.answer(String(outcome.id), { kind: "decision", decision: "decline" });
        const reply = await t.until(() => t.replies.get(String(id)), `the reply to ${i}`);
        assert.ok("result" in reply, `request ${i}: ${JSON.stringify(reply).slice(0, 200)}`);
      } else {
        errors++;
        const error = outcome.error as { code?: unknown; message?: unknown } | undefined;
        assert.ok(error, `request ${i} (${method}) got a result without being shown`);
        assert.equal(typeof error.code, "number");
        assert.ok(String(error.message).length < 300, "no payload echoed in the error");
      }
      assert.ok(!t.client.isClosed, "the connection survives");
    }
    assert.ok(errors > 50 && shown > 20, `errors ${errors}, shown ${shown}`);

    // The state the webview would get is sound.
    const snapshot = JSON.parse(JSON.stringify(t.bridge.hydrate())) as Json;
    const patch = v.safeParse(hostNotifications["state/patch"], {
      approvals: snapshot.approvals,
    });
    assert.ok(patch.success, "approvals pass the webview's schema");
    for (const approval of snapshot.approvals as Json[]) {
      assert.equal(typeof approval.id, "string");
      assert.equal(typeof approval.threadId, "string");
      assert.notEqual(approval.status, "pending");
    }
    assert.equal(({} as Json).polluted, undefined);
    assert.equal(t.bridge.approvals.pendingCount, 0);

    // A well-formed approval still works.
    t.send({
      id: "good",
      method: "item/commandExecution/requestApproval",
      params: {
        threadId: "t1",
        turnId: "turn-1",
        itemId: "item-1",
        startedAtMs: 0,
        command: "echo ok",
        cwd: "/w",
        reason: null,
      },
    });
    const view = await t.until(
      () => t.bridge.state.snapshot.approvals.find((a) => a.status === "pending"),
      "the good approval",
    );
    t.bridge.approvals.answer(view.id, { kind: "decision", decision: "accept" });
    const reply = await t.until(() => t.replies.get("good"), "the good reply");
    assert.deepEqual(reply.result, { decision: "accept" });
    t.client.dispose();
    t.bridge.dispose();
  });
});
