import * as assert from "node:assert/strict";
import { HostChannel, WebviewChannel } from "../../../protocol/webview/channel";

function hostEnd() {
  const posted: unknown[] = [];
  const warnings: string[] = [];
  const channel = new HostChannel((m) => posted.push(m), { warn: (w) => warnings.push(w) });
  return { channel, posted, warnings };
}

function webviewEnd() {
  const posted: unknown[] = [];
  const warnings: string[] = [];
  const channel = new WebviewChannel((m) => posted.push(m), { warn: (w) => warnings.push(w) });
  return { channel, posted, warnings };
}

const request = (method: string, params: unknown, id = 1) => ({
  kind: "request",
  id,
  method,
  params,
});

describe("protocol: webview → host messages are validated", () => {
  it("dispatches a valid request and answers it", async () => {
    const { channel, posted } = hostEnd();
    channel.handle("chat/send", (params) => ({ queued: params.text === "later" }));
    await channel.receive(request("chat/send", { text: "later", attachments: [] }));
    assert.deepEqual(posted, [{ kind: "response", id: 1, ok: true, result: { queued: true } }]);
    assert.equal(channel.rejected, 0);
  });

  const invalid: [string, unknown][] = [
    ["not an object", "hello"],
    ["null", null],
    ["unknown kind", { kind: "bogus", method: "ready", params: {} }],
    ["extra envelope key", { kind: "notification", method: "ready", params: {}, extra: 1 }],
    ["non-integer id", request("chat/interrupt", {}, 1.5)],
    ["negative id", request("chat/interrupt", {}, -1)],
    ["huge method name", { kind: "notification", method: "x".repeat(10_000), params: {} }],
  ];
  for (const [name, message] of invalid) {
    it(`rejects an invalid envelope: ${name}`, async () => {
      const { channel, posted } = hostEnd();
      await channel.receive(message);
      assert.equal(channel.rejected, 1);
      assert.deepEqual(posted, []);
    });
  }

  const badParams: [string, string, unknown][] = [
    ["wrong type", "chat/send", { text: 42, attachments: [] }],
    ["missing field", "chat/send", { text: "x" }],
    ["unknown key", "chat/interrupt", { sneaky: true }],
    ["huge string", "chat/send", { text: "x".repeat(200_001), attachments: [] }],
    ["empty api key", "account/login", { method: "apiKey", apiKey: "" }],
    ["unknown login method", "account/login", { method: "password" }],
    [
      "non-image data URL",
      "chat/send",
      { text: "", attachments: [{ kind: "image", name: "x", dataUrl: "data:text/html,<script>" }] },
    ],
    [
      "bad decision",
      "approval/answer",
      { approvalId: "a", answer: { kind: "decision", decision: "yolo" } },
    ],
    ["empty id", "history/resume", { threadId: "" }],
    ["line 0", "editor/openFile", { path: "a.ts", line: 0 }],
  ];
  for (const [name, method, params] of badParams) {
    it(`rejects ${method} with ${name}, answering with an error`, async () => {
      const { channel, posted } = hostEnd();
      let called = false;
      channel.handle(method as "chat/send", () => {
        called = true;
        return { queued: false };
      });
      await channel.receive(request(method, params));
      assert.equal(called, false);
      assert.equal(channel.rejected, 1);
      assert.deepEqual(posted, [{ kind: "response", id: 1, ok: false, error: "Invalid request." }]);
    });
  }

  it("rejects prototype-pollution keys and leaves Object.prototype alone", async () => {
    const { channel } = hostEnd();
    let called = false;
    channel.handle("chat/interrupt", () => {
      called = true;
      return {};
    });
    await channel.receive(
      JSON.parse(
        '{"kind":"request","id":1,"method":"chat/interrupt","params":{"__proto__":{"polluted":true}}}',
      ),
    );
    await channel.receive(request("__proto__", {}));
    await channel.receive(request("constructor", {}));
    await channel.receive(
      JSON.parse(
        '{"kind":"request","id":2,"method":"approval/answer","params":{"approvalId":"a","answer":{"kind":"userInput","answers":{"__proto__":["x"]}}}}',
      ),
    );
    assert.equal(called, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(channel.rejected >= 3);
  });

  it("rejects unknown requests and notifications", async () => {
    const { channel, posted } = hostEnd();
    await channel.receive(request("fs/delete", { path: "/" }));
    await channel.receive({ kind: "notification", method: "fs/delete", params: {} });
    assert.equal(channel.rejected, 2);
    assert.deepEqual(posted, [{ kind: "response", id: 1, ok: false, error: "Unknown request." }]);
  });

  it("accepts valid notifications and rejects malformed ones", async () => {
    const { channel } = hostEnd();
    const drafts: string[] = [];
    channel.onNotification("composer/draftChanged", (p) => drafts.push(p.text));
    await channel.receive({
      kind: "notification",
      method: "composer/draftChanged",
      params: { text: "hi" },
    });
    await channel.receive({
      kind: "notification",
      method: "composer/draftChanged",
      params: { text: 1 },
    });
    await channel.receive({
      kind: "notification",
      method: "webview/error",
      params: { message: "x".repeat(10_001) },
    });
    assert.deepEqual(drafts, ["hi"]);
    assert.equal(channel.rejected, 2);
  });

  it("never leaks internal error text to the webview", async () => {
    const { channel, posted } = hostEnd();
    channel.handle("chat/interrupt", () => {
      throw new Error("secret internal path /home/x");
    });
    await channel.receive(request("chat/interrupt", {}));
    assert.doesNotMatch(JSON.stringify(posted), /secret internal/);
  });
});

describe("protocol: host → webview messages are validated", () => {
  it("delivers valid notifications", () => {
    const { channel } = webviewEnd();
    const seen: unknown[] = [];
    channel.on("composer/insert", (p) => seen.push(p));
    channel.receive({ kind: "notification", method: "composer/insert", params: { text: "x" } });
    assert.deepEqual(seen, [{ text: "x" }]);
  });

  it("delivers the workspace folders in a state patch", () => {
    const { channel } = webviewEnd();
    const seen: unknown[] = [];
    channel.on("state/patch", (p) => seen.push(p));
    const workspaceFolders = [{ name: "ws-main", path: "/work/project" }];
    channel.receive({ kind: "notification", method: "state/patch", params: { workspaceFolders } });
    assert.deepEqual(seen, [{ workspaceFolders }]);
  });

  const invalid: [string, unknown][] = [
    ["string", "hello"],
    [
      "patch with a folder without a path",
      {
        kind: "notification",
        method: "state/patch",
        params: { workspaceFolders: [{ name: "ws" }] },
      },
    ],
    ["unknown method", { kind: "notification", method: "eval", params: {} }],
    ["__proto__ method", { kind: "notification", method: "__proto__", params: {} }],
    ["hydrate without fields", { kind: "notification", method: "state/hydrate", params: {} }],
    ["hydrate as array", { kind: "notification", method: "state/hydrate", params: [] }],
    [
      "patch with unknown key",
      { kind: "notification", method: "state/patch", params: { evil: 1 } },
    ],
    [
      "thread/events with a non-object event",
      { kind: "notification", method: "thread/events", params: { threadId: "t", events: ["x"] } },
    ],
    [
      "thread/events with a huge thread id",
      {
        kind: "notification",
        method: "thread/events",
        params: { threadId: "t".repeat(600), events: [] },
      },
    ],
    [
      "composer/insert with a script data URL",
      {
        kind: "notification",
        method: "composer/insert",
        params: { attachments: [{ kind: "image", name: "x", dataUrl: "javascript:alert(1)" }] },
      },
    ],
    ["response to an unknown request", { kind: "response", id: 99, ok: true, result: {} }],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name}`, () => {
      const { channel } = webviewEnd();
      let called = 0;
      for (const method of [
        "state/hydrate",
        "state/patch",
        "thread/events",
        "composer/insert",
      ] as const)
        channel.on(method, () => called++);
      channel.receive(message);
      assert.equal(called, 0);
      assert.equal(channel.rejected, 1);
    });
  }

  it("resolves requests with valid results and rejects invalid results", async () => {
    const { channel, posted } = webviewEnd();
    const ok = channel.request("models/choose", { mode: "chat" });
    const bad = channel.request("models/choose", { mode: "chat" });
    const ids = posted.map((m) => (m as { id: number }).id);
    channel.receive({ kind: "response", id: ids[0], ok: true, result: { applied: false } });
    channel.receive({ kind: "response", id: ids[1], ok: true, result: { applied: "yes" } });
    assert.deepEqual(await ok, { applied: false });
    await assert.rejects(bad, /invalid answer/);
  });

  it("turns error responses into rejections with the host's message", async () => {
    const { channel, posted } = webviewEnd();
    const pending = channel.request("chat/interrupt", {});
    channel.receive({
      kind: "response",
      id: (posted[0] as { id: number }).id,
      ok: false,
      error: "No turn.",
    });
    await assert.rejects(pending, /No turn\./);
  });
});
