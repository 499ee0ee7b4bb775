// Shared plumbing of the fault wrappers: runs the real command (codex app-server), relays its
// stdout and stderr, and hands every JSONL line the parent writes to `onLine` (which forwards it
// with `forward(line)` or answers it itself with `reply(message)`). Exits like the child.
import { spawn } from "node:child_process";

/**
 * @param {string[]} argv  the command and its arguments
 * @param {{ onLine?: (line: string, io: { forward: (line: string) => void, reply: (message: unknown) => void, child: import("node:child_process").ChildProcess }) => void, onOutput?: (text: string, child: import("node:child_process").ChildProcess) => void }} hooks
 */
export function relay([command, ...args], hooks = {}) {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
    process.on(sig, () => child.kill(sig));
  }
  const forward = (line) => child.stdin.write(line + "\n");
  const reply = (message) => process.stdout.write(JSON.stringify(message) + "\n");
  let buffered = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (hooks.onLine) hooks.onLine(line, { forward, reply, child });
      else forward(line);
    }
  });
  process.stdin.on("end", () => child.stdin.end());
  child.stdin.on("error", () => undefined);
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    hooks.onOutput?.(chunk.toString("utf8"), child);
  });
  return child;
}

/** The parsed line when it is a request (`id` and `method`), else undefined. */
export function asRequest(line) {
  try {
    const message = JSON.parse(line);
    return message && typeof message.method === "string" && message.id !== undefined
      ? message
      : undefined;
  } catch {
    return undefined;
  }
}
