// Answers the first <count> requests of <method> with JSON-RPC error -32001 ("Server
// overloaded", what codex answers when its request queue is full) and relays everything else to
// the real codex.
//   node overloadFirst.mjs <method> <count> <codex> app-server
import { asRequest, relay } from "./relay.mjs";

const [method, count, ...command] = process.argv.slice(2);
let answered = 0;
relay(command, {
  onLine(line, { forward, reply }) {
    const request = asRequest(line);
    if (request?.method === method && answered < Number(count)) {
      answered++;
      process.stderr.write(`overload wrapper: -32001 for ${method} (${answered}/${count})\n`);
      reply({
        id: request.id,
        error: { code: -32001, message: "Server overloaded; retry later." },
      });
      return;
    }
    forward(line);
  },
});
