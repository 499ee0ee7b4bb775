/**
 * The WSL path translation of every message that crosses the connection: outgoing cwds and user
 * inputs become Linux paths; incoming items, approval cwds and thread history come back as paths
 * the Windows editor can open. With a native app-server the mapper is the identity and
 * `CodexConnection` does not call these at all (no copies on the hot path).
 *
 * Which fields carry paths is checked against the generated protocol types:
 * test/unit/connection/pathFields.test.ts walks the messages the extension exchanges and fails
 * when one has a path-like field that is neither in PATH_FIELDS below nor explained in
 * UNMAPPED_PATH_FIELDS, e.g. after a codex update adds one.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { Thread } from "../../protocol/codex/v2/Thread";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import type { ClientRequestMethod, ServerRequestMethod } from "../../protocol/codexRpc";
import type { PathMapper } from "../wsl/wslPaths";

type Params = Record<string, unknown>;

/** Requests whose `cwd` is a host path. */
const CWD_REQUESTS: ReadonlySet<ClientRequestMethod> = new Set([
  "thread/start",
  "thread/resume",
  "thread/fork",
  "turn/start",
] as const satisfies readonly ClientRequestMethod[]);
/** Requests that carry user input (attachments and mentions with local paths). */
const INPUT_REQUESTS: ReadonlySet<ClientRequestMethod> = new Set([
  "turn/start",
  "turn/steer",
] as const satisfies readonly ClientRequestMethod[]);
/** Responses that carry a whole thread with its turns. */
const THREAD_RESPONSES: ReadonlySet<ClientRequestMethod> = new Set([
  "thread/start",
  "thread/resume",
  "thread/fork",
  "thread/read",
] as const satisfies readonly ClientRequestMethod[]);
/** Server requests whose `cwd` is a server path. */
const CWD_SERVER_REQUESTS: ReadonlySet<ServerRequestMethod> = new Set([
  "item/commandExecution/requestApproval",
  "item/permissions/requestApproval",
] as const satisfies readonly ServerRequestMethod[]);

export function mapRequestParams(method: string, params: unknown, paths: PathMapper): unknown {
  if (typeof params !== "object" || params === null) return params;
  let mapped = params as Params;
  if (CWD_REQUESTS.has(method as ClientRequestMethod) && typeof mapped.cwd === "string") {
    // An unreachable folder (another distro, a network share) is left for codex to reject loudly.
    mapped = { ...mapped, cwd: paths.toServer(mapped.cwd) ?? mapped.cwd };
  }
  if (INPUT_REQUESTS.has(method as ClientRequestMethod) && Array.isArray(mapped.input)) {
    mapped = { ...mapped, input: (mapped.input as UserInput[]).map(paths.userInputToServer) };
  }
  return mapped;
}

function mapTurn(turn: Turn, paths: PathMapper): Turn {
  return { ...turn, items: turn.items.map(paths.itemToHost) };
}

function mapThread(thread: Thread, paths: PathMapper): Thread {
  return {
    ...thread,
    cwd: paths.toHost(thread.cwd),
    turns: thread.turns.map((turn) => mapTurn(turn, paths)),
  };
}

export function mapResult(method: string, result: unknown, paths: PathMapper): unknown {
  if (typeof result !== "object" || result === null) return result;
  if (method === "thread/turns/list") {
    const page = result as { data?: Turn[] };
    if (!Array.isArray(page.data)) return result;
    return { ...page, data: page.data.map((turn) => mapTurn(turn, paths)) };
  }
  if (!THREAD_RESPONSES.has(method as ClientRequestMethod)) return result;
  const withThread = result as { thread?: Thread };
  return withThread.thread
    ? { ...withThread, thread: mapThread(withThread.thread, paths) }
    : result;
}

export function mapNotification(
  notification: ServerNotification,
  paths: PathMapper,
): ServerNotification {
  if (notification.method === "item/started" || notification.method === "item/completed") {
    const item = paths.itemToHost(notification.params.item);
    return { ...notification, params: { ...notification.params, item } } as ServerNotification;
  }
  if (notification.method === "thread/started") {
    const thread = mapThread(notification.params.thread, paths);
    return { ...notification, params: { ...notification.params, thread } };
  }
  return notification;
}

export function mapServerRequestParams(
  method: ServerRequestMethod,
  params: unknown,
  paths: PathMapper,
): unknown {
  if (!CWD_SERVER_REQUESTS.has(method)) return params;
  const withCwd = params as Params;
  if (typeof withCwd?.cwd !== "string") return params;
  return { ...withCwd, cwd: paths.toHost(withCwd.cwd) };
}
