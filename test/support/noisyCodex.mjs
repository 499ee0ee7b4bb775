#!/usr/bin/env node
// Runs a real codex (argv[2..]) and relays its stdio, but pollutes the stdout it relays with
// what a broken environment could put there: garbage lines, an oversized line, invalid UTF-8,
// CRLF endings and real messages split into tiny chunks. Only inserts at line boundaries, so
// every real message arrives intact. For protocol tests of the JSONL reader.
//   NOISY_OVERSIZED_BYTES  size of the oversized line (default 2 MiB)
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write("usage: noisyCodex.mjs <codex> [args...]\n");
  process.exit(2);
}
const oversizedBytes = Number(process.env.NOISY_OVERSIZED_BYTES ?? 2 * 1024 * 1024);

const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.pipe(child.stdin);
child.stdin.on("error", () => undefined);
process.stdout.on("error", () => undefined);

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});

const noise = [
  () => Buffer.from("this is not json\n"),
  () => Buffer.from("[1,2,3]\n"),
  () => Buffer.from('{"truncated": \n'),
  () => Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x0a]),
  () =>
    Buffer.concat([
      Buffer.from('{"method":"x","params":"'),
      Buffer.alloc(oversizedBytes, 0x41),
      Buffer.from('"}\n'),
    ]),
  () => Buffer.from("\r\n\n"),
  () => Buffer.from("42\n"),
];

// Before any real output: a burst of everything.
for (const make of noise) process.stdout.write(make());

let lineCount = 0;
let pending = Buffer.alloc(0);
child.stdout.on("data", (chunk) => {
  pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  let nl;
  while ((nl = pending.indexOf(0x0a)) !== -1) {
    const line = pending.subarray(0, nl);
    pending = pending.subarray(nl + 1);
    relayLine(line);
  }
});
child.stdout.on("end", () => {
  if (pending.length) process.stdout.write(pending);
});

function relayLine(line) {
  lineCount++;
  const crlf = lineCount % 2 === 0;
  const bytes = Buffer.concat([line, Buffer.from(crlf ? "\r\n" : "\n")]);
  if (lineCount % 3 === 0) {
    // Split into 7-byte chunks, so UTF-8 sequences and JSON tokens straddle writes.
    for (let i = 0; i < bytes.length; i += 7) process.stdout.write(bytes.subarray(i, i + 7));
  } else {
    process.stdout.write(bytes);
  }
  const make = noise[lineCount % noise.length];
  if (make) process.stdout.write(make());
}
