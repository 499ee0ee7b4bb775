/**
 * The mock model in a child process of its own, for measurements of the calling process that
 * must not count the mock's HTTP server (the memory bench: in the product the model is a remote
 * service, not part of the extension host).
 *
 *   const model = await startMockModelProcess({ defaultText: "Hi", textOptions: { chunks: 8 } });
 *   const home = await createCodexHome({ modelUrl: model.url });
 *   ...
 *   await model.close();
 *
 * The child (`processMain.ts`, run with `node --import tsx`) answers every request with
 * `text(defaultText, textOptions)`, keeps no request log and listens on 127.0.0.1 only. It prints
 * `{"url","port"}` as one JSON line on stdout and exits when its stdin closes: on `close()`, and
 * also when this process dies in any way (even SIGKILL), so it is never orphaned.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

import type { TextOptions } from "./script";

export interface MockModelProcessOptions {
  /** What every request is answered with, as `text(defaultText, textOptions)`. Default "Done.". */
  defaultText?: string;
  /** Serialisable text options (chunks, delayMs, id). */
  textOptions?: TextOptions;
  /** How long to wait for the child to listen. Default 30 s. */
  startTimeoutMs?: number;
}

/** What `processMain.ts` receives as its one argument (JSON). */
export interface MockModelProcessConfig {
  defaultText?: string;
  textOptions?: TextOptions;
}

export interface MockModelProcess {
  /** Base URL for codex's `base_url`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Closes the child's stdin (it stops its server and exits) and waits for it to exit; SIGKILL
   * after 5 s. Safe to call twice. */
  close(): Promise<void>;
}

const REPO = path.resolve(__dirname, "../../..");
const ENTRY = path.join(__dirname, "processMain.ts");

export async function startMockModelProcess(
  options: MockModelProcessOptions = {},
): Promise<MockModelProcess> {
  const config: MockModelProcessConfig = {
    defaultText: options.defaultText,
    textOptions: options.textOptions,
  };
  // cwd is the repository so `--import tsx` resolves whatever the caller's cwd.
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, JSON.stringify(config)], {
    cwd: REPO,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  child.stdin.on("error", () => undefined); // EPIPE once the child is gone
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      process.off("exit", killOnExit);
      resolve();
    });
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (running()) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    })();
    return closing;
  };

  let address: { url: string; port: number };
  try {
    address = await new Promise<{ url: string; port: number }>((resolve, reject) => {
      let buffered = "";
      const timeoutMs = options.startTimeoutMs ?? 30_000;
      const timer = setTimeout(
        () => fail(new Error(`mock model process: no URL within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer): void => {
        buffered += chunk.toString("utf8");
        const newline = buffered.indexOf("\n");
        if (newline < 0) return;
        try {
          const line = JSON.parse(buffered.slice(0, newline)) as { url: string; port: number };
          done();
          resolve(line);
        } catch (error) {
          fail(
            new Error(`mock model process: bad first line ${buffered.slice(0, newline)}`, {
              cause: error,
            }),
          );
        }
      };
      const onExit = (code: number | null, signal: string | null): void =>
        fail(new Error(`mock model process exited (${signal ?? code}) before listening`));
      const done = (): void => {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.off("exit", onExit);
        child.off("error", fail);
        child.stdout.resume(); // nothing more is expected; never let the pipe fill
      };
      function fail(error: Error): void {
        done();
        reject(error);
      }
      child.stdout.on("data", onData);
      child.once("exit", onExit);
      child.once("error", fail);
    });
  } catch (error) {
    await close();
    throw error;
  }

  return { url: address.url, port: address.port, pid: child.pid!, close };
}
