// Bench-only stand-in for `codex` (chatgpt.cliExecutable points at a launcher that runs this):
// spawns the real codex with the same arguments and passes its stdin and stdout through unchanged,
// noting when JSONL lines that matter to the time-to-first-token bench cross the pipes.
// Usage: node codexTap.cjs <times.jsonl> <real codex> [codex args...]
// Each noted line is appended to <times.jsonl> as {t, dir: "in"|"out", method?, id?, text?}:
// t is performance.timeOrigin + performance.now() when the chunk holding the line arrived (the
// wall clock in ms, comparable with the browser's on the same machine). Noted: every request the
// host writes (turn/start with its settings), responses, turn/started, turn/completed and
// agent-message deltas (their text's start).
const { spawn } = require("node:child_process");
const { appendFileSync } = require("node:fs");

const [out, codex, ...args] = process.argv.slice(2);
const child = spawn(codex, args, { stdio: ["pipe", "pipe", "inherit"] });

const now = () => performance.timeOrigin + performance.now();
const NOTED = new Set(["turn/started", "item/agentMessage/delta", "turn/completed"]);

/** Splits chunks into lines, forwarding each chunk first, then noting what matters in its lines. */
function tap(from, to, dir, note) {
  let rest = "";
  from.on("data", (chunk) => {
    const t = now();
    to.write(chunk);
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop();
    const noted = [];
    for (const line of lines) {
      const entry = note(line);
      if (entry) noted.push(JSON.stringify({ t, dir, ...entry }));
    }
    if (noted.length > 0) appendFileSync(out, noted.join("\n") + "\n");
  });
  from.on("end", () => to.end?.());
}

tap(process.stdin, child.stdin, "in", (line) => {
  const message = JSON.parse(line);
  if (message.method === undefined || message.id === undefined) return undefined;
  // What a turn carries besides its input (settings the host adds), for the bench's detail.
  const settings =
    message.method === "turn/start" ? { ...message.params, input: undefined } : undefined;
  return { method: message.method, id: message.id, ...(settings ? { settings } : {}) };
});
tap(child.stdout, process.stdout, "out", (line) => {
  if (line.startsWith('{"id"')) return { id: JSON.parse(line).id };
  const method = /^\{"method":"([^"]+)"/.exec(line)?.[1];
  if (!method || !NOTED.has(method)) return undefined;
  const message = JSON.parse(line);
  return { method, ...(message.params.delta ? { text: message.params.delta.slice(0, 40) } : {}) };
});

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.stdin.on("error", () => undefined);
process.stdout.on("error", () => undefined);
