/**
 * The only place that speaks JSON-RPC to `codex app-server`: typed requests with timeouts and
 * overload retries, typed notifications, server-request handlers, and one clean "closed" path.
 *
 * Built on vscode-jsonrpc's MessageConnection, which assigns request ids, matches responses and
 * dispatches server requests, over JSONL framing (jsonlTransport.ts). Deliberate choices:
 * - Notifications are dispatched by the NotificationIntake in front of the connection (its
 *   comment says why and how the order with responses is kept). Listeners get the parsed
 *   notification (no per-message copies), which may also carry codex's `emittedAtMs`.
 * - Codex cancels a server request it sent with `serverRequest/resolved`, not `$/cancelRequest`:
 *   the connection's cancellation receiver strategy, which is given each request's id, hands the
 *   handler a ServerRequestToken that the notification (or the close) aborts.
 * - No CancellationToken is ever passed to `sendRequest`, so vscode-jsonrpc never sends
 *   `$/cancelRequest` (codex ignores it). A timed-out or aborted request just stops being
 *   awaited; codex's late answer is dropped.
 */
import {
  CancellationSenderStrategy,
  createMessageConnection,
  ResponseError,
  type Disposable,
  type Logger as JsonRpcLogger,
  type MessageConnection,
  type NotificationMessage,
} from "vscode-jsonrpc/node";

import type { ClientInfo } from "../../protocol/codex/ClientInfo";
import type { InitializeCapabilities } from "../../protocol/codex/InitializeCapabilities";
import type { InitializeResponse } from "../../protocol/codex/InitializeResponse";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type {
  ClientNotificationMethod,
  ClientRequestMethod,
  ClientRequestParams,
  ClientRequestResult,
  ServerRequestMethod,
} from "../../protocol/codexRpc";
import type { Logger } from "../log";
import { retryWithBackoff } from "./backoff";
import {
  AppServerClosedError,
  AppServerRpcError,
  RequestAbortedError,
  RequestTimeoutError,
  type ClosedInfo,
} from "./errors";
import { JsonlMessageReader, JsonlMessageWriter } from "./jsonlTransport";
import { NotificationIntake } from "./notificationIntake";
import { ServerRequestHandlers, type ServerRequestHandler } from "./serverRequests";

export type { Disposable };

export interface RpcClientOptions {
  logger: Logger;
  /** Default 30_000. */
  defaultTimeoutMs?: number;
  /** Retries of -32001 "Server overloaded". Default 5 attempts, 100 ms → 2 s, full jitter. */
  overloadRetry?: { maxAttempts: number; initialMs: number; maxMs: number };
  /** Longest accepted output line. Default 16 MiB. */
  maxLineBytes?: number;
  /** For tests: randomness and sleeping of the overload backoff. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RequestOptions {
  /** Per-call timeout; `"none"` for requests that may legitimately take unbounded time. */
  timeoutMs?: number | "none";
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Requests codex answers only when the work is done, so they get no default timeout (an explicit
 * `timeoutMs` still applies). Verified against codex 0.169.0: `command/exec` answers when the
 * process exits; `mcpServer/tool/call` when the tool returns. Everything else answers promptly:
 * `turn/start`, `turn/steer`, `review/start` and `thread/compact/start` answer at once and the
 * work then streams as notifications up to `turn/completed`.
 */
export const LONG_RUNNING_METHODS = [
  "command/exec",
  "mcpServer/tool/call",
] as const satisfies readonly ClientRequestMethod[];
const LONG_RUNNING: ReadonlySet<string> = new Set(LONG_RUNNING_METHODS);
const DEFAULT_OVERLOAD_RETRY = { maxAttempts: 5, initialMs: 100, maxMs: 2_000 };
const SERVER_REQUEST_RESOLVED = "serverRequest/resolved" satisfies ServerNotification["method"];
/**
 * After codex's process exited or its stdin closed, how long the client still waits for the rest
 * of its stdout (normally there within milliseconds) before closing anyway.
 */
const OUTPUT_DRAIN_GRACE_MS = 500;

export class AppServerRpcClient {
  private readonly logger: Logger;
  private readonly connection: MessageConnection;
  private readonly notificationListeners = new Set<(n: ServerNotification) => void>();
  private readonly closeListeners = new Set<(error: AppServerClosedError) => void>();
  private readonly serverRequests: ServerRequestHandlers;
  /** Stops the requests still awaited by callers (see `request`). */
  private readonly pending = new Set<AbortController>();
  private closedError: AppServerClosedError | undefined;
  private initializeResponse: InitializeResponse | undefined;
  private listening = false;
  private readonly intake: NotificationIntake;
  /** A close waiting for the output to drain (exit, stdin closed), and its fallback timer. */
  private closing: { info: ClosedInfo; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(
    input: NodeJS.ReadableStream,
    output: NodeJS.WritableStream,
    private readonly options: RpcClientOptions,
  ) {
    this.logger = options.logger;
    this.serverRequests = new ServerRequestHandlers(this.logger);
    const reader = new JsonlMessageReader(input, {
      logger: this.logger,
      maxLineBytes: options.maxLineBytes,
    });
    this.intake = new NotificationIntake(
      reader,
      (message) => this.dispatchNotification(message),
      this.logger,
    );
    const writer = new JsonlMessageWriter(output, { logger: this.logger });
    this.connection = createMessageConnection(this.intake, writer, adaptLogger(this.logger), {
      messageStrategy: {
        handleMessage: (message, next) => {
          try {
            return next(message);
          } finally {
            this.intake.dispatched();
          }
        },
      },
      cancellationStrategy: {
        receiver: this.serverRequests,
        sender: CancellationSenderStrategy.Message,
      },
    });
    this.connection.onRequest(this.serverRequests.handle);
    // The intake signals close (and a read error) only after delivering everything received.
    this.intake.onClose(() =>
      this.close(this.closing?.info ?? { reason: "app-server output ended" }),
    );
    this.intake.onError((error) => this.close({ reason: error.message }));
    writer.onClose(() => this.closeAfterOutput({ reason: "app-server input closed" }));
    writer.onError(([error]) => this.closeAfterOutput({ reason: error.message }));
  }

  /** Starts reading. Call once, after registering handlers that must see early messages. */
  listen(): void {
    if (this.listening || this.closedError) return;
    this.listening = true;
    this.connection.listen();
  }

  get isClosed(): boolean {
    return this.closedError !== undefined;
  }

  /** What `initialize` answered (userAgent, codexHome, platformOs...), once it has. */
  get serverInfo(): InitializeResponse | undefined {
    return this.initializeResponse;
  }

  /** Sends `initialize` then the `initialized` notification; keeps the response. */
  async initialize(
    clientInfo: ClientInfo,
    capabilities: InitializeCapabilities | null = null,
    options?: RequestOptions,
  ): Promise<InitializeResponse> {
    const response = await this.request("initialize", { clientInfo, capabilities }, options);
    this.initializeResponse = response;
    await this.notify("initialized");
    return response;
  }

  /**
   * Sends a request and resolves with codex's result. Rejects with AppServerRpcError (after
   * retrying -32001 with backoff), RequestTimeoutError, RequestAbortedError or
   * AppServerClosedError.
   */
  async request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options: RequestOptions = {},
  ): Promise<ClientRequestResult<M>> {
    if (this.closedError) throw this.closedError;
    if (options.signal?.aborted) throw new RequestAbortedError(method);
    if (!this.listening) this.listen();
    const timeoutMs =
      options.timeoutMs ??
      (LONG_RUNNING.has(method) ? "none" : (this.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS));
    // The caller's signal, the timeout and the close end the wait through one controller; its
    // reason is what the request rejects with.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(new RequestAbortedError(method));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer =
      timeoutMs === "none"
        ? undefined
        : setTimeout(() => stop.abort(new RequestTimeoutError(method, timeoutMs)), timeoutMs);
    this.pending.add(stop);
    try {
      const sent = retryWithBackoff(() => this.sendOnce(method, params), {
        ...(this.options.overloadRetry ?? DEFAULT_OVERLOAD_RETRY),
        jitter: "full",
        random: this.options.random,
        sleep: this.options.sleep,
        signal: stop.signal,
        shouldRetry: (error) => error instanceof AppServerRpcError && error.isOverloaded,
        onRetry: (_error, attempt, delayMs) =>
          this.logger.debug(
            `codex overloaded on ${method}; retry ${attempt + 1} in ${Math.round(delayMs)} ms`,
          ),
      });
      return (await untilAborted(sent, stop.signal)) as ClientRequestResult<M>;
    } finally {
      this.pending.delete(stop);
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      stop.abort();
    }
  }

  private async sendOnce(method: string, params: unknown): Promise<unknown> {
    if (this.closedError) throw this.closedError;
    this.logger.trace("→ request", method);
    try {
      // null/undefined params are omitted: vscode-jsonrpc would send `[null]`, and codex
      // accepts a missing `params` for methods that take none.
      return await (params === undefined || params === null
        ? this.connection.sendRequest(method)
        : this.connection.sendRequest(method, params));
    } catch (error) {
      throw this.toClientError(error, method);
    }
  }

  private toClientError(error: unknown, method: string): Error {
    if (this.closedError) return this.closedError;
    if (error instanceof ResponseError) {
      return new AppServerRpcError(error.code, error.message, error.data, method);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /** Sends a client notification (`initialized` is the only one codex defines). */
  async notify(method: ClientNotificationMethod, params?: unknown): Promise<void> {
    if (this.closedError) throw this.closedError;
    if (!this.listening) this.listen();
    this.logger.trace("→ notification", method);
    try {
      await (params === undefined || params === null
        ? this.connection.sendNotification(method)
        : this.connection.sendNotification(method, params));
    } catch (error) {
      throw this.toClientError(error, method);
    }
  }

  /** Every server notification, in arrival order. */
  onNotification(listener: (notification: ServerNotification) => void): Disposable {
    this.notificationListeners.add(listener);
    return { dispose: () => this.notificationListeners.delete(listener) };
  }

  /**
   * Answers server requests of `method`. Without a handler codex gets MethodNotFound at once.
   * A throwing handler answers InternalError (its message is logged, not sent). `signal` aborts
   * when codex resolves the request elsewhere (`serverRequest/resolved`) or the connection closes.
   */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
  ): Disposable {
    return this.serverRequests.register(method, handler);
  }

  /** Fires once when the connection closes (at once, asynchronously, if already closed). */
  onClose(listener: (error: AppServerClosedError) => void): Disposable {
    const closed = this.closedError;
    if (closed) {
      queueMicrotask(() => listener(closed));
      return { dispose: () => undefined };
    }
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  /**
   * For the supervisor: the child exited. Closes the connection with the exit details, so
   * pending requests reject with an AppServerClosedError that carries them.
   */
  handleExit(exitCode: number | null, signal: NodeJS.Signals | null): void {
    this.closeAfterOutput({ reason: "app-server exited", exitCode, signal });
  }

  /** Rejects every pending request with AppServerClosedError(reason) and disposes the connection. */
  dispose(reason = "client disposed"): void {
    this.close({ reason });
  }

  /**
   * The process exited or its stdin closed: its last messages (a final `turn/completed` or
   * `error`) may still be in the stdout pipe. Closes once the output has ended and everything in
   * it was delivered, or after a short grace if the output stays open (e.g. a grandchild holds
   * it). The first reason wins, an exit over a closed stdin.
   */
  private closeAfterOutput(info: ClosedInfo): void {
    if (this.closedError) return;
    if (!this.listening || this.intake.isClosed) return this.close(info);
    if (this.closing) {
      if (info.reason === "app-server exited") this.closing.info = info;
      return;
    }
    const timer = setTimeout(() => this.close(info), OUTPUT_DRAIN_GRACE_MS);
    timer.unref?.();
    this.closing = { info, timer };
  }

  private close(info: ClosedInfo): void {
    if (this.closedError) return;
    if (this.closing) {
      clearTimeout(this.closing.timer);
      this.closing = undefined;
    }
    const error = new AppServerClosedError(info);
    this.closedError = error;
    this.logger.debug(error.message);
    for (const stop of [...this.pending]) stop.abort(error);
    this.pending.clear();
    this.serverRequests.close(error);
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) {
      try {
        listener(error);
      } catch (listenerError) {
        this.logger.error(`onClose listener failed: ${String(listenerError)}`);
      }
    }
    // Stops reading, drops vscode-jsonrpc's own pending state and leaves no-op error listeners
    // on the streams (a late EPIPE must not crash the host).
    this.connection.dispose();
  }

  private dispatchNotification(message: NotificationMessage): void {
    this.logger.trace("← notification", message.method);
    if (message.method === SERVER_REQUEST_RESOLVED) this.serverRequests.resolved(message.params);
    // The parsed message already is `{ method, params }`; no copy on the hot path.
    const notification = message as unknown as ServerNotification;
    for (const listener of this.notificationListeners) {
      try {
        listener(notification);
      } catch (error) {
        this.logger.error(`notification listener for ${message.method} failed: ${String(error)}`);
      }
    }
  }
}

/** `work`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** vscode-jsonrpc's own logging (rare: internal failures), cut to one line so no payload leaks. */
function adaptLogger(logger: Logger): JsonRpcLogger {
  const clip = (message: string): string => {
    const line = message.split("\n", 1)[0] ?? "";
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
  };
  return {
    error: (message) => logger.error(`jsonrpc: ${clip(message)}`),
    warn: (message) => logger.warn(`jsonrpc: ${clip(message)}`),
    info: (message) => logger.debug(`jsonrpc: ${clip(message)}`),
    log: (message) => logger.trace(`jsonrpc: ${clip(message)}`),
  };
}
