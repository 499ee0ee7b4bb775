/**
 * Owns the `codex app-server` child: starts it lazily, hands out the connected RPC client,
 * restarts it with backoff when it dies, resumes the threads the UI has loaded, and gives up
 * with a readable reason (plus codex's last stderr lines) instead of respawning forever.
 *
 * One loop (`run`) drives everything: start a session, wait until it is lost, decide whether to
 * try again. Public methods only set flags, abort the loop's waits and kill the child, so there
 * is never more than one child and never a restart racing a stop.
 */
import type { ClientInfo } from "../../protocol/codex/ClientInfo";
import type { InitializeCapabilities } from "../../protocol/codex/InitializeCapabilities";
import type { InitializeResponse } from "../../protocol/codex/InitializeResponse";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ServerRequestMethod } from "../../protocol/codexRpc";
import type { Logger } from "../log";
import { l10n } from "../l10n";
import { AppServerChild } from "./appServerChild";
import { ClientRegistrations } from "./clientRegistrations";
import { defaultSleep } from "./backoff";
import { AppServerClosedError, RequestTimeoutError, describeError, formatMs } from "./errors";
import { Emitter, type Disposable, type Event } from "./emitter";
import type { LaunchSpec, LaunchSpecFactory } from "./launch";
import { killProcessTreeNow } from "./processTree";
import { RestartPolicy, type RestartPolicyOptions } from "./restartPolicy";
import type * as RpcClientModule from "./rpcClient";
import type { AppServerRpcClient } from "./rpcClient";
import type { ServerRequestHandler } from "./serverRequests";

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

export interface AppServerSupervisorOptions extends RestartPolicyOptions {
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
  /** Stderr lines kept for failure messages. Default 50. */
  stderrTailLines?: number;
}

type Session = AppServerChild;
type StartResult = { ok: true; session: Session } | { ok: false; reason: string; fatal: boolean };

const DEFAULTS = {
  initializeTimeoutMs: 20_000,
  stopGraceMs: 3_000,
  outputClosedGraceMs: 1_000,
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
  private readonly registrations: ClientRegistrations;
  /** The last stderr lines of the latest child, for the failure message. */
  private stderrTail: readonly string[] = [];
  private readonly restartPolicy: RestartPolicy;
  private waiters: Array<{ resolve: (c: AppServerRpcClient) => void; reject: (e: Error) => void }> =
    [];

  private loop: Promise<void> | undefined;
  private session: Session | undefined;
  private readySession: Session | undefined;
  /** Aborts the loop's current backoff sleep. */
  private wake = new AbortController();
  private stopRequested = false;
  private restartRequested = false;

  /** Every state change. */
  readonly onDidChangeState: Event<AppServerState> = this.stateEmitter.event;
  /** After each successful initialize (first start and every restart), with the new client. */
  readonly onDidConnect: Event<AppServerRpcClient> = this.connectEmitter.event;
  /** Each time a child process is spawned (for logs and tests). */
  readonly onDidSpawn: Event<SpawnedInfo> = this.spawnEmitter.event;

  constructor(options: AppServerSupervisorOptions) {
    this.options = options;
    this.logger = options.logger;
    this.restartPolicy = new RestartPolicy(options);
    this.registrations = new ClientRegistrations(this.logger);
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
    this.restartPolicy.reset();
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
    return this.registrations.handleServerRequest(method, handler, this.session?.client);
  }

  /** `thread/resume`s `threadId` after every restart until the returned Disposable is disposed. */
  trackLoadedThread(threadId: string): Disposable {
    return this.registrations.trackLoadedThread(threadId);
  }

  // ---------------------------------------------------------------------------------------------
  // The loop

  private startLoop(initial: "starting"): void {
    this.setState({ kind: initial });
    this.loop = this.run()
      // A bug in the loop must end in `failed` (callers rejected, Restart offered), not a hang.
      .catch((error: unknown) => this.fail(l10n.t("unexpected error: {0}", describeError(error))))
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
      let duringStart = false;
      if (result.ok) {
        if (this.stopRequested || this.restartRequested) {
          await this.endSession(result.session, "superseded");
          continue;
        }
        this.restartPolicy.ready();
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
        duringStart = true;
        reason = result.reason;
        this.logger.warn(`codex app-server failed to start: ${reason}`);
      }

      const decision = this.restartPolicy.failed(reason, duringStart);
      if (decision.giveUp !== undefined) {
        this.fail(decision.giveUp);
        return;
      }
      const { attempt, delayMs } = decision;
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
    // The JSON-RPC client (and vscode-jsonrpc under it) loads on first start, not at activation:
    // it is a file of its own in dist/ (scripts/build.mjs, HOST_CHUNKS). A plain require, since
    // the bundle's `import()` would go through Node's ES module loader.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AppServerRpcClient } = require("./rpcClient") as typeof RpcClientModule;
    if (this.stopRequested || this.restartRequested) {
      return { ok: false, fatal: false, reason: "superseded before it started" };
    }

    this.stderrTail = [];
    this.logger.info(`Starting ${spec.describe}`);
    const spawned = await AppServerChild.spawn(
      spec,
      {
        logger: this.logger,
        requestTimeoutMs: this.options.requestTimeoutMs,
        stopGraceMs: this.stopGrace(),
        outputClosedGraceMs: this.options.outputClosedGraceMs ?? DEFAULTS.outputClosedGraceMs,
        stderrTailLines: this.options.stderrTailLines ?? DEFAULTS.stderrTailLines,
      },
      AppServerRpcClient,
    );
    if (!(spawned instanceof AppServerChild)) {
      return { ok: false, fatal: true, reason: spawned.error };
    }
    const session = spawned;
    this.stderrTail = session.stderr.lines;
    this.wire(session);
    this.session = session;
    this.spawnEmitter.fire({ pid: session.child.pid!, describe: spec.describe });

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
            ? l10n.t("codex app-server did not answer initialize within {0}", formatMs(timeoutMs))
            : await session.exitReason(error);
      await this.endSession(session, reason);
      return { ok: false, fatal: false, reason };
    }
    this.logger.info(
      `codex app-server ready (pid ${session.child.pid}, ${session.client.serverInfo?.userAgent})`,
    );
    await this.registrations.resumeThreads(session.client);
    if (session.client.isClosed) {
      // It died while we resumed threads: a start that never became ready.
      const reason = await session.exitReason(new Error("connection closed"));
      await this.endSession(session, reason);
      return { ok: false, fatal: false, reason };
    }
    return { ok: true, session };
  }

  /** Gives a fresh child's client the persistent registrations, then starts it reading. */
  private wire(session: Session): void {
    const client = session.client;
    session.registrations.push(client.onNotification((n) => this.notificationEmitter.fire(n)));
    this.registrations.registerHandlers(client);
    client.listen();
  }

  /** Ends the child and forgets it once it is gone. */
  private async endSession(session: Session, reason: string): Promise<void> {
    await session.end(reason);
    if (this.session === session) this.session = undefined;
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
