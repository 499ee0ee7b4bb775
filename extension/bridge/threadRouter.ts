/**
 * Several bridges (the sidebar and each Codex editor panel) share one app-server. Notifications
 * reach every bridge, and each consumer already keeps only its own thread's: the transcript
 * stream folds events into ChatState, which drops batches for another thread; thread notices are
 * shown only for the thread on screen; ThreadSession and ApprovalBroker compare `threadId`.
 *
 * Server requests are different: the supervisor keeps one handler per method (a second
 * registration replaces the first), and an approval must be shown exactly once, by the bridge
 * that shows its thread. The router registers one handler per method on the shared port and
 * hands each request to the bridge that owns `params.threadId`; a request for a thread no bridge
 * shows (or one without a thread) goes to the fallback bridge (the sidebar), so codex is never
 * left without an answer.
 */
import type {
  ServerRequestMethod,
  ServerRequestParams,
  ServerRequestResult,
} from "../../protocol/codexRpc";
import type { AppServerPort, Disposable, ServerRequestHandler } from "./port";

export interface ThreadOwner {
  /** True when this owner shows `threadId` (its transcript is that thread). */
  ownsThread(threadId: string): boolean;
}

interface Route {
  owner: ThreadOwner;
  fallback: boolean;
  handler: ServerRequestHandler<ServerRequestMethod>;
}

/** The `threadId` of a server request's params, when it has one. */
export function threadIdOf(params: unknown): string | undefined {
  if (typeof params !== "object" || params === null) return undefined;
  const threadId = (params as { threadId?: unknown }).threadId;
  return typeof threadId === "string" && threadId.length > 0 ? threadId : undefined;
}

export class ThreadRouter {
  private readonly routes = new Map<ServerRequestMethod, Route[]>();
  private readonly registrations = new Map<ServerRequestMethod, Disposable>();

  constructor(private readonly port: AppServerPort) {}

  /**
   * The shared port as one owner sees it: everything passes through, except that its
   * server-request handlers are routed. `fallback`: this owner also answers requests no other
   * owner claims (exactly one owner should be the fallback; the first registered one is used
   * when none is).
   */
  portFor(owner: ThreadOwner, options: { fallback?: boolean } = {}): AppServerPort {
    const shared = this.port;
    return {
      request: (method, params, requestOptions) => shared.request(method, params, requestOptions),
      onNotification: (listener) => shared.onNotification(listener),
      handleServerRequest: (method, handler) =>
        this.register(method, owner, handler, options.fallback ?? false),
      trackLoadedThread: (threadId) => shared.trackLoadedThread(threadId),
      get state() {
        return shared.state;
      },
      onDidChangeState: (listener) => shared.onDidChangeState(listener),
      onDidConnect: (listener) => shared.onDidConnect(listener),
    };
  }

  /** How many owners handle `method` (for tests and logs). */
  ownerCount(method: ServerRequestMethod): number {
    return this.routes.get(method)?.length ?? 0;
  }

  private register<M extends ServerRequestMethod>(
    method: M,
    owner: ThreadOwner,
    handler: ServerRequestHandler<M>,
    fallback: boolean,
  ): Disposable {
    const route: Route = {
      owner,
      fallback,
      handler: handler as unknown as ServerRequestHandler<ServerRequestMethod>,
    };
    const routes = this.routes.get(method) ?? [];
    // One handler per owner and method, like the supervisor: a re-registration replaces it.
    const existing = routes.findIndex((candidate) => candidate.owner === owner);
    if (existing === -1) routes.push(route);
    else routes[existing] = route;
    this.routes.set(method, routes);
    if (!this.registrations.has(method)) {
      this.registrations.set(
        method,
        this.port.handleServerRequest(method, (params, signal) =>
          this.dispatch(method, params, signal),
        ),
      );
    }
    return {
      dispose: () => {
        const current = this.routes.get(method);
        const at = current?.indexOf(route) ?? -1;
        if (!current || at === -1) return;
        current.splice(at, 1);
        if (current.length > 0) return;
        this.routes.delete(method);
        this.registrations.get(method)?.dispose();
        this.registrations.delete(method);
      },
    };
  }

  /** The route that answers a request with these params, or undefined when there is none. */
  routeFor(method: ServerRequestMethod, params: unknown): Route | undefined {
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
    const route = this.routeFor(method, params);
    if (!route) return Promise.reject(new Error(`no handler for ${method}`));
    return route.handler(params, signal) as Promise<ServerRequestResult<M>>;
  }
}
