/**
 * The only place that speaks JSON-RPC to `codex app-server`: typed requests with timeouts and
 * overload retries, typed notifications, server-request handlers, and one clean "closed" path.
 *
 * Built on vscode-jsonrpc's MessageConnection with JSONL framing. Deliberate choices:
 * - Notifications bypass vscode-jsonrpc: an OrderedIntake between the JSONL reader and the
 *   connection dispatches them synchronously, in arrival order, and hands only requests and
 *   responses on (vscode-jsonrpc dispatches one queued message per event-loop turn, which capped
 *   intake at a fraction of the reader's speed, and drops what is still queued when the
 *   connection is disposed). After a request or response, later messages wait until the
 *   connection has dispatched it and the promise continuations it started have run, so consumers
 *   observe the same order as before (e.g. the `turn/start` response before `turn/started`).
 *   Everything received is delivered before the close is signalled.
 * - No CancellationToken is ever passed to `sendRequest`, so vscode-jsonrpc never sends
 *   `$/cancelRequest` (codex ignores it anyway). A timed-out or aborted request just stops being
 *   awaited; codex's late answer is dropped.
 * - Listeners get the parsed notification (no per-message copies), which may also carry codex's
 *   `emittedAtMs`.
 * - Server requests go through one star handler that knows the request id (captured in the
 *   message strategy, which runs synchronously right before vscode-jsonrpc calls the handler),
 *   so `serverRequest/resolved` can abort the matching handler's signal.
 */
import {
  AbstractMessageReader,
  createMessageConnection,
  ErrorCodes,
  Message,
  ResponseError,
  type Disposable,
  type DataCallback,
  type Logger as JsonRpcLogger,
  type MessageConnection,
  type MessageReader,
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
  ServerRequestParams,
  ServerRequestResult,
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

type ServerRequestHandler<M extends ServerRequestMethod> = (
  params: ServerRequestParams<M>,
  signal: AbortSignal,
) => Promise<ServerRequestResult<M>> | ServerRequestResult<M>;

/** vscode-jsonrpc's (unexported) `NotificationResult`. */
type NotificationResult = void | Promise<void>;
type AnyHandler = (params: unknown, signal: AbortSignal) => unknown;
type RequestId = string | number;

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
  private readonly defaultTimeoutMs: number;
  private readonly overloadRetry: { maxAttempts: number; initialMs: number; maxMs: number };
  private readonly random: (() => number) | undefined;
  private readonly sleep: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  private readonly notificationListeners = new Set<(n: ServerNotification) => void>();
  private readonly closeListeners = new Set<(error: AppServerClosedError) => void>();
  private readonly handlers = new Map<string, AnyHandler>();
  /** Aborts every running server-request handler, by request id. */
  private readonly running = new Map<RequestId, AbortController>();
  /** Rejecters of requests still awaited by callers. */
  private readonly pending = new Set<(error: Error) => void>();
  /** Id of the server request vscode-jsonrpc is dispatching right now (see class comment). */
  private dispatchingId: RequestId | undefined;
  private closedError: AppServerClosedError | undefined;
  private initializeResponse: InitializeResponse | undefined;
  private listening = false;
  private readonly intake: OrderedIntake;
  /** A close waiting for the output to drain (exit, stdin closed), and its fallback timer. */
  private closing: { info: ClosedInfo; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(
    input: NodeJS.ReadableStream,
    output: NodeJS.WritableStream,
    options: RpcClientOptions,
  ) {
    this.logger = options.logger;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.overloadRetry = options.overloadRetry ?? DEFAULT_OVERLOAD_RETRY;
    this.random = options.random;
    this.sleep = options.sleep;
    const reader = new JsonlMessageReader(input, {
      logger: this.logger,
      maxLineBytes: options.maxLineBytes,
    });
    this.intake = new OrderedIntake(
      reader,
      (message) => this.dispatchNotification(message),
      this.logger,
    );
    const writer = new JsonlMessageWriter(output, { logger: this.logger });
    this.connection = createMessageConnection(this.intake, writer, adaptLogger(this.logger), {
      messageStrategy: { handleMessage: (message, next) => this.onMessage(message, next) },
    });
    this.connection.onRequest((method, params) => this.onServerRequest(method, params));
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
  request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options: RequestOptions = {},
  ): Promise<ClientRequestResult<M>> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (!this.listening) this.listen();
    const timeoutMs =
      options.timeoutMs ?? (LONG_RUNNING.has(method) ? "none" : this.defaultTimeoutMs);
    const signal = options.signal;
    return new Promise<ClientRequestResult<M>>((resolve, reject) => {
      const retries = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const cleanup = (): void => {
        settled = true;
        this.pending.delete(fail);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        retries.abort();
      };
      const fail = (error: Error): void => {
        if (settled) return;
        cleanup();
        reject(error);
      };
      const onAbort = (): void => fail(new RequestAbortedError(method));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.add(fail);
      if (timeoutMs !== "none") {
        timer = setTimeout(() => fail(new RequestTimeoutError(method, timeoutMs)), timeoutMs);
      }
      retryWithBackoff(() => this.sendOnce(method, params), {
        ...this.overloadRetry,
        jitter: "full",
        random: this.random,
        sleep: this.sleep,
        signal: retries.signal,
        shouldRetry: (error) => error instanceof AppServerRpcError && error.isOverloaded,
        onRetry: (_error, attempt, delayMs) =>
          this.logger.debug(
            `codex overloaded on ${method}; retry ${attempt + 1} in ${Math.round(delayMs)} ms`,
          ),
      }).then(
        (result) => {
          if (settled) return;
          cleanup();
          resolve(result as ClientRequestResult<M>);
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    });
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
    const erased = handler as AnyHandler;
    this.handlers.set(method, erased);
    return {
      dispose: () => {
        if (this.handlers.get(method) === erased) this.handlers.delete(method);
      },
    };
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
    for (const fail of [...this.pending]) fail(error);
    this.pending.clear();
    for (const controller of this.running.values()) controller.abort(error);
    this.running.clear();
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

  /** vscode-jsonrpc message strategy: runs for every incoming message, in order. */
  private onMessage(
    message: Message,
    next: (message: Message) => NotificationResult,
  ): NotificationResult {
    if (Message.isNotification(message)) {
      // Not reached: the intake dispatches notifications itself.
      this.dispatchNotification(message);
      this.intake.dispatched();
      return undefined;
    }
    try {
      if (Message.isRequest(message)) {
        this.logger.trace("← request", message.method);
        this.dispatchingId = message.id ?? undefined;
        try {
          return next(message);
        } finally {
          this.dispatchingId = undefined;
        }
      }
      return next(message);
    } finally {
      this.intake.dispatched();
    }
  }

  private dispatchNotification(message: NotificationMessage): void {
    this.logger.trace("← notification", message.method);
    if (message.method === SERVER_REQUEST_RESOLVED) {
      const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof id === "string" || typeof id === "number") this.running.get(id)?.abort();
    }
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

  private async onServerRequest(method: string, params: unknown): Promise<unknown> {
    const id = this.dispatchingId;
    const handler = this.handlers.get(method);
    if (!handler) {
      this.logger.warn(`no handler for server request ${method}; answering MethodNotFound`);
      throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    }
    if (typeof params !== "object" || params === null || Array.isArray(params)) {
      this.logger.warn(`server request ${method} has no params object; answering InvalidParams`);
      throw new ResponseError(ErrorCodes.InvalidParams, `${method} expects an object as params`);
    }
    const controller = new AbortController();
    if (this.closedError) controller.abort(this.closedError);
    if (id !== undefined) this.running.set(id, controller);
    try {
      return await handler(params, controller.signal);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.logger.error(`handler for server request ${method} failed: ${String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `The client failed to handle ${method}.`);
    } finally {
      if (id !== undefined && this.running.get(id) === controller) this.running.delete(id);
    }
  }
}

/**
 * The reader vscode-jsonrpc sees. Notifications are dispatched here, synchronously and in arrival
 * order; requests and responses are handed to the connection, one at a time: after handing one
 * over, later messages queue until the connection has dispatched it (`dispatched()`, from the
 * message strategy) and a macrotask has passed, so the promise continuations a response resolved
 * (several microtask hops up to the caller's `await`) and the synchronous start of a server
 * request's handler run before the next message, exactly as when vscode-jsonrpc dispatched every
 * message in its own turn. The close (and a read error) is signalled only after every message
 * received before it was delivered.
 */
class OrderedIntake extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private queue: Message[] = [];
  private head = 0;
  /** A request or response handed to the connection and not yet dispatched. */
  private waiting = false;
  private ended = false;
  private endError: Error | undefined;
  private done = false;
  private disposed = false;

  constructor(
    private readonly inner: JsonlMessageReader,
    private readonly onNotification: (message: NotificationMessage) => void,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** True once the output ended and everything in it was delivered. */
  get isClosed(): boolean {
    return this.done;
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    this.inner.onError((error) => {
      this.endError ??= error;
    });
    this.inner.onClose(() => {
      this.ended = true;
      this.pump();
    });
    const listening = this.inner.listen((message) => this.receive(message));
    return {
      dispose: () => {
        listening.dispose();
        this.callback = undefined;
      },
    };
  }

  /** From the message strategy: the connection dispatched the message handed over last. */
  dispatched(): void {
    if (!this.waiting) return;
    setImmediate(() => {
      this.waiting = false;
      this.pump();
    });
  }

  override dispose(): void {
    this.disposed = true;
    this.callback = undefined;
    this.queue = [];
    this.head = 0;
    this.inner.dispose();
    super.dispose();
  }

  private receive(message: Message): void {
    if (this.waiting || this.head < this.queue.length) {
      this.queue.push(message);
      return;
    }
    this.deliver(message);
  }

  private deliver(message: Message): void {
    if (Message.isNotification(message)) {
      this.onNotification(message);
      return;
    }
    const callback = this.callback;
    if (!callback) return;
    this.waiting = true;
    try {
      callback(message);
    } catch (error) {
      // Not queued, so never dispatched: do not wait for it.
      this.waiting = false;
      this.logger.error(`JSON-RPC dispatch failed: ${String(error)}`);
    }
  }

  private pump(): void {
    while (!this.waiting && !this.disposed && this.head < this.queue.length) {
      const message = this.queue[this.head]!;
      this.head++;
      this.deliver(message);
    }
    if (this.head > 0 && this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    if (!this.ended || this.waiting || this.done || this.disposed || this.queue.length > 0) {
      return;
    }
    this.done = true;
    if (this.endError) this.fireError(this.endError);
    this.fireClose();
  }
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
