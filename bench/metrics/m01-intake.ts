/**
 * 1. Protocol intake: 100,000 notifications of realistic sizes (generated from the recorded
 * fixtures) through the project's JsonlMessageReader and NotificationIntake (the real
 * AppServerRpcClient, counted in onNotification), against a raw `split("\n")` + `JSON.parse` of
 * the same bytes. Both read the same in-memory stream, which hands out 64 KiB chunks one per
 * event-loop turn, like a child's stdout pipe. Runs are interleaved; medians are reported.
 */
import { Readable, Writable } from "node:stream";

import { JsonlMessageReader } from "../../extension/appServer/jsonlTransport";
import { AppServerRpcClient } from "../../extension/appServer/rpcClient";
import { silentLogger } from "../../extension/log";
import { generateStream, methodMix, toJsonl } from "../generate/stream";
import { gc, log, median, report, settle, spread } from "../lib/report";

const COUNT = Number(process.env.BENCH_INTAKE_COUNT ?? 100_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const CHUNK = 64 * 1024;

/**
 * A stdout-like stream: one 64 KiB chunk per event-loop turn. It stays open after the last
 * chunk, like a live app-server.
 */
function pipeLike(bytes: Buffer): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      setImmediate(() => {
        if (offset >= bytes.length) return;
        const end = Math.min(bytes.length, offset + CHUNK);
        this.push(bytes.subarray(offset, end));
        offset = end;
      });
    },
  });
}

const sink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

/** ms until the client delivered all `count` notifications. */
function runClient(bytes: Buffer, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const input = pipeLike(bytes);
    const client = new AppServerRpcClient(input, sink(), { logger: silentLogger });
    let seen = 0;
    let checksum = 0;
    const started = performance.now();
    client.onNotification((notification) => {
      checksum += notification.method.length;
      if (++seen === count) {
        const ms = performance.now() - started;
        client.dispose();
        if (checksum === 0) reject(new Error("no notifications"));
        resolve(ms);
      }
    });
    client.onClose(() => {
      if (seen < count) reject(new Error(`closed after ${seen} of ${count} notifications`));
    });
    client.listen();
  });
}

/** ms for the JsonlMessageReader alone (no vscode-jsonrpc): splits the cost for the report. */
function runReader(bytes: Buffer, count: number): Promise<number> {
  return new Promise((resolve) => {
    const reader = new JsonlMessageReader(pipeLike(bytes));
    let seen = 0;
    const started = performance.now();
    reader.listen(() => {
      if (++seen === count) {
        reader.dispose();
        resolve(performance.now() - started);
      }
    });
  });
}

/** ms to split and parse the same stream by hand. */
function runRaw(bytes: Buffer, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const input = pipeLike(bytes);
    let tail = "";
    let seen = 0;
    let checksum = 0;
    const started = performance.now();
    input.on("data", (chunk: Buffer) => {
      const lines = (tail + chunk.toString("utf8")).split("\n");
      tail = lines.pop()!;
      for (const line of lines) {
        if (!line) continue;
        const message = JSON.parse(line) as { method: string };
        checksum += message.method.length;
        if (++seen === count) {
          input.destroy();
          if (checksum === 0) reject(new Error("no messages"));
          resolve(performance.now() - started);
        }
      }
    });
  });
}

async function main(): Promise<void> {
  const stream = generateStream(COUNT);
  const bytes = toJsonl(stream);
  log(`intake: ${COUNT} notifications, ${(bytes.length / 1e6).toFixed(1)} MB, ${REPS} reps each`);
  // Warm-up (JIT) of both paths.
  await runRaw(bytes, COUNT);
  await runClient(bytes, COUNT);
  const raw: number[] = [];
  const client: number[] = [];
  const reader: number[] = [];
  for (let i = 0; i < REPS; i++) {
    gc();
    await settle();
    reader.push(await runReader(bytes, COUNT));
    gc();
    await settle();
    raw.push(await runRaw(bytes, COUNT));
    gc();
    await settle();
    client.push(await runClient(bytes, COUNT));
  }
  const rawRate = COUNT / (median(raw) / 1000);
  const clientRate = COUNT / (median(client) / 1000);
  const ratio = clientRate / rawRate;
  const mb = bytes.length / 1e6;
  const mix = methodMix(stream);
  const deltas = Object.entries(mix)
    .filter(([m]) => m.includes("elta"))
    .reduce((sum, [, n]) => sum + n, 0);
  report("1", [
    {
      name: "1 intake throughput (JsonlMessageReader + NotificationIntake)",
      value: clientRate,
      unit: "msg/s",
      baseline: rawRate,
      ratio,
      target: "≥ 0.5x raw",
      pass: ratio >= 0.5,
      detail:
        `${COUNT} msgs, ${mb.toFixed(1)} MB (${Math.round(bytes.length / COUNT)} B/msg avg, ` +
        `${((deltas / COUNT) * 100).toFixed(0)}% deltas); client ${median(client).toFixed(0)} ms ` +
        `[${spread(client, 0)}] = ${(mb / (median(client) / 1000)).toFixed(0)} MB/s, raw ` +
        `${median(raw).toFixed(0)} ms [${spread(raw, 0)}]; JsonlMessageReader alone ` +
        `${median(reader).toFixed(0)} ms (${(median(raw) / median(reader)).toFixed(2)}x raw), so ` +
        `the client's intake and dispatch add ${(median(client) - median(reader)).toFixed(0)} ms; ` +
        `${REPS} interleaved reps, medians`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
