/**
 * Fuzzing the JSONL reader (deterministic seeds, bounded time): random garbage between valid
 * messages, random chunk boundaries (including inside multi-byte UTF-8 sequences), empty lines,
 * CRLF mixed with LF, oversized lines, 50 MB lines and a missing final newline. Every valid
 * message is delivered exactly once and in order, the reader never throws or logs an internal
 * error, and what it buffers never exceeds the line limit.
 *
 * Hand-written cases of the same features live in test/unit/appServer/jsonlTransport.test.ts.
 */
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";

import type { Message } from "vscode-jsonrpc/node";

import { JsonlMessageReader } from "../../../extension/appServer/jsonlTransport";
import type { Logger } from "../../../extension/log";
import { randomText, rng, type Rng } from "./prng";

interface Harness {
  stream: PassThrough;
  reader: JsonlMessageReader;
  messages: Message[];
  warnings: string[];
  errors: string[];
  closed: () => number;
  /** The reader's buffered bytes of the current line (its internal state). */
  buffered: () => number;
}

function setup(maxLineBytes?: number): Harness {
  const stream = new PassThrough();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => void warnings.push(message),
    error: (message) => void errors.push(String(message)),
  };
  const reader = new JsonlMessageReader(stream, {
    logger,
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
  });
  const messages: Message[] = [];
  let closed = 0;
  reader.onClose(() => closed++);
  reader.listen((message) => messages.push(message));
  const internals = reader as unknown as { pendingBytes: number; pending: Buffer[] };
  return {
    stream,
    reader,
    messages,
    warnings,
    errors,
    closed: () => closed,
    buffered: () => {
      const counted = internals.pending.reduce((sum, piece) => sum + piece.length, 0);
      assert.equal(counted, internals.pendingBytes, "pendingBytes matches the kept pieces");
      return counted;
    },
  };
}

/**
 * Writes each chunk and lets the stream deliver it; checks the buffer bound after each. The
 * reader may hold the line limit plus one byte: the CR of a CRLF split from its LF.
 */
async function feed(t: Harness, chunks: Buffer[], bound: number): Promise<void> {
  let peak = 0;
  for (const chunk of chunks) {
    t.stream.write(chunk);
    await new Promise<void>((resolve) => setImmediate(resolve));
    peak = Math.max(peak, t.buffered());
  }
  assert.ok(peak <= bound, `buffered ${peak} bytes, bound ${bound}`);
}

function randomMessage(r: Rng, index: number): Record<string, unknown> {
  switch (r.int(0, 2)) {
    case 0:
      return { method: "item/agentMessage/delta", params: { i: index, delta: randomText(r, 40) } };
    case 1:
      return { id: index, result: { i: index, text: randomText(r, 60), nested: [{ a: null }] } };
    default:
      return {
        id: `req-${index}`,
        method: "item/commandExecution/requestApproval",
        params: { i: index, command: randomText(r, 30) },
      };
  }
}

/** A line that can never be a message: invalid UTF-8 first, then anything but `\n`. */
function garbageLine(r: Rng): Buffer {
  const body = r.bytes(r.int(0, 80)).map((byte) => (byte === 0x0a ? 0x20 : byte));
  return Buffer.concat([Buffer.from([0xff]), body]);
}

/** Cuts `data` at random points; about a third of the cuts land inside a UTF-8 sequence. */
function randomSplit(r: Rng, data: Buffer, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(data.length, start + r.int(1, maxChunk));
    if (r.bool(0.33)) {
      // Move the cut to just after a UTF-8 lead byte when one is near, splitting the character.
      for (let probe = end; probe < Math.min(data.length, end + 8); probe++) {
        if ((data[probe]! & 0xc0) === 0xc0) {
          end = probe + 1;
          break;
        }
      }
    }
    chunks.push(data.subarray(start, end));
    start = end;
  }
  return chunks;
}

describe("hardening: JSONL reader fuzz", function () {
  this.timeout(20_000);

  it("delivers every valid message exactly once, in order, through garbage, CRLF and random splits (60 seeds)", async () => {
    const MAX = 2_048;
    let splitInsideUtf8 = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const t = setup(MAX);
      const expected: unknown[] = [];
      const parts: Buffer[] = [];
      for (let i = 0; i < 40; i++) {
        const kind = r.int(0, 9);
        const eol = r.bool(0.3) ? "\r\n" : "\n";
        if (kind <= 5) {
          const message = randomMessage(r, i);
          expected.push(message);
          parts.push(Buffer.from(JSON.stringify(message) + eol, "utf8"));
        } else if (kind === 6) {
          parts.push(Buffer.concat([garbageLine(r), Buffer.from(eol)]));
        } else if (kind === 7) {
          parts.push(Buffer.from(r.pick(["\n", "\r\n", "\n\n", "   \n", "\r\n\r\n"])));
        } else if (kind === 8) {
          // JSON that is not a JSON-RPC message.
          parts.push(Buffer.from(r.pick(["[]", "42", '"x"', "null", "{}", '{"foo":1}']) + eol));
        } else {
          // Over the line limit (a valid message, but too long): skipped whole.
          const big = { method: "big", params: { s: "x".repeat(MAX + r.int(0, MAX * 3)) } };
          parts.push(Buffer.from(JSON.stringify(big) + eol));
        }
      }
      const data = Buffer.concat(parts);
      const chunks = randomSplit(r, data, 300);
      for (const chunk of chunks) {
        const last = chunk[chunk.length - 1]!;
        if ((last & 0x80) !== 0 && (last & 0xc0) !== 0x80) splitInsideUtf8++;
      }
      await feed(t, chunks, MAX + 1);
      assert.deepEqual(t.messages, expected, `seed ${seed}`);
      assert.deepEqual(t.errors, [], `seed ${seed}: no internal errors`);
      t.stream.end();
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.equal(t.closed(), 1);
    }
    assert.ok(splitInsideUtf8 > 30, `only ${splitInsideUtf8} cuts inside UTF-8 sequences`);
  });

  it("survives pure random bytes (newlines included) without throwing, delivering or growing", async () => {
    for (let seed = 1000; seed < 1025; seed++) {
      const r = rng(seed);
      const MAX = 512;
      const t = setup(MAX);
      const data = r.bytes(20_000);
      // Bytes 0xff can never start valid UTF-8, so no random line can parse as JSON by chance...
      // except lines made only of digits/whitespace; those are not messages either.
      await feed(t, randomSplit(r, data, 700), MAX + 1);
      assert.deepEqual(t.errors, [], `seed ${seed}`);
      assert.ok(
        t.messages.every((m) => typeof m === "object" && m !== null && !Array.isArray(m)),
        `seed ${seed}: only message-shaped objects can come out`,
      );
      t.stream.end();
    }
  });

  it("accepts lines right at the limit whatever the chunking and line ending, and skips one byte more", async () => {
    const MAX = 256;
    const atLimit = (length: number, i: number): string => {
      const head = `{"id":${i},"result":"`;
      return head + "y".repeat(length - head.length - 2) + '"}';
    };
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const t = setup(MAX);
      const expected: unknown[] = [];
      const parts: Buffer[] = [];
      for (let i = 0; i < 12; i++) {
        const length = MAX + r.int(-2, 1);
        const line = atLimit(length, i);
        if (length <= MAX) expected.push(JSON.parse(line));
        parts.push(Buffer.from(line + (r.bool() ? "\r\n" : "\n")));
      }
      await feed(t, randomSplit(r, Buffer.concat(parts), MAX + 10), MAX + 1);
      assert.deepEqual(t.messages, expected, `seed ${seed}`);
    }
    // The same with every CRLF cut between its CR and LF (CR at the end of one chunk).
    const t = setup(MAX);
    const lines = [MAX - 1, MAX, MAX + 1, MAX].map((length, i) => atLimit(length, i));
    const chunks = lines.flatMap((line) => [
      Buffer.from(line.slice(0, 10)),
      Buffer.from(line.slice(10) + "\r"),
      Buffer.from("\n"),
    ]);
    await feed(t, chunks, MAX + 1);
    assert.deepEqual(t.messages, [
      JSON.parse(lines[0]!),
      JSON.parse(lines[1]!),
      JSON.parse(lines[3]!),
    ]);
  });

  it("ignores lines of 0 bytes and a stream of only newlines", async () => {
    const t = setup();
    await feed(t, [Buffer.from("\n".repeat(10_000)), Buffer.from("\r\n".repeat(5_000))], 0);
    assert.deepEqual(t.messages, []);
    assert.deepEqual(t.warnings, []);
  });

  it("drops a 50 MB line with the default limit without buffering it, then reads on", async () => {
    const t = setup();
    const before = process.memoryUsage();
    const piece = Buffer.alloc(64 * 1024, "x".charCodeAt(0));
    const chunks = [Buffer.from('{"method":"huge","params":{"s":"')];
    for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) chunks.push(piece);
    chunks.push(Buffer.from('"}}\n{"method":"after","params":{}}\n'));
    // Never more than the limit (16 MiB, plus a CR) is held; the oversized line not at all.
    await feed(t, chunks, 16 * 1024 * 1024 + 1);
    assert.equal(t.buffered(), 0);
    assert.deepEqual(t.messages, [{ method: "after", params: {} }]);
    assert.ok(t.warnings.some((w) => /longer than 16777216 bytes/.test(w)));
    assert.ok(
      t.warnings.every((w) => w.length < 400),
      "logs show a preview, never the line",
    );
    const grown = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    assert.ok(grown < 40 * 1024 * 1024, `array buffers grew by ${grown} bytes`);
  });

  it("delivers a 50 MB message exactly once when the limit allows it", async () => {
    const t = setup(64 * 1024 * 1024);
    const size = 50 * 1024 * 1024;
    const body = Buffer.alloc(size, "é"); // 25 Mi two-byte characters
    const chunks = [Buffer.from('{"id":7,"result":{"s":"')];
    // An odd stride: every chunk edge falls inside a character.
    const stride = 1024 * 1024 + 1;
    for (let at = 0; at < size; at += stride) chunks.push(body.subarray(at, at + stride));
    chunks.push(Buffer.from('"}}\r\n'));
    await feed(t, chunks, size + 64);
    assert.equal(t.messages.length, 1);
    const result = (t.messages[0] as unknown as { result: { s: string } }).result.s;
    assert.equal(result.length, size / 2);
    assert.ok(!result.includes("\ufffd"), "no character was broken by a chunk edge");
    assert.equal(t.buffered(), 0, "nothing is kept after the line ends");
  });

  it("without a final newline: everything before it is delivered once, the tail is dropped and logged", async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed);
      const t = setup();
      const expected = Array.from({ length: r.int(1, 20) }, (_, i) => randomMessage(r, i));
      const last = randomMessage(r, 999);
      const data = Buffer.from(
        expected.map((m) => JSON.stringify(m) + (r.bool() ? "\n" : "\r\n")).join("") +
          JSON.stringify(last),
      );
      await feed(t, randomSplit(r, data, 100), 16 * 1024 * 1024);
      t.stream.end();
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(t.messages, expected, `seed ${seed}`);
      assert.equal(t.closed(), 1);
      assert.ok(t.warnings.some((w) => /unterminated line/.test(w)));
    }
  });
});
