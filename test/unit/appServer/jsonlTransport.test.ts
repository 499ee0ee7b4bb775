import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";

import type { Message } from "vscode-jsonrpc/node";

import {
  JsonlMessageReader,
  JsonlMessageWriter,
} from "../../../extension/appServer/jsonlTransport";
import type { Logger } from "../../../extension/log";

/** A full GC, without running the whole suite under --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose_gc");
  (runInNewContext("gc") as () => void)();
}

interface RecordingLogger extends Logger {
  warnings: string[];
  errors: string[];
}

function recordingLogger(): RecordingLogger {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => errors.push(String(message)),
  };
}

/** A reader on a PassThrough, collecting messages; `feed` writes chunks one tick apart. */
function setup(options: { maxLineBytes?: number } = {}) {
  const stream = new PassThrough();
  const logger = recordingLogger();
  const reader = new JsonlMessageReader(stream, { logger, ...options });
  const messages: Message[] = [];
  let closed = 0;
  reader.onClose(() => closed++);
  reader.listen((message) => messages.push(message));
  return {
    stream,
    logger,
    reader,
    messages,
    closed: () => closed,
    async feed(...chunks: Array<Buffer | string>) {
      for (const chunk of chunks) {
        stream.write(chunk);
        await tick();
      }
    },
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("JsonlMessageReader", () => {
  it("reassembles a message split across chunk boundaries", async () => {
    const t = setup();
    const line = JSON.stringify({ method: "turn/started", params: { threadId: "t1" } }) + "\n";
    await t.feed(line.slice(0, 5), line.slice(5, 17), line.slice(17));
    assert.deepEqual(t.messages, [{ method: "turn/started", params: { threadId: "t1" } }]);
  });

  it("delivers many messages from one chunk, in order", async () => {
    const t = setup();
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: i, result: { i } }));
    await t.feed(lines.join("\n") + "\n");
    assert.equal(t.messages.length, 50);
    assert.deepEqual(
      t.messages.map((m) => (m as unknown as { id: number }).id),
      lines.map((_, i) => i),
    );
  });

  it("decodes multi-byte UTF-8 split byte by byte across chunks", async () => {
    const t = setup();
    const text = "héllo 👋 世界 🧑‍💻";
    const bytes = Buffer.from(JSON.stringify({ method: "m", params: { text } }) + "\n", "utf8");
    await t.feed(...Array.from(bytes, (byte) => Buffer.from([byte])));
    assert.deepEqual(t.messages, [{ method: "m", params: { text } }]);
    assert.deepEqual(t.logger.warnings, []);
  });

  it("tolerates CRLF line endings and skips empty lines", async () => {
    const t = setup();
    await t.feed('{"method":"a"}\r\n\r\n\n   \n{"method":"b"}\r', "\n");
    assert.deepEqual(t.messages, [{ method: "a" }, { method: "b" }]);
    assert.deepEqual(t.logger.warnings, []);
  });

  it("holds a line without newline until the newline arrives", async () => {
    const t = setup();
    await t.feed('{"method":"late"}');
    assert.equal(t.messages.length, 0);
    await t.feed("\n");
    assert.deepEqual(t.messages, [{ method: "late" }]);
  });

  it("drops a final unterminated line at end of stream (logged) and fires close once", async () => {
    const t = setup();
    await t.feed('{"method":"ok"}\n{"method":"cut off"}');
    t.stream.end();
    await tick();
    t.stream.destroy();
    await tick();
    assert.deepEqual(t.messages, [{ method: "ok" }]);
    assert.equal(t.closed(), 1);
    assert.match(t.logger.warnings.join("\n"), /unterminated line \(20 bytes\)/);
  });

  it("skips garbage lines (not JSON, not an object, not a message) and goes on", async () => {
    const t = setup();
    await t.feed(
      "WARNING: something on stdout\n",
      '[1,2,3]\n42\nnull\n"str"\n{"foo":1}\n{broken json\n',
      Buffer.from([0xff, 0xfe, 0xc3, 0x0a]),
      '{"method":"still alive"}\n',
    );
    assert.deepEqual(t.messages, [{ method: "still alive" }]);
    assert.equal(t.logger.warnings.length, 8);
    assert.ok(t.logger.warnings.every((w) => w.length < 400));
  });

  it("skips an oversized line without buffering it, then reads on", async () => {
    const max = 64 * 1024;
    const t = setup({ maxLineBytes: max });
    collectGarbage();
    const heapBefore = process.memoryUsage().arrayBuffers;
    // 64 MiB in 64 KiB chunks with no newline: must not be accumulated.
    const piece = Buffer.alloc(64 * 1024, 0x61);
    await t.feed('{"method":"before"}\n{"method":"big","params":"');
    for (let i = 0; i < 1024; i++) t.stream.write(piece);
    await tick();
    const internal = t.reader as unknown as { pendingBytes: number; pending: Buffer[] };
    assert.equal(internal.pendingBytes, 0);
    assert.equal(internal.pending.length, 0);
    await t.feed('"}\n{"method":"after"}\n');
    assert.deepEqual(t.messages, [{ method: "before" }, { method: "after" }]);
    const warnings = t.logger.warnings.join("\n");
    assert.match(warnings, /longer than 65536 bytes/);
    assert.ok(
      t.logger.warnings.every((w) => w.length < 400),
      "warnings carry a preview only",
    );
    // Generous bound: the 64 MiB line must not have been retained. Collected first, so garbage
    // that other code left behind (a loaded machine may not have run a GC yet) does not count.
    collectGarbage();
    assert.ok(process.memoryUsage().arrayBuffers - heapBefore < 32 * 1024 * 1024);
  });

  it("skips an oversized line that arrives in one chunk", async () => {
    const t = setup({ maxLineBytes: 100 });
    await t.feed(`{"method":"x","params":"${"y".repeat(200)}"}\n{"method":"ok"}\n`);
    assert.deepEqual(t.messages, [{ method: "ok" }]);
    assert.equal(t.logger.warnings.length, 1);
  });

  it("accepts a line of exactly maxLineBytes split across chunks", async () => {
    const body = '{"method":"m"}';
    const t = setup({ maxLineBytes: body.length });
    await t.feed(body.slice(0, 7), body.slice(7), "\r\n");
    assert.deepEqual(t.messages, [{ method: "m" }]);
  });

  it("never throws out of the data handler when the callback throws", async () => {
    const stream = new PassThrough();
    const logger = recordingLogger();
    const reader = new JsonlMessageReader(stream, { logger });
    const seen: string[] = [];
    reader.listen((message) => {
      const method = (message as unknown as { method: string }).method;
      seen.push(method);
      if (method === "boom") throw new Error("listener bug");
    });
    stream.write('{"method":"boom"}\n{"method":"next"}\n');
    await tick();
    assert.deepEqual(seen, ["boom", "next"]);
    assert.equal(logger.errors.length, 1);
  });

  it("reports a stream error and closes", async () => {
    const stream = new Readable({ read() {} });
    const reader = new JsonlMessageReader(stream, { logger: recordingLogger() });
    const errors: Error[] = [];
    let closed = 0;
    reader.onError((e) => errors.push(e));
    reader.onClose(() => closed++);
    reader.listen(() => undefined);
    stream.destroy(new Error("EIO"));
    await tick();
    assert.equal(errors[0]?.message, "EIO");
    assert.equal(closed, 1);
  });
});

describe("JsonlMessageWriter", () => {
  it("writes one JSON line per message, in call order", async () => {
    const stream = new PassThrough();
    const writer = new JsonlMessageWriter(stream);
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    await Promise.all([
      writer.write({ jsonrpc: "2.0", id: 1, method: "a", params: { x: "é" } } as Message),
      writer.write({ jsonrpc: "2.0", method: "b" } as Message),
    ]);
    const text = Buffer.concat(chunks).toString("utf8");
    assert.equal(
      text,
      '{"jsonrpc":"2.0","id":1,"method":"a","params":{"x":"é"}}\n{"jsonrpc":"2.0","method":"b"}\n',
    );
  });

  it("rejects a message that cannot be serialised without breaking the stream", async () => {
    const stream = new PassThrough();
    const writer = new JsonlMessageWriter(stream);
    const errors: unknown[] = [];
    writer.onError((e) => errors.push(e));
    const circular: Record<string, unknown> = { jsonrpc: "2.0", method: "c" };
    circular.params = circular;
    await assert.rejects(writer.write(circular as unknown as Message), TypeError);
    await writer.write({ jsonrpc: "2.0", method: "ok" } as Message);
    assert.deepEqual(errors, []);
  });

  it("surfaces stream errors through onError and rejects writes after close", async () => {
    const stream = new PassThrough();
    const writer = new JsonlMessageWriter(stream);
    const errors: Error[] = [];
    let closed = 0;
    writer.onError(([e]) => errors.push(e));
    writer.onClose(() => closed++);
    stream.destroy(new Error("EPIPE"));
    await tick();
    assert.equal(errors[0]?.message, "EPIPE");
    assert.equal(closed, 1);
    await assert.rejects(writer.write({ jsonrpc: "2.0", method: "x" } as Message), /closed/);
  });
});
