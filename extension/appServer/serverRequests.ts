/**
 * Answers codex's server requests (approvals, user input, elicitations...) for the RPC client:
 * one handler per method, each given an AbortSignal that aborts when codex resolves the request
 * elsewhere (`serverRequest/resolved`, codex's way of cancelling one) or the connection closes.
 *
 * `serverRequest/resolved` names the request by its JSON-RPC id, which vscode-jsonrpc does not
 * pass to handlers; it does pass it to its cancellation receiver strategy, which this is: the
 * connection calls `createCancellationTokenSource(id)` right before a request's handler and hands
 * the handler the token it returns.
 */
import {
  ErrorCodes,
  ResponseError,
  type AbstractCancellationTokenSource,
  type CancellationId,
  type CancellationToken,
  type Disposable,
  type Event,
  type IdCancellationReceiverStrategy,
} from "vscode-jsonrpc/node";

import type {
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from "../../protocol/codexRpc";
import type { Logger } from "../log";

export type ServerRequestHandler<M extends ServerRequestMethod> = (
  params: ServerRequestParams<M>,
  signal: AbortSignal,
) => Promise<ServerRequestResult<M>> | ServerRequestResult<M>;

type AnyHandler = (params: unknown, signal: AbortSignal) => unknown;

export class ServerRequestHandlers implements IdCancellationReceiverStrategy {
  private readonly handlers = new Map<string, AnyHandler>();
  /** Requests whose handlers have not finished, by id. */
  private readonly running = new Map<CancellationId, ServerRequestToken>();
  private closedError: Error | undefined;

  constructor(private readonly logger: Logger) {}

  register<M extends ServerRequestMethod>(method: M, handler: ServerRequestHandler<M>): Disposable {
    const erased = handler as AnyHandler;
    this.handlers.set(method, erased);
    return {
      dispose: () => {
        if (this.handlers.get(method) === erased) this.handlers.delete(method);
      },
    };
  }

  /** From the connection, with the id of the request it is about to hand to `handle`. */
  createCancellationTokenSource(id: CancellationId): AbstractCancellationTokenSource {
    const token = new ServerRequestToken(id);
    if (this.closedError) token.controller.abort(this.closedError);
    this.running.set(id, token);
    return { token, cancel: () => token.controller.abort(), dispose: () => undefined };
  }

  /** The connection's star request handler. */
  readonly handle = async (
    method: string,
    params: unknown,
    token: CancellationToken,
  ): Promise<unknown> => {
    this.logger.trace("← request", method);
    // Always a ServerRequestToken: the connection gets every token from this strategy.
    const { id, controller } = token as ServerRequestToken;
    try {
      const handler = this.handlers.get(method);
      if (!handler) {
        this.logger.warn(`no handler for server request ${method}; answering MethodNotFound`);
        throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
      }
      if (typeof params !== "object" || params === null || Array.isArray(params)) {
        this.logger.warn(`server request ${method} has no params object; answering InvalidParams`);
        throw new ResponseError(ErrorCodes.InvalidParams, `${method} expects an object as params`);
      }
      return await handler(params, controller.signal);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.logger.error(`handler for server request ${method} failed: ${String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `The client failed to handle ${method}.`);
    } finally {
      if (this.running.get(id) === token) this.running.delete(id);
    }
  };

  /** Codex's `serverRequest/resolved`: the request was answered or cleared elsewhere. */
  resolved(params: unknown): void {
    const id = (params as { requestId?: unknown } | undefined)?.requestId;
    if (typeof id === "string" || typeof id === "number") this.running.get(id)?.controller.abort();
  }

  /** The connection closed: aborts every running handler, and any started later, with `error`. */
  close(error: Error): void {
    this.closedError = error;
    for (const token of this.running.values()) token.controller.abort(error);
    this.running.clear();
  }
}

/** One request's token: an AbortController, whose signal its handler gets, and the request's id. */
class ServerRequestToken implements CancellationToken {
  readonly controller = new AbortController();

  constructor(readonly id: CancellationId) {}

  get isCancellationRequested(): boolean {
    return this.controller.signal.aborted;
  }

  readonly onCancellationRequested: Event<void> = (listener, thisArgs) => {
    const signal = this.controller.signal;
    const fire = (): void => void listener.call(thisArgs, undefined);
    signal.addEventListener("abort", fire, { once: true });
    return { dispose: () => signal.removeEventListener("abort", fire) };
  };
}
