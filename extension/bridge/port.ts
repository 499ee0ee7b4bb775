/**
 * The narrow view of the app-server the bridge needs. `AppServerSupervisor` satisfies it in the
 * extension (see `supervisorPort`), a plain rpc client satisfies it in protocol tests, and unit
 * tests pass a fake. Nothing under `extension/bridge/` imports `vscode` or the supervisor.
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

export interface AppServerPort {
  /** Starts the app-server on first use; rejects when it cannot start or the request fails. */
  request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options?: PortRequestOptions,
  ): Promise<ClientRequestResult<M>>;
  /** Every server notification; the subscription survives restarts. */
  onNotification(listener: (notification: ServerNotification) => void): Disposable;
  /** The handler survives restarts; `signal` aborts when codex resolves it or the connection closes. */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
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
