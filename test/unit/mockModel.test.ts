import * as assert from "node:assert/strict";
import * as http from "node:http";

import { startMockModelProcess } from "../support/mockModel/process";
import { startMockModel, type MockModel } from "../support/mockModel/server";
import { waitUntil } from "../support/waitUntil";
import {
  addFilePatch,
  applyPatch,
  callOutputText,
  cutStream,
  findCallOutput,
  httpError,
  reasoning,
  reply,
  shellCall,
  slow,
  splitChunks,
  text,
  updateFilePatch,
  type SseEvent,
} from "../support/mockModel/script";

interface ParsedEvent {
  event: string;
  data: SseEvent;
}

/** Splits an SSE body into events, checking the `event:` line matches the data's `type`. */
function parseSse(body: string): ParsedEvent[] {
  assert.ok(body.endsWith("\n\n"), "an SSE body ends with a blank line");
  return body
    .split("\n\n")
    .filter((block) => block.length > 0)
    .map((block) => {
      const lines = block.split("\n");
      assert.equal(lines.length, 2, `one event: and one data: line per event, got ${block}`);
      assert.match(lines[0]!, /^event: /);
      assert.match(lines[1]!, /^data: /);
      const event = lines[0]!.slice("event: ".length);
      const data = JSON.parse(lines[1]!.slice("data: ".length)) as SseEvent;
      assert.equal(data.type, event);
      return { event, data };
    });
}

async function post(model: MockModel, body: unknown = { input: [] }): Promise<Response> {
  return fetch(`${model.url}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function postEvents(model: MockModel, body?: unknown): Promise<ParsedEvent[]> {
  const res = await post(model, body);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/event-stream");
  return parseSse(await res.text());
}

/** Concatenated `response.output_text.delta` texts. */
function deltaText(events: ParsedEvent[]): string {
  return events
    .filter((e) => e.event === "response.output_text.delta")
    .map((e) => e.data.delta as string)
    .join("");
}

/** A raw request (not fetch) so the test controls the socket. */
function rawPost(model: MockModel): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: model.port, path: "/v1/responses", method: "POST", agent: false },
      resolve,
    );
    req.on("error", reject);
    req.end(JSON.stringify({ input: [] }));
  });
}

describe("mock model server", () => {
  let model: MockModel;

  beforeEach(async () => {
    model = await startMockModel();
  });

  afterEach(async () => {
    await model.close();
  });

  it("listens on 127.0.0.1 with a /v1 base URL", () => {
    assert.match(model.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.ok(model.port > 0);
  });

  it("streams a text reply as SSE: created, item added, deltas, item done, completed", async () => {
    model.enqueue(text("Hello streaming world", { chunks: 4 }));
    const events = await postEvents(model);
    const types = events.map((e) => e.event);
    assert.equal(types[0], "response.created");
    assert.equal(types.at(-1), "response.completed");
    assert.equal(types.filter((t) => t === "response.output_text.delta").length, 4);
    assert.equal(deltaText(events), "Hello streaming world");

    const added = events.find((e) => e.event === "response.output_item.added")!;
    const done = events.find((e) => e.event === "response.output_item.done")!;
    const item = done.data.item as { type: string; role: string; id: string; content: unknown };
    assert.equal(item.type, "message");
    assert.equal(item.role, "assistant");
    assert.equal((added.data.item as { id: string }).id, item.id);
    assert.deepEqual(item.content, [
      { type: "output_text", text: "Hello streaming world", annotations: [] },
    ]);

    const completed = events.at(-1)!.data.response as {
      id: string;
      usage: { input_tokens: number; output_tokens: number; total_tokens: number };
    };
    assert.equal(completed.id, (events[0]!.data.response as { id: string }).id);
    assert.ok(completed.usage.output_tokens > 0);
    assert.equal(
      completed.usage.total_tokens,
      completed.usage.input_tokens + completed.usage.output_tokens,
    );
  });

  it("records every request body, parsed", async () => {
    await postEvents(model, { model: "mock-model", input: [{ type: "message", role: "user" }] });
    await postEvents(model, { model: "mock-model", input: [] });
    assert.equal(model.requests.length, 2);
    assert.equal(model.requests[0]!.model, "mock-model");
    assert.deepEqual(model.requests[0]!.input, [{ type: "message", role: "user" }]);
  });

  it("serves queued replies in FIFO order and then the default 'Done.'", async () => {
    model.enqueue(text("first"), text("second"));
    assert.equal(model.pending(), 2);
    assert.equal(deltaText(await postEvents(model)), "first");
    assert.equal(deltaText(await postEvents(model)), "second");
    assert.equal(model.pending(), 0);
    const fallback = await postEvents(model);
    assert.equal(deltaText(fallback), "Done.");
    assert.equal(fallback.at(-1)!.event, "response.completed");
  });

  it("accepts a custom default reply", async () => {
    await model.close();
    model = await startMockModel({ defaultReply: text("Nothing scripted") });
    assert.equal(deltaText(await postEvents(model)), "Nothing scripted");
  });

  it("keeps no request log with keepRequests: false, and still counts arrivals", async () => {
    await model.close();
    model = await startMockModel({ keepRequests: false });
    model.enqueue((_request, index) => text(`#${index}`));
    assert.equal(deltaText(await postEvents(model)), "#0");
    model.enqueue((_request, index) => text(`#${index}`));
    assert.equal(deltaText(await postEvents(model)), "#1");
    assert.equal(model.requests.length, 0);
    assert.deepEqual(await model.waitForRequests(2, 100), []);
  });

  it("supports function replies and an onRequest handler", async () => {
    model.enqueue((request, index) => text(`echo ${String(request.model)} #${index}`));
    assert.equal(deltaText(await postEvents(model, { model: "m1", input: [] })), "echo m1 #0");

    model.enqueue(text("queued"));
    model.onRequest((request) => (request.model === "special" ? text("handled") : undefined));
    assert.equal(deltaText(await postEvents(model, { model: "special", input: [] })), "handled");
    assert.equal(deltaText(await postEvents(model, { model: "other", input: [] })), "queued");
    model.onRequest(undefined);
    assert.equal(deltaText(await postEvents(model, { model: "special", input: [] })), "Done.");
  });

  it("answers an HTTP error without streaming", async () => {
    model.enqueue(httpError(500), httpError(429, { error: { message: "slow down" } }));
    const res = await post(model);
    assert.equal(res.status, 500);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /500/);
    const res2 = await post(model);
    assert.equal(res2.status, 429);
    assert.deepEqual(await res2.json(), { error: { message: "slow down" } });
    assert.equal(model.requests.length, 2);
  });

  it("cuts the stream: some deltas arrive, then the connection breaks without completed", async () => {
    model.enqueue(cutStream("Partial answer here", { chunks: 3 }));
    const res = await rawPost(model);
    assert.equal(res.statusCode, 200);
    let received = "";
    const outcome = await new Promise<string>((resolve) => {
      res.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
      res.on("error", () => resolve("error"));
      res.on("aborted", () => resolve("aborted"));
      res.on("end", () => resolve("end"));
    });
    assert.notEqual(outcome, "end", "a cut stream must not end cleanly");
    assert.match(received, /response\.output_text\.delta/);
    assert.doesNotMatch(received, /response\.completed/);
    assert.doesNotMatch(received, /response\.output_item\.done/);
  });

  it("fetch sees a cut stream as a failed body read", async () => {
    model.enqueue(cutStream());
    const res = await post(model);
    await assert.rejects(res.text());
  });

  it("streams slow replies with delays and stops writing when the client disconnects", async () => {
    // Thirty words 100 ms apart: still streaming long after the second word, however slow
    // this machine is to read it; without the delays it would have ended at once.
    const words = ["one", "two", ...Array.from({ length: 28 }, (_, i) => `w${i}`)];
    model.enqueue(slow(words.join(" "), { delayMs: 100 }));
    const controller = new AbortController();
    const res = await fetch(`${model.url}/responses`, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!/"delta":"two /.test(seen)) {
      const { value, done } = await reader.read();
      assert.ok(!done, "stream ended before the second delta");
      seen += decoder.decode(value, { stream: true });
    }
    assert.doesNotMatch(seen, /"delta":"w27"/, "the words are not all sent at once");
    assert.equal(model.activeStreams(), 1);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await waitUntil(() => model.activeStreams() === 0, "the server to stop streaming", 5_000);
    assert.equal(model.abortedStreams, 1);
  });

  it("streams a reasoning summary before the text", async () => {
    model.enqueue(reply(reasoning("Thinking hard", { chunks: 2 }), text("Answer")));
    const events = await postEvents(model);
    const types = events.map((e) => e.event);
    const firstSummary = types.indexOf("response.reasoning_summary_text.delta");
    assert.ok(types.indexOf("response.reasoning_summary_part.added") < firstSummary);
    assert.ok(firstSummary < types.indexOf("response.output_text.delta"));
    const summary = events
      .filter((e) => e.event === "response.reasoning_summary_text.delta")
      .map((e) => {
        assert.equal(e.data.summary_index, 0);
        return e.data.delta as string;
      })
      .join("");
    assert.equal(summary, "Thinking hard");
    const outputIndexes = events
      .filter((e) => e.event === "response.output_item.done")
      .map((e) => e.data.output_index);
    assert.deepEqual(outputIndexes, [0, 1]);
  });

  it("builds an exec_command function call asking for escalation", async () => {
    model.enqueue(shellCall({ cmd: "echo hi", callId: "call_x", workdir: "sub" }));
    const events = await postEvents(model);
    const done = events.find((e) => e.event === "response.output_item.done")!;
    const item = done.data.item as {
      type: string;
      name: string;
      call_id: string;
      arguments: string;
    };
    assert.equal(item.type, "function_call");
    assert.equal(item.name, "exec_command");
    assert.equal(item.call_id, "call_x");
    assert.deepEqual(JSON.parse(item.arguments), {
      cmd: "echo hi",
      workdir: "sub",
      login: false,
      sandbox_permissions: "require_escalated",
      justification: "The test needs to run this command outside the sandbox.",
    });
    assert.equal(events.at(-1)!.event, "response.completed");

    model.enqueue(shellCall({ cmd: "ls", justification: null }));
    const plain = (await postEvents(model)).find((e) => e.event === "response.output_item.done")!;
    assert.deepEqual(JSON.parse((plain.data.item as { arguments: string }).arguments), {
      cmd: "ls",
      login: false,
    });
  });

  it("builds apply_patch as a freeform custom tool call", async () => {
    const patch = addFilePatch("hello.txt", "hello\nworld\n");
    assert.equal(patch, "*** Begin Patch\n*** Add File: hello.txt\n+hello\n+world\n*** End Patch");
    assert.equal(
      updateFilePatch("a.txt", "two", "TWO"),
      "*** Begin Patch\n*** Update File: a.txt\n@@\n-two\n+TWO\n*** End Patch",
    );
    model.enqueue(applyPatch(patch, { callId: "call_p" }));
    const events = await postEvents(model);
    const done = events.find((e) => e.event === "response.output_item.done")!;
    assert.deepEqual(
      { ...(done.data.item as object), id: undefined },
      {
        type: "custom_tool_call",
        id: undefined,
        call_id: "call_p",
        name: "apply_patch",
        input: patch,
      },
    );
  });

  it("finds tool call outputs in a later request", async () => {
    await postEvents(model, {
      input: [
        { type: "function_call", call_id: "c1", name: "exec_command", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "hi\n" },
        {
          type: "custom_tool_call_output",
          call_id: "c2",
          output: [{ type: "input_text", text: "ok" }],
        },
      ],
    });
    const request = model.requests[0]!;
    assert.equal(callOutputText(findCallOutput(request, "c1")), "hi\n");
    assert.equal(callOutputText(findCallOutput(request, "c2")), "ok");
    assert.equal(findCallOutput(request, "nope"), undefined);
  });

  it("waits for requests", async () => {
    const waiting = model.waitForRequests(1, 2000);
    await postEvents(model);
    assert.equal((await waiting).length, 1);
    await assert.rejects(model.waitForRequests(5, 50), /waited 50 ms/);
  });

  it("answers GET /v1/models with an empty list and 404s unknown paths, logging them", async () => {
    const models = await fetch(`${model.url}/models`);
    assert.equal(models.status, 200);
    assert.deepEqual(((await models.json()) as { data: unknown[] }).data, []);

    const res = await fetch(`${model.url}/nope?x=1`, { method: "PUT", body: "abc" });
    assert.equal(res.status, 404);
    assert.ok(((await res.json()) as { error: unknown }).error);
    assert.deepEqual(model.unhandled, [{ method: "PUT", path: "/v1/nope?x=1", body: "abc" }]);
    assert.equal(model.requests.length, 0);
  });

  it("close() ends open streams and sockets and leaves no handle behind", async () => {
    // Sixteen words a second apart: longer than the test's timeout, so close() must not wait.
    model.enqueue(slow("a b c d e f g h i j k l m n o p", { delayMs: 1000 }));
    const res = await rawPost(model);
    const ended = new Promise<void>((resolve) => {
      res.on("data", () => undefined);
      res.on("close", () => resolve());
      res.on("error", () => resolve());
    });
    await waitUntil(() => model.activeStreams() === 1, "the slow stream to start", 5_000);

    const count = (list: string[], name: string): number => list.filter((r) => r === name).length;
    const before = process.getActiveResourcesInfo();
    await model.close();
    await ended;
    assert.equal(model.activeStreams(), 0);
    await model.close(); // idempotent

    await new Promise((r) => setImmediate(r));
    const after = process.getActiveResourcesInfo();
    assert.ok(!after.includes("TCPServerWrap"), `a server handle is still open: ${after.join()}`);
    // Before: the server, its end of the connection and ours; after: none of them.
    assert.equal(
      count(after, "TCPSocketWrap"),
      count(before, "TCPSocketWrap") - 2,
      `sockets still open: ${after.join()}`,
    );
    // The slow stream's delay timer is gone (mocha keeps its own test timer).
    assert.ok(
      count(after, "Timeout") < count(before, "Timeout"),
      `timers: before ${before.join()} / after ${after.join()}`,
    );
    await assert.rejects(fetch(`${model.url}/responses`, { method: "POST", body: "{}" }));
  });
});

describe("mock model in a child process", () => {
  it("serves the default text from 127.0.0.1 and exits on close()", async function () {
    this.timeout(30_000); // the child starts Node with tsx
    const child = await startMockModelProcess({
      defaultText: "From the child",
      textOptions: { chunks: 2 },
    });
    try {
      assert.match(child.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      assert.notEqual(child.pid, process.pid);
      const res = await fetch(`${child.url}/responses`, { method: "POST", body: "{}" });
      assert.equal(res.status, 200);
      const events = parseSse(await res.text());
      assert.equal(deltaText(events), "From the child");
      assert.equal(events.filter((e) => e.event === "response.output_text.delta").length, 2);
    } finally {
      await child.close();
    }
    assert.throws(() => process.kill(child.pid, 0), /ESRCH/, "the child has exited");
    await child.close(); // idempotent
    await assert.rejects(fetch(`${child.url}/responses`, { method: "POST", body: "{}" }));
  });
});

describe("mock model script helpers", () => {
  it("splitChunks splits into at most n pieces that join back", () => {
    assert.deepEqual(splitChunks("abcdef", 3), ["ab", "cd", "ef"]);
    assert.deepEqual(splitChunks("ab", 5), ["a", "b"]);
    assert.deepEqual(splitChunks("", 3), [""]);
    assert.equal(splitChunks("hello world", 4).join(""), "hello world");
  });
});
