/**
 * The child of `startMockModelProcess` (process.ts): one mock model answering every request with
 * `text(defaultText, textOptions)` from the JSON in argv[2], without a request log. Prints
 * `{"url","port"}` on one stdout line; stops when stdin closes (the parent closed it or died) or
 * on SIGTERM/SIGINT.
 */
import type { MockModelProcessConfig } from "./process";
import { text } from "./script";
import { startMockModel } from "./server";

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "{}") as MockModelProcessConfig;
  const model = await startMockModel({
    defaultReply:
      config.defaultText === undefined ? undefined : text(config.defaultText, config.textOptions),
    keepRequests: false,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void model.close().then(() => process.exit(0));
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.on("error", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdout.write(`${JSON.stringify({ url: model.url, port: model.port })}\n`);
}

main().catch((error: unknown) => {
  console.error("mock model process:", error);
  process.exit(1);
});
