// Relays to the real codex; for the first <crashes> runs (counted in <counterFile>) it exits with
// code 3 shortly after codex answered `initialize`: an app-server that crashes right after every
// start. Later runs just relay.
//   node crashAfterInit.mjs <counterFile> <crashes> <codex> app-server
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relay } from "./relay.mjs";

const [counter, crashes, ...command] = process.argv.slice(2);
const run = (existsSync(counter) ? Number(readFileSync(counter, "utf8")) : 0) + 1;
writeFileSync(counter, String(run));
const crash = run <= Number(crashes);
let seen = "";
let scheduled = false;
relay(command, {
  onOutput(text, child) {
    if (!crash || scheduled) return;
    seen += text;
    if (!/"userAgent"/.test(seen)) return;
    scheduled = true;
    setTimeout(() => {
      process.stderr.write(`Error: crash wrapper: simulated crash ${run} of ${crashes}\n`);
      child.kill("SIGKILL");
      process.exit(3);
    }, 100);
  },
});
