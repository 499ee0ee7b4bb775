/** An in-memory AppServerPort for unit tests: scripted request answers, emitted notifications. */
import type { AppServerPort, Disposable, PortState } from "../../../extension/connection/port";
import type { Logger } from "../../../extension/log";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";

type AnyHandler = (params: unknown, signal: AbortSignal) => Promise<unknown>;

export interface FakePort extends AppServerPort {
  /** Requests made, in order. */
  calls: { method: string; params: unknown }[];
  /** Answers for a method: a value or a function of the params (throw to fail the request). */
  answer(method: string, answer: unknown): void;
  /** Holds a method's answers: each request waits for the resolver it adds, in order. */
  hold(method: string): ((answer: unknown) => void)[];
  emit(notification: ServerNotification): void;
  setState(state: PortState): void;
  connect(): void;
  /** Calls the registered handler like codex would; returns the handler's promise and its abort. */
  serverRequest(
    method: string,
    params: unknown,
  ): { result: Promise<unknown>; abort: (reason?: unknown) => void };
  tracked: Set<string>;
}

export function fakePort(initial: PortState = { kind: "ready" }): FakePort {
  const notificationListeners = new Set<(n: ServerNotification) => void>();
  const stateListeners = new Set<(s: PortState) => void>();
  const connectListeners = new Set<() => void>();
  const handlers = new Map<string, AnyHandler>();
  const answers = new Map<string, unknown>();
  const tracked = new Set<string>();
  let state = initial;
  const listen = <T>(set: Set<T>, listener: T): Disposable => {
    set.add(listener);
    return { dispose: () => set.delete(listener) };
  };
  const port: FakePort = {
    calls: [],
    tracked,
    async request(method, params) {
      port.calls.push({ method, params });
      if (!answers.has(method)) throw new Error(`fake port: no answer for ${method}`);
      const answer = answers.get(method);
      return (typeof answer === "function" ? await answer(params) : answer) as never;
    },
    onNotification: (listener) => listen(notificationListeners, listener),
    handleServerRequest(method, handler) {
      handlers.set(method, handler as AnyHandler);
      return { dispose: () => handlers.delete(method) };
    },
    trackLoadedThread(threadId) {
      tracked.add(threadId);
      return { dispose: () => tracked.delete(threadId) };
    },
    get state() {
      return state;
    },
    onDidChangeState: (listener) => listen(stateListeners, listener),
    onDidConnect: (listener) => listen(connectListeners, listener),
    answer: (method, answer) => answers.set(method, answer),
    hold(method) {
      const waiting: ((answer: unknown) => void)[] = [];
      answers.set(method, () => new Promise((resolve) => waiting.push(resolve)));
      return waiting;
    },
    emit: (n) => {
      for (const listener of [...notificationListeners]) listener(n);
    },
    setState(next) {
      state = next;
      for (const listener of [...stateListeners]) listener(next);
    },
    connect() {
      for (const listener of [...connectListeners]) listener();
    },
    serverRequest(method, params) {
      const handler = handlers.get(method);
      if (!handler) throw new Error(`fake port: no handler for ${method}`);
      const controller = new AbortController();
      return {
        result: handler(params, controller.signal),
        abort: (reason) => controller.abort(reason),
      };
    },
  };
  return port;
}

export function nullLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (message: string | Error) => void lines.push(String(message));
  return { lines, trace: at, debug: at, info: at, warn: at, error: at };
}

/** An error shaped like the rpc client's AppServerClosedError. */
export function closedError(): Error {
  const error = new Error("codex app-server connection closed");
  error.name = "AppServerClosedError";
  return error;
}
