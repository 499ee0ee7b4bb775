/**
 * Owns the `codex app-server` child: starts it lazily, hands out the connected RPC client,
 * restarts it with backoff when it dies, resumes the threads the UI has loaded, and gives up
 * with a readable reason (plus codex's last stderr lines) instead of respawning forever.
 *
 * One loop (`run`) drives everything: start a session, wait until it is lost, decide whether to
 * try again. Public methods only set flags, abort the loop's waits and kill the child, so there
 * is never more than one child and never a restart racing a stop.
 */
import { spawn, type ChildProcess } from "node:child_process";

import type { ClientInfo } from "../../protocol/codex/ClientInfo";
import type { InitializeCapabilities } from "../../protocol/codex/InitializeCapabilities";
import type { InitializeResponse } from "../../protocol/codex/InitializeResponse";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type {
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from "../../protocol/codexRpc";
import type { Logger } from "../log";
import { computeBackoffDelay, defaultSleep, type BackoffOptions } from "./backoff";
import { AppServerClosedError, RequestTimeoutError, describeError } from "./errors";
import { Emitter, type Disposable, type Event } from "./emitter";
import type { LaunchSpec, LaunchSpecFactory } from "./launch";
import { hasExited, killProcessTreeNow, terminateProcessTree, waitForExit } from "./processTree";
import type { AppServerRpcClient } from "./rpcClient";

export type AppServerState =
  | { kind: "stopped" }
  | { kind: "starting" }
  | { kind: "ready"; serverInfo: InitializeResponse }
  | { kind: "restarting"; attempt: number; delayMs: number; reason: string }
  | { kind: "failed"; reason: string; stderrTail: string[] };

/** The supervisor gave up (or could not start at all); `ensureStarted()` rejects with this. */
export class AppServerStartError extends Error {
  override readonly name = "AppServerStartError";
  constructor(
    readonly reason: string,
    readonly stderrTail: readonly string[],
  ) {
    super(reason);
  }
}

export interface SpawnedInfo {
  pid: number;
  describe: string;
}

export interface AppServerSupervisorOptions {
  /** Called for every (re)start, so settings changes apply on the next start. */
  launch: LaunchSpecFactory;
  /** The "Codex" LogOutputChannel in production. */
  logger: Logger;
  clientInfo: ClientInfo;
  capabilities?: InitializeCapabilities | null;
  /** A binary that does not answer `initialize` in time is killed. Default 20 s. */
  initializeTimeoutMs?: number;
  /** Default timeout of requests on the client. Default: the client's (30 s). */
  requestTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace when stopping. Default 3 s. */
  stopGraceMs?: number;
  /** How long a child that closed stdout may take to exit before it counts as hung. Default 1 s. */
  outputClosedGraceMs?: number;
  /** Restart delays. Default 500 ms doubling up to 30 s, full jitter. */
  backoff?: BackoffOptions;
  /** Give up after this many failures within `failureWindowMs`. Default 5 in 60 s. */
  maxFailuresInWindow?: number;
  failureWindowMs?: number;
  /** Give up after this many starts in a row that never became ready. Default 3. */
  maxConsecutiveStartFailures?: number;
  /** Stderr lines kept for failure messages. Default 50. */
  stderrTailLines?: number;
  random?: () => number;
}

type ServerRequestHandler<M extends ServerRequestMethod> = (
  params: ServerRequestParams<M>,
  signal: AbortSignal,
) => Promise<ServerRequestResult<M>> | ServerRequestResult<M>;

interface Session {
  child: ChildProcess;
  client: AppServerRpcClient;
  spec: LaunchSpec;
  /** Resolves with why the session ended (exit, hung output...); never rejects. */
  lost: Promise<string>;
  /** Resolves when stderr has been read to its end. */
  stderrDone: Promise<void>;
  registrations: Disposable[];
  /** Set once we are ending it on purpose, so its output closing is not mistaken for a hang. */
  ending: boolean;
}

interface HandlerEntry {
  handler: ServerRequestHandler<ServerRequestMethod>;
  /** The registration on the current client. */
  live: Disposable | undefined;
}

type StartResult = { ok: true; session: Session } | { ok: false; reason: string; fatal: boolean };

const DEFAULTS = {
  initializeTimeoutMs: 20_000,
  stopGraceMs: 3_000,
  outputClosedGraceMs: 1_000,
  backoff: { initialMs: 500, maxMs: 30_000, factor: 2, jitter: "full" } satisfies BackoffOptions,
  maxFailuresInWindow: 5,
  failureWindowMs: 60_000,
  maxConsecutiveStartFailures: 3,
  stderrTailLines: 50,
};

export class AppServerSupervisor {
  private readonly options: AppServerSupervisorOptions;
  private readonly logger: Logger;
  private currentState: AppServerState = { kind: "stopped" };
  /** A subscriber that throws is logged; the other subscribers still hear the event. */
  private readonly reportListenerError = (error: unknown) =>
    this.logger.error(`a supervisor event listener threw: ${describeError(error)}`);
  private readonly stateEmitter = new Emitter<AppServerState>(this.reportListenerError);
  private readonly connectEmitter = new Emitter<AppServerRpcClient>(this.reportListenerError);
  private readonly notificationEmitter = new Emitter<ServerNotification>(this.reportListenerError);
  private readonly spawnEmitter = new Emitter<SpawnedInfo>(this.reportListenerError);
  private readonly serverRequestHandlers = new Map<string, HandlerEntry>();
  /** Thread id → number of trackers (two views may track the same thread). */
  private readonly trackedThreads = new Map<string, number>();
  private readonly stderrTail: string[] = [];
  private waiters: Array<{ resolve: (c: AppServerRpcClient) => void; reject: (e: Error) => void }> =
    [];

  private loop: Promise<void> | undefined;
  private session: Session | undefined;
  private readySession: Session | undefined;
  /** Aborts the loop's current backoff sleep. */
  private wake = new AbortController();
  private stopRequested = false;
  private restartRequested = false;
  private failureTimes: number[] = [];
  private consecutiveStartFailures = 0;

  /** Every state change. */
  readonly onDidChangeState: Event<AppServerState> = this.stateEmitter.event;
  /** After each successful initialize (first start and every restart), with the new client. */
  readonly onDidConnect: Event<AppServerRpcClient> = this.connectEmitter.event;
  /** Each time a child process is spawned (for logs and tests). */
  readonly onDidSpawn: Event<SpawnedInfo> = this.spawnEmitter.event;

  constructor(options: AppServerSupervisorOptions) {
    this.options = options;
    this.logger = options.logger;
  }

  get state(): AppServerState {
    return this.currentState;
  }

  /** PID of the running child, if any. */
  get pid(): number | undefined {
    return this.session?.child.pid;
  }

  /**
   * The connected client while ready. A client whose connection just closed is not handed out,
   * even in the moment before the loop has noticed and moved to `restarting`.
   */
  get client(): AppServerRpcClient | undefined {
    const client = this.readySession?.client;
    return client && !client.isClosed ? client : undefined;
  }

  /**
   * The connected client, starting the app-server on first use. Concurrent callers share one
   * start; while restarting, callers wait for the next ready. Rejects with AppServerStartError
   * once the supervisor has given up (until `restart()`), or AppServerClosedError after `stop()`.
   */
  ensureStarted(): Promise<AppServerRpcClient> {
    const state = this.currentState;
    const live = this.client;
    if (state.kind === "ready" && live) return Promise.resolve(live);
    if (state.kind === "failed") {
      return Promise.reject(new AppServerStartError(state.reason, state.stderrTail));
    }
    if (this.stopRequested) {
      return Promise.reject(new AppServerClosedError({ reason: "the app-server was stopped" }));
    }
    const ready = this.nextReady();
    if (!this.loop) this.startLoop("starting");
    return ready;
  }

  /** User action "Restart": forget past failures and start again (from any state). */
  restart(): Promise<AppServerRpcClient> {
    this.stopRequested = false;
    this.resetFailures();
    const ready = this.nextReady();
    if (this.loop) {
      this.restartRequested = true;
      this.setState({ kind: "starting" });
      this.wake.abort();
      const session = this.session;
      if (session) void this.endSession(session, "restart requested");
    } else {
      this.startLoop("starting");
    }
    return ready;
  }

  /**
   * For deactivate: no restarts after this. Closes stdin, terminates the process tree (SIGKILL
   * after the grace period) and resolves once the child is gone.
   */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake.abort();
    const session = this.session;
    if (session) await this.endSession(session, "the app-server was stopped");
    await this.loop;
    this.setState({ kind: "stopped" });
  }

  /** Synchronous best effort for `process.on("exit")`: kill the tree now, restart nothing. */
  killNow(): void {
    this.stopRequested = true;
    this.wake.abort();
    const session = this.session;
    if (!session) return;
    session.client.dispose("the app-server was stopped");
    killProcessTreeNow(session.child);
  }

  /** Every server notification, from whichever child is current. */
  onNotification(listener: (notification: ServerNotification) => void): Disposable {
    return this.notificationEmitter.event(listener);
  }

  /** Answers server requests of `method`; applied to the current client and each new one. */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
  ): Disposable {
    this.serverRequestHandlers.get(method)?.live?.dispose();
    const entry: HandlerEntry = {
      handler: handler as unknown as ServerRequestHandler<ServerRequestMethod>,
      live: this.session?.client.handleServerRequest(method, handler),
    };
    this.serverRequestHandlers.set(method, entry);
    return {
      dispose: () => {
        if (this.serverRequestHandlers.get(method) !== entry) return;
        this.serverRequestHandlers.delete(method);
        entry.live?.dispose();
      },
    };
  }

  /** `thread/resume`s `threadId` after every restart until the returned Disposable is disposed. */
  trackLoadedThread(threadId: string): Disposable {
    this.trackedThreads.set(threadId, (this.trackedThreads.get(threadId) ?? 0) + 1);
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const count = (this.trackedThreads.get(threadId) ?? 1) - 1;
        if (count <= 0) this.trackedThreads.delete(threadId);
        else this.trackedThreads.set(threadId, count);
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The loop

  private startLoop(initial: "starting"): void {
    this.setState({ kind: initial });
    this.loop = this.run()
      // A bug in the loop must end in `failed` (callers rejected, Restart offered), not a hang.
      .catch((error: unknown) => this.fail(`unexpected error: ${describeError(error)}`))
      .finally(() => {
        this.loop = undefined;
      });
  }

  private async run(): Promise<void> {
    while (!this.stopRequested) {
      this.restartRequested = false;
      this.wake = new AbortController();
      const result = await this.startSession();
      let reason: string;
      if (result.ok) {
        if (this.stopRequested || this.restartRequested) {
          await this.endSession(result.session, "superseded");
          continue;
        }
        this.consecutiveStartFailures = 0;
        this.readySession = result.session;
        const serverInfo = result.session.client.serverInfo!;
        this.setState({ kind: "ready", serverInfo });
        this.connectEmitter.fire(result.session.client);
        this.resolveWaiters(result.session.client);
        reason = await result.session.lost;
        this.readySession = undefined;
        await this.endSession(result.session, reason);
        if (this.stopRequested) break;
        if (this.restartRequested) continue;
        this.logger.warn(`codex app-server stopped unexpectedly: ${reason}`);
      } else {
        if (this.stopRequested) break;
        if (this.restartRequested) continue;
        if (result.fatal) {
          this.fail(result.reason);
          return;
        }
        this.consecutiveStartFailures++;
        reason = result.reason;
        this.logger.warn(`codex app-server failed to start: ${reason}`);
      }

      const now = Date.now();
      const windowMs = this.options.failureWindowMs ?? DEFAULTS.failureWindowMs;
      this.failureTimes = [...this.failureTimes.filter((t) => now - t < windowMs), now];
      const maxInWindow = this.options.maxFailuresInWindow ?? DEFAULTS.maxFailuresInWindow;
      const maxStarts =
        this.options.maxConsecutiveStartFailures ?? DEFAULTS.maxConsecutiveStartFailures;
      if (this.consecutiveStartFailures >= maxStarts) {
        const times = this.consecutiveStartFailures;
        this.fail(
          `codex app-server failed to start (${times} ${times === 1 ? "attempt" : "attempts in a row"}). ` +
            `Last error: ${reason}`,
        );
        return;
      }
      if (this.failureTimes.length >= maxInWindow) {
        this.fail(
          `codex app-server failed ${this.failureTimes.length} times within ` +
            `${Math.round(windowMs / 1000)} s; not restarting it again. Last error: ${reason}`,
        );
        return;
      }

      // Attempts count failures in the window, so a child that crashes right after every ready
      // still backs off further each time.
      const attempt = this.failureTimes.length;
      const backoff = this.options.backoff ?? DEFAULTS.backoff;
      const delayMs = Math.round(
        Math.max(
          backoff.initialMs / 2,
          computeBackoffDelay(attempt - 1, backoff, this.options.random),
        ),
      );
      this.setState({ kind: "restarting", attempt, delayMs, reason });
      await defaultSleep(delayMs, this.wake.signal);
    }
    this.rejectWaiters(new AppServerClosedError({ reason: "the app-server was stopped" }));
  }

  private fail(reason: string): void {
    const stderrTail = [...this.stderrTail];
    this.logger.error(`codex app-server: ${reason}`);
    this.setState({ kind: "failed", reason, stderrTail });
    this.rejectWaiters(new AppServerStartError(reason, stderrTail));
  }

  /** Spawns, connects and initializes one child; resumes tracked threads. */
  private async startSession(): Promise<StartResult> {
    let spec: LaunchSpec;
    try {
      spec = await this.options.launch();
    } catch (error) {
      // Not found / misconfigured: retrying cannot help until the user acts.
      return { ok: false, fatal: true, reason: describeError(error) };
    }
    // The JSON-RPC client (and vscode-jsonrpc under it) loads on first start, not at activation.
    const { AppServerRpcClient } = await import("./rpcClient");
    if (this.stopRequested || this.restartRequested) {
      return { ok: false, fatal: false, reason: "superseded before it started" };
    }

    this.stderrTail.length = 0;
    this.logger.info(`Starting ${spec.describe}`);
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      cwd: spec.cwd,
      stdio: ["pipe", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true,
    });
    const spawnError = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      child.once("spawn", () => resolve(undefined));
      child.once("error", (error) => resolve(error));
    });
    if (spawnError) {
      return { ok: false, fatal: true, reason: describeSpawnError(spec, spawnError) };
    }
    child.on("error", (error) => this.logger.warn(`codex app-server process: ${error.message}`));

    const session = this.attach(child, spec, AppServerRpcClient);
    this.session = session;
    this.spawnEmitter.fire({ pid: child.pid!, describe: spec.describe });

    const timeoutMs = this.options.initializeTimeoutMs ?? DEFAULTS.initializeTimeoutMs;
    try {
      await session.client.initialize(this.options.clientInfo, this.options.capabilities ?? null, {
        timeoutMs,
      });
    } catch (error) {
      const reason =
        this.stopRequested || this.restartRequested
          ? "superseded while starting"
          : error instanceof RequestTimeoutError
            ? `codex app-server did not answer initialize within ${formatMs(timeoutMs)}`
            : await this.exitReason(session, error);
      await this.endSession(session, reason);
      return { ok: false, fatal: false, reason };
    }
    this.logger.info(
      `codex app-server ready (pid ${child.pid}, ${session.client.serverInfo?.userAgent})`,
    );
    await this.resumeTrackedThreads(session.client);
    if (session.client.isClosed) {
      // It died while we resumed threads: a start that never became ready.
      const reason = await this.exitReason(session, new Error("connection closed"));
      await this.endSession(session, reason);
      return { ok: false, fatal: false, reason };
    }
    return { ok: true, session };
  }

  /** Wires a fresh child to a new client, the stderr log and the persistent registrations. */
  private attach(
    child: ChildProcess,
    spec: LaunchSpec,
    RpcClient: typeof AppServerRpcClient,
  ): Session {
    const client = new RpcClient(child.stdout!, child.stdin!, {
      logger: this.logger,
      ...(this.options.requestTimeoutMs === undefined
        ? {}
        : { defaultTimeoutMs: this.options.requestTimeoutMs }),
    });
    const registrations: Disposable[] = [
      client.onNotification((n) => this.notificationEmitter.fire(n)),
    ];

    for (const entry of this.serverRequestHandlers.values()) entry.live = undefined;
    for (const [method, entry] of this.serverRequestHandlers) {
      entry.live = client.handleServerRequest(method as ServerRequestMethod, entry.handler);
    }
    child.once("exit", (code, signal) => client.handleExit(code, signal));

    let markLost: (reason: string) => void = () => undefined;
    const session: Session = {
      child,
      client,
      spec,
      lost: new Promise<string>((resolve) => (markLost = resolve)),
      stderrDone: this.readStderr(child),
      registrations,
      ending: false,
    };
    child.once("exit", (code, signal) => markLost(describeExit(code, signal)));
    client.onClose(() => {
      // stdout ended. Usually the process is dying; one that keeps running without output can
      // never answer again, so it is killed and counts as a failure.
      void waitForExit(child, this.outputClosedGrace()).then(async (exited) => {
        if (exited || session.ending) return;
        const reason = "codex app-server closed its output but kept running";
        this.logger.warn(`${reason}; stopping it (pid ${child.pid})`);
        markLost(reason); // before killing it, so the reason is not "killed by SIGTERM"
        await terminateProcessTree(child, { graceMs: this.stopGrace() });
      });
    });

    client.listen();
    return session;
  }

  /** Closes the client (pending requests reject), kills the tree, waits until it is gone. */
  private async endSession(session: Session, reason: string): Promise<void> {
    session.ending = true;
    session.client.dispose(reason);
    for (const registration of session.registrations) registration.dispose();
    await terminateProcessTree(session.child, { graceMs: this.stopGrace() });
    if (this.session === session) this.session = undefined;
  }

  private async resumeTrackedThreads(client: AppServerRpcClient): Promise<void> {
    const threadIds = [...this.trackedThreads.keys()];
    await Promise.all(
      threadIds.map(async (threadId) => {
        try {
          await client.request("thread/resume", { threadId, excludeTurns: true });
          this.logger.info(`Resumed thread ${threadId}`);
        } catch (error) {
          this.logger.warn(`Could not resume thread ${threadId}: ${describeError(error)}`);
        }
      }),
    );
  }

  /** Why a start failed: the exit status and codex's last stderr line, or the client's error. */
  private async exitReason(session: Session, error: unknown): Promise<string> {
    await waitForExit(session.child, this.outputClosedGrace());
    if (!hasExited(session.child)) {
      return `codex app-server failed during initialize: ${describeError(error)}`;
    }
    // stderr can lag the exit by a moment; its last line usually says what went wrong.
    await Promise.race([session.stderrDone, delay(500)]);
    const summary = summarizeStderr(this.stderrTail);
    const exit = describeExit(session.child.exitCode, session.child.signalCode);
    return `${exit} before it was ready${summary ? `: ${summary}` : ""}`;
  }

  private readStderr(child: ChildProcess): Promise<void> {
    const max = this.options.stderrTailLines ?? DEFAULTS.stderrTailLines;
    let partial = "";
    const take = (line: string): void => {
      const clean = stripAnsi(line).replace(/\r$/, "");
      if (clean === "") return;
      this.stderrTail.push(clean);
      if (this.stderrTail.length > max) this.stderrTail.splice(0, this.stderrTail.length - max);
      logStderrLine(this.logger, clean);
    };
    return new Promise((resolve) => {
      const stderr = child.stderr;
      if (!stderr) return resolve();
      stderr.setEncoding("utf8");
      stderr.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) take(line);
      });
      const finish = (): void => {
        if (partial) take(partial);
        partial = "";
        resolve();
      };
      stderr.once("end", finish);
      stderr.once("close", finish);
      stderr.on("error", () => finish());
    });
  }

  // ---------------------------------------------------------------------------------------------

  private nextReady(): Promise<AppServerRpcClient> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private resolveWaiters(client: AppServerRpcClient): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve(client);
  }

  private rejectWaiters(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private resetFailures(): void {
    this.failureTimes = [];
    this.consecutiveStartFailures = 0;
  }

  private outputClosedGrace(): number {
    return this.options.outputClosedGraceMs ?? DEFAULTS.outputClosedGraceMs;
  }

  private stopGrace(): number {
    return this.options.stopGraceMs ?? DEFAULTS.stopGraceMs;
  }

  private setState(state: AppServerState): void {
    const previous = this.currentState.kind;
    if ((state.kind === "stopped" || state.kind === "starting") && previous === state.kind) return;
    this.currentState = state;
    this.logger.debug(`app-server state: ${state.kind}`);
    this.stateEmitter.fire(state);
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `codex app-server was killed by ${signal}`;
  return `codex app-server exited with code ${code ?? "unknown"}`;
}

function describeSpawnError(spec: LaunchSpec, error: NodeJS.ErrnoException): string {
  const why =
    error.code === "ENOENT"
      ? `${spec.command} does not exist (ENOENT)`
      : error.code === "EACCES"
        ? `${spec.command} is not executable (EACCES)`
        : error.message;
  return `Could not start ${spec.describe}: ${why}`;
}

/**
 * The stderr line that best says why codex stopped: its last `Error: ...` (anyhow's fatal
 * format) or `ERROR` log line, else the last line that is not part of a backtrace.
 */
export function summarizeStderr(lines: readonly string[]): string | undefined {
  const reversed = [...lines].reverse();
  const error = reversed.find((line) => /^\s*error\b|\bERROR\b/i.test(line));
  if (error) return error.trim();
  const backtrace = /^\s*(\d+:|at\s|Stack backtrace:|note: run with)/;
  return reversed.find((line) => line.trim() !== "" && !backtrace.test(line))?.trim();
}

/** codex logs through `tracing` (`<time>  WARN target: message`); keep its level in our log. */
function logStderrLine(logger: Logger, line: string): void {
  const message = `[app-server] ${line}`;
  if (/\bERROR\b|^Error:/.test(line)) logger.error(message);
  else if (/\bWARN\b/.test(line)) logger.warn(message);
  else logger.info(message);
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
