/**
 * The narrow view of the app-server everything above `extension/connection/` talks to.
 * `CodexConnection` implements it in the extension (path mapping, routing of server requests),
 * a plain rpc client or the supervisor's client satisfies most of it in protocol tests, and unit
 * tests pass a fake (test/unit/bridge/fakePort.ts). Nothing here imports `vscode` or a bridge.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type {
  ClientRequestMethod,
  ClientRequestParams,
  ClientRequestResult,
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from "../../protocol/codexRpc";

export interface Disposable {
  dispose(): void;
}

/** The supervisor's connection state, as far as the bridge looks at it. */
export type PortState =
  | { kind: "stopped" }
  | { kind: "starting" }
  | { kind: "ready" }
  | { kind: "restarting"; attempt: number; delayMs?: number; reason: string }
  | { kind: "failed"; reason: string; stderrTail: readonly string[] };

export interface PortRequestOptions {
  timeoutMs?: number | "none";
}

export type ServerRequestHandler<M extends ServerRequestMethod> = (
  params: ServerRequestParams<M>,
  signal: AbortSignal,
) => Promise<ServerRequestResult<M>>;

export interface ThreadOwner {
  /** True when this owner shows `threadId` (its transcript is that thread). */
  ownsThread(threadId: string): boolean;
}

/**
 * Who answers a server request when several views share one app-server: the owner that shows
 * the request's thread, else the `fallback` owner (the sidebar). A port with one view ignores it.
 */
export interface RequestRoute {
  owner: ThreadOwner;
  fallback: boolean;
}

export interface AppServerPort {
  /** Starts the app-server on first use; rejects when it cannot start or the request fails. */
  request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options?: PortRequestOptions,
  ): Promise<ClientRequestResult<M>>;
  /** Every server notification; the subscription survives restarts. One listener per view. */
  onNotification(listener: (notification: ServerNotification) => void): Disposable;
  /**
   * The handler survives restarts; `signal` aborts when codex resolves it or the connection
   * closes. One handler per method and route owner: a second registration replaces the first.
   */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
    route?: RequestRoute,
  ): Disposable;
  /** Keeps the thread loaded: the supervisor resumes it after a restart. */
  trackLoadedThread(threadId: string): Disposable;
  readonly state: PortState;
  onDidChangeState(listener: (state: PortState) => void): Disposable;
  /** After each (re)initialize. */
  onDidConnect(listener: () => void): Disposable;
}

/** True when an abort reason means "the connection went away" rather than "codex resolved it". */
export function isConnectionLoss(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "AppServerClosedError";
}
