/**
 * The one seam between the views' bridges (the sidebar's and each Codex panel's) and the
 * supervised app-server. Every bridge talks to codex through one CodexConnection, which
 *  - starts the app-server on first use (requests wait for a start or restart),
 *  - maps WSL paths once per message (outgoing params, results, notifications, server requests;
 *    see pathMapping.ts), whatever the number of views,
 *  - fans each notification out to one listener per view (a view dispatches it to its consumers
 *    in a declared order, see notifications.ts),
 *  - routes each server request to the view that shows its thread. The supervisor keeps one
 *    handler per method and an approval must be shown exactly once, so the connection registers
 *    one handler per method and hands the request to the route whose owner shows
 *    `params.threadId`; a request for a thread no view shows (or without a thread) goes to the
 *    fallback route (the sidebar), so codex is never left without an answer.
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
import { nativePathMapper, type PathMapper } from "../wsl/wslPaths";
import {
  mapNotification,
  mapRequestParams,
  mapResult,
  mapServerRequestParams,
} from "./pathMapping";
import {
  isUnknownMethodError,
  UnsupportedMethodError,
  UnsupportedMethods,
} from "./unsupportedMethods";
import type {
  AppServerPort,
  Disposable,
  PortRequestOptions,
  RequestRoute,
  ServerRequestHandler,
  ThreadOwner,
} from "./port";

/**
 * What the connection sits on: the supervisor (structurally), whose `ensureStarted` yields the
 * connected client. In tests, any port with a `request`.
 */
export type AppServerBelow = Omit<AppServerPort, "request"> &
  ({ ensureStarted(): Promise<Pick<AppServerPort, "request">> } | Pick<AppServerPort, "request">);

interface Route extends RequestRoute {
  handler: ServerRequestHandler<ServerRequestMethod>;
}

/** The owner of registrations made without a route: one view on its own, which takes everything. */
const UNROUTED: ThreadOwner = { ownsThread: () => false };

/** The `threadId` of a server request's params, when it has one. */
export function threadIdOf(params: unknown): string | undefined {
  if (typeof params !== "object" || params === null) return undefined;
  const threadId = (params as { threadId?: unknown }).threadId;
  return typeof threadId === "string" && threadId.length > 0 ? threadId : undefined;
}

export class CodexConnection implements AppServerPort {
  private readonly listeners = new Set<(notification: ServerNotification) => void>();
  private readonly routes = new Map<ServerRequestMethod, Route[]>();
  private readonly registrations = new Map<ServerRequestMethod, Disposable>();
  private readonly subscription: Disposable;
  private readonly connectSubscription: Disposable;

  constructor(
    private readonly server: AppServerBelow,
    /** The mapper for the app-server running now (it changes when WSL falls back to native). */
    private readonly paths: () => PathMapper = () => nativePathMapper,
  ) {
    this.subscription = server.onNotification((notification) => this.fanOut(notification));
    this.connectSubscription = server.onDidConnect(() => this.unsupported.clear());
  }

  /** Methods the running codex does not have (feature detection; see unsupportedMethods.ts). */
  readonly unsupported = new UnsupportedMethods();

  /**
   * Sends a request to codex. A method this codex does not know rejects with
   * UnsupportedMethodError (and is remembered in `unsupported`) instead of an RPC error.
   */
  async request<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options?: PortRequestOptions,
  ): Promise<ClientRequestResult<M>> {
    if (this.unsupported.has(method)) throw new UnsupportedMethodError(method);
    try {
      return await this.send(method, params, options);
    } catch (error) {
      if (!isUnknownMethodError(error, method)) throw error;
      this.unsupported.add(method);
      throw new UnsupportedMethodError(method);
    }
  }

  private async send<M extends ClientRequestMethod>(
    method: M,
    params: ClientRequestParams<M>,
    options?: PortRequestOptions,
  ): Promise<ClientRequestResult<M>> {
    const client = "ensureStarted" in this.server ? await this.server.ensureStarted() : this.server;
    const mapper = this.paths();
    if (mapper.kind === "native") return client.request(method, params, options);
    const result = await client.request(
      method,
      mapRequestParams(method, params, mapper) as typeof params,
      options,
    );
    return mapResult(method, result, this.paths()) as typeof result;
  }

  onNotification(listener: (notification: ServerNotification) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
    route: RequestRoute = { owner: UNROUTED, fallback: true },
  ): Disposable {
    const entry: Route = {
      ...route,
      handler: handler as unknown as ServerRequestHandler<ServerRequestMethod>,
    };
    const routes = this.routes.get(method) ?? [];
    // One handler per owner and method, like the supervisor: a re-registration replaces it.
    const existing = routes.findIndex((candidate) => candidate.owner === route.owner);
    if (existing === -1) routes.push(entry);
    else routes[existing] = entry;
    this.routes.set(method, routes);
    if (!this.registrations.has(method)) {
      this.registrations.set(
        method,
        this.server.handleServerRequest(method, (params, signal) =>
          this.dispatch(method, params, signal),
        ),
      );
    }
    return { dispose: () => this.unroute(method, entry) };
  }

  trackLoadedThread(threadId: string): Disposable {
    return this.server.trackLoadedThread(threadId);
  }

  get state(): AppServerPort["state"] {
    return this.server.state;
  }

  onDidChangeState(listener: Parameters<AppServerPort["onDidChangeState"]>[0]): Disposable {
    return this.server.onDidChangeState(listener);
  }

  onDidConnect(listener: () => void): Disposable {
    return this.server.onDidConnect(() => listener());
  }

  /** How many owners handle `method` (for tests and logs). */
  ownerCount(method: ServerRequestMethod): number {
    return this.routes.get(method)?.length ?? 0;
  }

  dispose(): void {
    this.subscription.dispose();
    this.connectSubscription.dispose();
    for (const registration of this.registrations.values()) registration.dispose();
    this.registrations.clear();
    this.routes.clear();
    this.listeners.clear();
  }

  private fanOut(notification: ServerNotification): void {
    const mapper = this.paths();
    const mapped = mapper.kind === "native" ? notification : mapNotification(notification, mapper);
    for (const listener of [...this.listeners]) listener(mapped);
  }

  private findRoute(method: ServerRequestMethod, params: unknown): Route | undefined {
    const routes = this.routes.get(method) ?? [];
    const threadId = threadIdOf(params);
    if (threadId !== undefined) {
      const owner = routes.find((route) => route.owner.ownsThread(threadId));
      if (owner) return owner;
    }
    return routes.find((route) => route.fallback) ?? routes[0];
  }

  private dispatch<M extends ServerRequestMethod>(
    method: M,
    params: ServerRequestParams<M>,
    signal: AbortSignal,
  ): Promise<ServerRequestResult<M>> {
    const mapper = this.paths();
    const mapped =
      mapper.kind === "native"
        ? params
        : (mapServerRequestParams(method, params, mapper) as ServerRequestParams<M>);
    const route = this.findRoute(method, mapped);
    if (!route) return Promise.reject(new Error(`no handler for ${method}`));
    return route.handler(mapped, signal) as Promise<ServerRequestResult<M>>;
  }

  private unroute(method: ServerRequestMethod, entry: Route): void {
    const current = this.routes.get(method);
    const at = current?.indexOf(entry) ?? -1;
    if (!current || at === -1) return;
    current.splice(at, 1);
    if (current.length > 0) return;
    this.routes.delete(method);
    this.registrations.get(method)?.dispose();
    this.registrations.delete(method);
  }
}
