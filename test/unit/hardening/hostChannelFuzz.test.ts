/**
 * 10,000 random, malformed webview→host messages into HostChannel.receive, with a spy on every
 * request and notification handler: each one is rejected and logged, no handler runs, nothing
 * reaches Object.prototype, and a valid message afterwards is handled as usual.
 *
 * Every generated message is invalid by construction (a valid sample of a method with one
 * deliberate defect: wrong type, missing or extra key, oversized string, pollution key, deep or
 * cyclic value, non-plain object, throwing accessor...), so "rejected" is exact, not statistical.
 * Hand-written cases: test/unit/protocol/webviewMessages.test.ts.
 */
import assert from "node:assert/strict";

import { HostChannel } from "../../../protocol/webview/channel";
import {
  webviewNotifications,
  webviewRequests,
  type WebviewNotificationMethod,
  type WebviewRequestMethod,
} from "../../../protocol/webview/messages";
import { rng, type Rng } from "./prng";

type Json = Record<string, unknown>;

interface Sample {
  params: Json;
  required: string[];
}

/**
 * One valid params object per request, and which of its keys are required. A method without a
 * sample (added to the catalogue later) is fuzzed from `{}`: the defects below still make any
 * strict object schema fail.
 */
const requestSamples: Partial<Record<string, Sample>> = {
  "chat/send": { params: { text: "hi", attachments: [] }, required: ["text", "attachments"] },
  "chat/interrupt": { params: {}, required: [] },
  "chat/newThread": { params: {}, required: [] },
  "chat/cancelQueued": { params: { queuedId: "q1" }, required: ["queuedId"] },
  "chat/sendQueued": { params: { queuedId: "q1" }, required: ["queuedId"] },
  "approval/answer": {
    params: { approvalId: "a1", answer: { kind: "decision", decision: "accept" } },
    required: ["approvalId", "answer"],
  },
  "history/list": {
    params: { cursor: null, searchTerm: null },
    required: ["cursor", "searchTerm"],
  },
  "history/resume": { params: { threadId: "t1" }, required: ["threadId"] },
  "history/rename": { params: { threadId: "t1", name: "n" }, required: ["threadId", "name"] },
  "history/fork": { params: { threadId: "t1" }, required: ["threadId"] },
  "history/archive": { params: { threadId: "t1" }, required: ["threadId"] },
  "models/refresh": { params: {}, required: [] },
  "models/choose": { params: { model: "m", effort: "high", mode: "chat" }, required: [] },
  "account/login": { params: { method: "apiKey", apiKey: "sk-x" }, required: ["method", "apiKey"] },
  "account/cancelLogin": { params: {}, required: [] },
  "account/logout": { params: {}, required: [] },
  "editor/openFileDiff": {
    params: { turnId: "t", itemId: "i", path: "a.ts" },
    required: ["turnId", "itemId", "path"],
  },
  "editor/openTurnDiff": { params: { turnId: "t" }, required: ["turnId"] },
  "editor/openLink": { params: { href: "https://example.com" }, required: ["href"] },
  "editor/openFile": { params: { path: "a.ts", line: 3 }, required: ["path"] },
  "clipboard/write": { params: { text: "copy" }, required: ["text"] },
  "appServer/restart": { params: {}, required: [] },
  "notice/dismiss": { params: { noticeId: "n1" }, required: ["noticeId"] },
  "composer/searchFiles": { params: { query: "rea" }, required: ["query"] },
  "card/dismiss": { params: { cardId: "c1" }, required: ["cardId"] },
};
const sampleFor = (method: string): Sample =>
  requestSamples[method] ?? { params: {}, required: [] };

const notificationSamples: Partial<Record<string, Sample>> = {
  ready: { params: {}, required: [] },
  "composer/draftChanged": { params: { text: "draft" }, required: ["text"] },
  "webview/error": { params: { message: "oops" }, required: ["message"] },
};

const POLLUTION_KEYS = ["__proto__", "constructor", "prototype"] as const;
/** Longer than every string limit of the webview messages (the largest is 5,000,000). */
const HUGE = "x".repeat(5_000_001);

class NotPlain {
  constructor(fields: Json) {
    Object.assign(this, fields);
  }
}

function deep(depth: number, leaf: unknown, r: Rng): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = r.bool() ? [value] : { nested: value };
  return value;
}

function cyclic(r: Rng): unknown {
  if (r.bool()) {
    const list: unknown[] = [];
    list.push(list, { back: list });
    return list;
  }
  const node: Json = { name: "loop" };
  node.self = node;
  node.children = [node, { parent: node }];
  return node;
}

/** A value that is never a valid string, id, number, boolean, array or the expected object. */
function wrongValue(r: Rng): unknown {
  const choices: Array<() => unknown> = [
    () => r.int(-5, 5) + 0.5,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => ({ toString: () => "looks like a string" }),
    () => [1, "two", { three: 3 }],
    () => deep(r.int(40, 400), "leaf", r),
    () => cyclic(r),
    () => new Date(0),
    () => new Map([["text", "x"]]),
    () => /regex/,
    () => new Uint8Array(4),
    () => Symbol("s"),
    () => BigInt(1),
    () => () => "function",
    () => new String("boxed"),
  ];
  return r.pick(choices)();
}

/** JSON text with an own `key` property in `object` (how a pollution key arrives over JSON). */
function withOwnKey(object: Json, key: string, value: unknown): Json {
  const copy: Json = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Invalid params for a method whose valid params are `sample`: one defect, chosen at random. */
function brokenParams(r: Rng, sample: Sample): unknown {
  const keys = Object.keys(sample.params);
  const defects: Array<() => unknown> = [
    // An unknown key (strict objects refuse them), often a prototype-pollution key.
    () =>
      r.bool(0.6)
        ? JSON.parse(
            `{${[
              ...keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(sample.params[k])}`),
              `${JSON.stringify(r.pick(POLLUTION_KEYS))}:{"polluted":true,"isAdmin":true}`,
            ].join(",")}}`,
          )
        : withOwnKey(
            sample.params,
            r.pick(["extra", "__defineGetter__", "toString", "x".repeat(r.int(1, 300))]),
            r.pick([1, "x", null, {}]),
          ),
    // A non-plain object carrying exactly the valid fields.
    () =>
      r.pick([
        () => new NotPlain(sample.params),
        () => Object.create(sample.params) as unknown,
        () => new Map(Object.entries(sample.params)),
        () => [sample.params],
        () => new Date(0),
      ])(),
    // Not an object at all.
    () => r.pick([null, undefined, "params", 42, true, [], HUGE]),
    // A throwing accessor where a field is read.
    () => {
      const params: Json = { ...sample.params };
      Object.defineProperty(params, keys[0] ?? "anything", {
        enumerable: true,
        get() {
          throw new Error("getter trap");
        },
      });
      return params;
    },
    // A proxy whose every trap throws.
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("proxy trap");
          },
          has: () => {
            throw new Error("proxy trap");
          },
          ownKeys: () => {
            throw new Error("proxy trap");
          },
          getPrototypeOf: () => {
            throw new Error("proxy trap");
          },
        },
      ),
  ];
  if (keys.length > 0) {
    // A field of the wrong type (deep, cyclic, non-plain, NaN...).
    defects.push(() => ({ ...sample.params, [r.pick(keys)]: wrongValue(r) }));
    // A field over its length limit (every sample field here is a string, id, or nested object).
    const stringKeys = keys.filter((k) => typeof sample.params[k] === "string");
    if (stringKeys.length > 0)
      defects.push(() => ({ ...sample.params, [r.pick(stringKeys)]: HUGE }));
  }
  if (sample.required.length > 0) {
    defects.push(() => {
      const params = { ...sample.params };
      delete params[r.pick(sample.required)];
      return params;
    });
  }
  return r.pick(defects)();
}

const requestMethods = Object.keys(webviewRequests) as WebviewRequestMethod[];
const notificationMethods = Object.keys(webviewNotifications) as WebviewNotificationMethod[];

/** One malformed message; `expectsReply` when the host must answer it with an error. */
function malformed(r: Rng, id: number): { message: unknown; expectsReply: boolean } {
  switch (r.int(0, 9)) {
    case 0:
      // Not an envelope.
      return {
        message: r.pick<unknown>([
          null,
          undefined,
          0,
          "",
          HUGE,
          true,
          [],
          [{ kind: "request", id, method: "chat/interrupt", params: {} }],
          Symbol("m"),
          BigInt(7),
          () => undefined,
          new Date(0),
          deep(r.int(1, 1_000), {}, r),
          cyclic(r),
        ]),
        expectsReply: false,
      };
    case 1: {
      // A broken envelope around valid params.
      const method = r.pick(requestMethods);
      const valid: Json = { kind: "request", id, method, params: sampleFor(method).params };
      const broken = r.pick<() => unknown>([
        () => ({ ...valid, kind: r.pick(["Request", "response", "", 1, null]) }),
        () => ({ ...valid, id: r.pick<unknown>([-1, 1.5, "1", null, 2 ** 60, Number.NaN, {}]) }),
        () => ({ ...valid, method: r.pick<unknown>([1, null, "x".repeat(101), ["chat/send"]]) }),
        () => withOwnKey(valid, r.pick([...POLLUTION_KEYS, "extra"]), { polluted: true }),
        () => {
          const copy = { ...valid };
          delete copy[r.pick(["kind", "id", "method"])];
          return copy;
        },
        () => new NotPlain(valid),
        () => Object.create(valid) as unknown,
      ])();
      return { message: broken, expectsReply: false };
    }
    case 2: {
      // An unknown method, often one named like an Object.prototype member.
      const method = r.pick([
        ...POLLUTION_KEYS,
        "toString",
        "hasOwnProperty",
        "valueOf",
        "isPrototypeOf",
        "__defineSetter__",
        "fs/delete",
        "chat/send ",
        "CHAT/SEND",
        "chat\u0000send",
      ]);
      if (r.bool()) {
        return { message: { kind: "request", id, method, params: {} }, expectsReply: true };
      }
      return { message: { kind: "notification", method, params: {} }, expectsReply: false };
    }
    case 3:
    case 4:
      return {
        message: JSON.parse(
          JSON.stringify({ kind: "notification", method: r.pick(notificationMethods) }),
        ) as Json,
        expectsReply: false,
      };
    default: {
      if (r.bool(0.2)) {
        const method = r.pick(notificationMethods);
        return {
          message: {
            kind: "notification",
            method,
            params: brokenParams(r, notificationSamples[method] ?? { params: {}, required: [] }),
          },
          expectsReply: false,
        };
      }
      const method = r.pick(requestMethods);
      return {
        message: { kind: "request", id, method, params: brokenParams(r, sampleFor(method)) },
        expectsReply: true,
      };
    }
  }
}

describe("hardening: webview→host channel fuzz", function () {
  this.timeout(20_000);

  it("rejects and logs 10,000 malformed messages, calls no handler, pollutes nothing, then still works", async () => {
    const posted: Json[] = [];
    const warnings: string[] = [];
    const channel = new HostChannel((message) => posted.push(message as Json), {
      warn: (message) => warnings.push(message),
    });
    const calls: string[] = [];
    for (const method of requestMethods) {
      channel.handle(method, (() => {
        calls.push(method);
        return {};
      }) as never);
    }
    for (const method of notificationMethods) {
      channel.onNotification(method, () => void calls.push(method));
    }
    const objectKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayKeys = Object.getOwnPropertyNames(Array.prototype).sort();

    const r = rng(20_251_121);
    const COUNT = 10_000;
    let replies = 0;
    for (let i = 0; i < COUNT; i++) {
      const { message, expectsReply } = malformed(r, i);
      const before = posted.length;
      const rejectedBefore = channel.rejected;
      await assert.doesNotReject(channel.receive(message), `message ${i} made receive throw`);
      assert.equal(channel.rejected, rejectedBefore + 1, `message ${i} was not rejected`);
      if (expectsReply) {
        replies++;
        assert.equal(posted.length, before + 1, `message ${i} got no error reply`);
        const reply = posted.at(-1)!;
        assert.equal(reply.ok, false);
        assert.equal(reply.id, i);
        assert.match(String(reply.error), /^(Invalid request|Unknown request)\.$/);
      } else {
        assert.equal(posted.length, before, `message ${i} got a reply`);
      }
    }

    assert.deepEqual(calls, [], "no handler ran");
    assert.equal(channel.rejected, COUNT);
    assert.equal(warnings.length, COUNT, "every rejection is logged");
    assert.ok(warnings.every((w) => w.startsWith("rejected webview message: ") && w.length < 600));
    assert.ok(replies > 3_000, `only ${replies} requests among the messages`);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), objectKeys);
    assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayKeys);
    const probe: Json = {};
    for (const key of ["polluted", "isAdmin", "text", "method"]) {
      assert.equal(probe[key], undefined, `Object.prototype.${key} appeared`);
    }

    // Still responsive: a valid request and a valid notification are handled.
    await channel.receive({
      kind: "request",
      id: COUNT + 1,
      method: "chat/send",
      params: { text: "still here", attachments: [] },
    });
    await channel.receive({ kind: "notification", method: "ready", params: {} });
    assert.deepEqual(calls, ["chat/send", "ready"]);
    assert.deepEqual(posted.at(-1), { kind: "response", id: COUNT + 1, ok: true, result: {} });
  });
});
