// Bench-only extension test runner (extensionTestsPath) for metric 6: stays alive in code-server's
// extension host while the bench drives the sidebar and notes when bytes holding $BENCH_WIRE_MARK
// cross the host's wires: its sockets (the codex child's stdin and stdout pipes, the connection to
// the workbench) and, for a compressed workbench connection, the zlib streams that the
// connection's messages pass through before and after compression. Nothing is changed: each
// patched method notes a time and calls the original.
// GET 127.0.0.1:$BENCH_WIRE_PORT/times → the notes so far (JSON, then cleared); /quit ends the run.
// A note: {t, wire, text} with t = performance.timeOrigin + performance.now() (comparable with the
// browser's clock on the same machine), wire = which method saw the bytes, text = up to 200
// characters before and 60 after the first mark.
const http = require("node:http");
const net = require("node:net");
const zlib = require("node:zlib");

const MARK = process.env.BENCH_WIRE_MARK;
const notes = [];
const now = () => performance.timeOrigin + performance.now();

/** BENCH_WIRE_ALL=1 (diagnosis): every message to and from the workbench is noted, marked or not. */
const ALL = Boolean(process.env.BENCH_WIRE_ALL);

function note(wire, data) {
  if (typeof data !== "string" && !Buffer.isBuffer(data) && !(data instanceof Uint8Array)) return;
  const buffer = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
  const at = buffer.indexOf(MARK);
  if (at < 0 && ALL && (wire === "deflate.write" || wire === "inflate.data")) {
    // The readable parts of the RPC message: the method and the start of its arguments.
    const text = buffer
      .subarray(0, 400)
      .toString("latin1")
      .replace(/[^\x20-\x7e]+/g, " ");
    notes.push({ t: now(), wire, text: text.slice(0, 160) });
    return;
  }
  if (at < 0) return;
  const t = now();
  const text = buffer.subarray(Math.max(0, at - 200), at + 60).toString("utf8");
  if (text.includes('"wire":')) return; // this probe's own answer
  notes.push({ t, wire, text });
}

function patchWrite(proto, wire) {
  const original = proto.write;
  proto.write = function (chunk, ...rest) {
    note(wire, chunk);
    return original.call(this, chunk, ...rest);
  };
}

function patchData(proto, wire) {
  const original = proto.emit;
  proto.emit = function (event, chunk, ...rest) {
    if (event === "data") note(wire, chunk);
    return original.call(this, event, chunk, ...rest);
  };
}

patchWrite(net.Socket.prototype, "socket.write");
patchData(net.Socket.prototype, "socket.data");
patchWrite(zlib.DeflateRaw.prototype, "deflate.write");
patchData(zlib.InflateRaw.prototype, "inflate.data");

exports.run = function run() {
  return new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      if (request.url === "/times") {
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify(notes.splice(0)));
        return;
      }
      response.end("bye");
      if (request.url === "/quit") server.close(() => resolve());
    });
    server.listen(Number(process.env.BENCH_WIRE_PORT), "127.0.0.1");
  });
};
