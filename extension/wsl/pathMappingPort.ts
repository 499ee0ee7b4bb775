/**
 * Puts the WSL path translation at the one seam every app-server message crosses: the bridge's
 * AppServerPort. Outgoing cwd and user inputs become Linux paths; incoming items, approval cwds
 * and thread history come back as paths the Windows editor can open. With a native app-server the
 * mapper is the identity and every message passes through untouched (no copies on the hot path).
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { Thread } from "../../protocol/codex/v2/Thread";
import type { ThreadItem } from "../../protocol/codex/v2/ThreadItem";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import type { AppServerPort, ServerRequestHandler } from "../bridge/port";
import type { PathMapper } from "./wslPaths";

type Params = Record<string, unknown>;

/** Requests whose `cwd` is a host path, and those that carry user input. */
const CWD_REQUESTS = new Set(["thread/start", "thread/resume", "thread/fork", "turn/start"]);
const INPUT_REQUESTS = new Set(["turn/start", "turn/steer"]);
/** Responses that carry a whole thread with its turns. */
const THREAD_RESPONSES = new Set(["thread/start", "thread/resume", "thread/fork", "thread/read"]);
/** Server requests whose `cwd` is a server path. */
const CWD_SERVER_REQUESTS = new Set([
  "item/commandExecution/requestApproval",
  "item/permissions/requestApproval",
]);

function mapOutgoing(method: string, params: unknown, paths: PathMapper): unknown {
  if (typeof params !== "object" || params === null) return params;
  let mapped = params as Params;
  if (CWD_REQUESTS.has(method) && typeof mapped.cwd === "string") {
    // An unreachable folder (another distro, a network share) is left for codex to reject loudly.
    mapped = { ...mapped, cwd: paths.toServer(mapped.cwd) ?? mapped.cwd };
  }
  if (INPUT_REQUESTS.has(method) && Array.isArray(mapped.input)) {
    mapped = { ...mapped, input: (mapped.input as UserInput[]).map(paths.userInputToServer) };
  }
  return mapped;
}

function mapThread(thread: Thread, paths: PathMapper): Thread {
  return {
    ...thread,
    cwd: paths.toHost(thread.cwd),
    turns: thread.turns.map((turn) => ({ ...turn, items: turn.items.map(paths.itemToHost) })),
  };
}

function mapResult(method: string, result: unknown, paths: PathMapper): unknown {
  if (method === "thread/turns/list" && typeof result === "object" && result !== null) {
    const page = result as { data?: Turn[] };
    if (!Array.isArray(page.data)) return result;
    return {
      ...page,
      data: page.data.map((turn) => ({ ...turn, items: turn.items.map(paths.itemToHost) })),
    };
  }
  if (!THREAD_RESPONSES.has(method) || typeof result !== "object" || result === null) return result;
  const withThread = result as { thread?: Thread };
  return withThread.thread
    ? { ...withThread, thread: mapThread(withThread.thread, paths) }
    : result;
}

function mapNotification(notification: ServerNotification, paths: PathMapper): ServerNotification {
  if (notification.method === "item/started" || notification.method === "item/completed") {
    const item: ThreadItem = paths.itemToHost(notification.params.item);
    return { ...notification, params: { ...notification.params, item } } as ServerNotification;
  }
  if (notification.method === "thread/started") {
    const thread = mapThread(notification.params.thread, paths);
    return { ...notification, params: { ...notification.params, thread } };
  }
  return notification;
}

export function withPathMapping(port: AppServerPort, paths: () => PathMapper): AppServerPort {
  return {
    async request(method, params, options) {
      const mapper = paths();
      if (mapper.kind === "native") return port.request(method, params, options);
      const result = await port.request(
        method,
        mapOutgoing(method, params, mapper) as typeof params,
        options,
      );
      return mapResult(method, result, paths()) as typeof result;
    },
    onNotification: (listener) =>
      port.onNotification((notification) => {
        const mapper = paths();
        listener(mapper.kind === "native" ? notification : mapNotification(notification, mapper));
      }),
    handleServerRequest(method, handler) {
      if (!CWD_SERVER_REQUESTS.has(method)) return port.handleServerRequest(method, handler);
      const mapped: typeof handler = (params, signal) => {
        const mapper = paths();
        const withCwd = params as Params;
        if (mapper.kind === "native" || typeof withCwd.cwd !== "string") {
          return handler(params, signal);
        }
        return handler({ ...withCwd, cwd: mapper.toHost(withCwd.cwd) } as typeof params, signal);
      };
      return port.handleServerRequest(method, mapped as ServerRequestHandler<typeof method>);
    },
    trackLoadedThread: (threadId) => port.trackLoadedThread(threadId),
    get state() {
      return port.state;
    },
    onDidChangeState: (listener) => port.onDidChangeState(listener),
    onDidConnect: (listener) => port.onDidConnect(listener),
  };
}
