/**
 * What outlives one app-server child: the server-request handlers and the loaded threads, given
 * to every new client the supervisor starts (handlers registered, threads `thread/resume`d).
 */
import type { ServerRequestMethod } from "../../protocol/codexRpc";
import type { Logger } from "../log";
import { describeError } from "./errors";
import type { Disposable } from "./emitter";
import type { AppServerRpcClient } from "./rpcClient";
import type { ServerRequestHandler } from "./serverRequests";

interface HandlerEntry {
  handler: ServerRequestHandler<ServerRequestMethod>;
  /** The registration on the current client. */
  live: Disposable | undefined;
}

export class ClientRegistrations {
  private readonly handlers = new Map<string, HandlerEntry>();
  /** Thread id → number of trackers (two views may track the same thread). */
  private readonly trackedThreads = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  /** Registers `handler` on `current` (the running client, if any) and on each new one. */
  handleServerRequest<M extends ServerRequestMethod>(
    method: M,
    handler: ServerRequestHandler<M>,
    current: AppServerRpcClient | undefined,
  ): Disposable {
    this.handlers.get(method)?.live?.dispose();
    const entry: HandlerEntry = {
      handler: handler as unknown as ServerRequestHandler<ServerRequestMethod>,
      live: current?.handleServerRequest(method, handler),
    };
    this.handlers.set(method, entry);
    return {
      dispose: () => {
        if (this.handlers.get(method) !== entry) return;
        this.handlers.delete(method);
        entry.live?.dispose();
      },
    };
  }

  /** Keeps `threadId` resumed on every new client until the returned Disposable is disposed. */
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

  /** A new client, not listening yet: every handler moves to it. */
  registerHandlers(client: AppServerRpcClient): void {
    for (const [method, entry] of this.handlers) {
      entry.live = client.handleServerRequest(method as ServerRequestMethod, entry.handler);
    }
  }

  /** A new, initialized client: resumes the tracked threads on it (failures are logged). */
  async resumeThreads(client: AppServerRpcClient): Promise<void> {
    await Promise.all(
      [...this.trackedThreads.keys()].map(async (threadId) => {
        try {
          await client.request("thread/resume", { threadId, excludeTurns: true });
          this.logger.info(`Resumed thread ${threadId}`);
        } catch (error) {
          this.logger.warn(`Could not resume thread ${threadId}: ${describeError(error)}`);
        }
      }),
    );
  }
}
