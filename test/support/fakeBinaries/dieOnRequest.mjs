// Relays to the real codex, but the first time (per <markerFile>) the parent sends a request of
// <method>, SIGKILLs codex and itself before codex can answer: an app-server killed in the middle
// of that request. Later runs (marker present) just relay.
//   node dieOnRequest.mjs <method> <markerFile> <codex> app-server
import { existsSync, writeFileSync } from "node:fs";
import { asRequest, relay } from "./relay.mjs";

const [method, marker, ...command] = process.argv.slice(2);
relay(command, {
  onLine(line, { forward, child }) {
    if (asRequest(line)?.method === method && !existsSync(marker)) {
      writeFileSync(marker, String(process.pid));
      process.stderr.write(`die wrapper: killed while codex handled ${method}\n`);
      child.kill("SIGKILL");
      process.kill(process.pid, "SIGKILL");
      return;
    }
    forward(line);
  },
});
