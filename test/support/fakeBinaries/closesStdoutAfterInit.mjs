// Runs a real command (argv[2..]) and relays its stdio. The first time it is run with a given
// marker file (argv[2]), it closes its own stdout shortly after relaying the `initialize`
// answer and keeps running, so the parent sees stdout end while the process stays alive.
// Later runs (marker present) just relay.
//   node closesStdoutAfterInit.mjs <markerFile> <codex> app-server
import { spawn } from "node:child_process";
import { closeSync, existsSync, writeFileSync } from "node:fs";

const [marker, command, ...args] = process.argv.slice(2);
const closeAfterInit = !existsSync(marker);
if (closeAfterInit) writeFileSync(marker, String(process.pid));

const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
process.stdin.pipe(child.stdin);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

let buffered = "";
let closed = false;
child.stdout.on("data", (chunk) => {
  if (closed) return; // swallow: our stdout is gone, codex keeps running
  process.stdout.write(chunk);
  if (!closeAfterInit) return;
  buffered += chunk.toString("utf8");
  if (/"userAgent"/.test(buffered)) {
    closed = true;
    setTimeout(() => closeSync(1), 200);
  }
});
