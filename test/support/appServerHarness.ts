/**
 * Spawns the real, pinned `codex app-server` (optionally through a wrapper script) and connects
 * an AppServerRpcClient to it. For protocol tests; every spawned child is tracked so a test's
 * `afterEach` can kill whatever is left.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

import { AppServerRpcClient, type RpcClientOptions } from "../../extension/appServer/rpcClient";
import type { Logger } from "../../extension/log";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import { codexNativeBinaryPath } from "./codexHome";

export interface RecordedLog {
  level: "trace" | "debug" | "info" | "warn" | "error";
  message: string;
  args: unknown[];
}

/** A Logger that keeps every line (and echoes warnings/errors when CODEX_TEST_VERBOSE is set). */
export function recordingLogger(): Logger & { lines: RecordedLog[] } {
  const lines: RecordedLog[] = [];
  const verbose = Boolean(process.env.CODEX_TEST_VERBOSE);
  const at =
    (level: RecordedLog["level"]) =>
    (message: string | Error, ...args: unknown[]) => {
      lines.push({ level, message: String(message), args });
      if (verbose && (level === "warn" || level === "error")) console.log(`[${level}] ${message}`);
    };
  return {
    lines,
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

export interface SpawnCodexOptions {
  /** `CODEX_HOME` for the child (see createCodexHome). */
  codexHome: string;
  /** Run `node <wrapper> <codex> app-server` instead of codex directly. */
  wrapper?: string;
  client?: Partial<RpcClientOptions>;
  /** Skip `initialize` (default: initialize with a test clientInfo). */
  initialize?: boolean;
}

export interface CodexSession {
  child: ChildProcess;
  client: AppServerRpcClient;
  logger: Logger & { lines: RecordedLog[] };
  /** Every notification received so far, in order. */
  notifications: ServerNotification[];
  /** Resolves with the first notification (already received or future) matching `predicate`. */
  waitFor<M extends ServerNotification["method"]>(
    method: M,
    predicate?: (n: Extract<ServerNotification, { method: M }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ServerNotification, { method: M }>>;
  stderr(): string;
  /** Kills the child (SIGTERM, then SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
}

const live = new Set<CodexSession>();

/** Spawns codex app-server with a minimal environment and returns a listening client. */
export async function spawnCodex(options: SpawnCodexOptions): Promise<CodexSession> {
  const codex = codexNativeBinaryPath();
  const [command, args] = options.wrapper
    ? [process.execPath, [path.resolve(options.wrapper), codex, "app-server"]]
    : [codex, ["app-server"]];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: options.codexHome,
      CODEX_HOME: options.codexHome,
      LANG: "C.UTF-8",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const logger = recordingLogger();
  const client = new AppServerRpcClient(child.stdout!, child.stdin!, {
    logger,
    ...options.client,
  });
  child.once("exit", (code, signal) => client.handleExit(code, signal));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const notifications: ServerNotification[] = [];
  const waiters = new Set<() => void>();
  client.onNotification((n) => {
    notifications.push(n);
    for (const wake of [...waiters]) wake();
  });

  const session: CodexSession = {
    child,
    client,
    logger,
    notifications,
    waitFor(method, predicate, timeoutMs = 20_000) {
      type N = Extract<ServerNotification, { method: typeof method }>;
      const match = (n: ServerNotification): n is N =>
        n.method === method && (!predicate || predicate(n as N));
      return new Promise<N>((resolve, reject) => {
        const found = notifications.find(match);
        if (found) return resolve(found);
        const wake = (): void => {
          const hit = notifications.find(match);
          if (!hit) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no ${method} within ${timeoutMs} ms; got ${notifications.map((n) => n.method).join(", ")}\n` +
                `stderr tail: ${stderr.slice(-2000)}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    stderr: () => stderr,
    async kill() {
      live.delete(session);
      client.dispose("test finished");
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  live.add(session);
  client.listen();
  if (options.initialize ?? true) {
    // Explicit timeout: a test may set a tiny default, and a cold start takes ~0.5-1 s.
    await client.initialize({ name: "codex_vscode_tests", title: null, version: "0.0.0" }, null, {
      timeoutMs: 20_000,
    });
  }
  return session;
}

/** Kills every session spawned by spawnCodex that is still alive. */
export async function killAllCodex(): Promise<void> {
  await Promise.all([...live].map((s) => s.kill()));
}

/** The text of every `item/agentMessage/delta` of a turn, concatenated. */
export function agentText(notifications: readonly ServerNotification[], turnId: string): string {
  let text = "";
  for (const n of notifications) {
    if (n.method === "item/agentMessage/delta" && n.params.turnId === turnId)
      text += n.params.delta;
  }
  return text;
}
