// Bench-only extension test runner (extensionTestsPath) for metric 16: stays alive in
// code-server's extension host while the bench drives the sidebar, and answers on
// 127.0.0.1:$BENCH_HEAP_PORT: GET /heap → the host's heap after two full collections (JSON),
// GET /quit → ends the run. Diagnosis: GET /profile/start, then /profile/stop writes a CPU
// profile of the extension host to $BENCH_HOST_PROFILE.
const { writeFileSync } = require("node:fs");
const http = require("node:http");
const inspector = require("node:inspector");
const v8 = require("node:v8");
const vm = require("node:vm");

// The extension host runs without --expose-gc: turn it on and take gc from a fresh context.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

let profiler;

/** Posts `method` to the inspector session and resolves with its result. */
function post(method, params = {}) {
  return new Promise((resolve, reject) =>
    profiler.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function profile(action) {
  if (action === "start") {
    profiler = new inspector.Session();
    profiler.connect();
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 200 });
    await post("Profiler.start");
    return;
  }
  const { profile: result } = await post("Profiler.stop");
  writeFileSync(process.env.BENCH_HOST_PROFILE, JSON.stringify(result));
  profiler.disconnect();
}

exports.run = function run() {
  return new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      const action = /^\/profile\/(start|stop)$/.exec(request.url ?? "")?.[1];
      if (action) {
        profile(action).then(
          () => response.end("ok"),
          (error) => response.end(String(error)),
        );
        return;
      }
      if (request.url === "/heap") {
        gc();
        gc();
        const memory = process.memoryUsage();
        response.setHeader("content-type", "application/json");
        response.end(
          JSON.stringify({
            heapUsed: memory.heapUsed,
            rss: memory.rss,
            external: memory.external,
            pid: process.pid,
          }),
        );
        return;
      }
      response.end("bye");
      if (request.url === "/quit") server.close(() => resolve());
    });
    server.listen(Number(process.env.BENCH_HEAP_PORT), "127.0.0.1");
  });
};
