/**
 * The two ends of the host–webview channel. Each end validates every message it receives
 * (envelope first, then the method's own schema) and drops anything invalid with a log line:
 * nothing acts on a message that failed validation.
 */
import * as v from "valibot";
import {
  hostNotifications,
  webviewNotifications,
  webviewRequests,
  type HostNotificationMethod,
  type HostNotificationParams,
  type WebviewNotificationMethod,
  type WebviewNotificationParams,
  type WebviewRequestMethod,
  type WebviewRequestParams,
  type WebviewRequestResult,
} from "./messages";

const method = v.pipe(v.string(), v.maxLength(100));
const requestId = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0),
  v.maxValue(Number.MAX_SAFE_INTEGER),
);

const webviewEnvelope = v.variant("kind", [
  v.strictObject({ kind: v.literal("request"), id: requestId, method, params: v.unknown() }),
  v.strictObject({ kind: v.literal("notification"), method, params: v.unknown() }),
]);

const hostEnvelope = v.variant("kind", [
  v.strictObject({
    kind: v.literal("response"),
    id: requestId,
    ok: v.literal(true),
    result: v.unknown(),
  }),
  v.strictObject({
    kind: v.literal("response"),
    id: requestId,
    ok: v.literal(false),
    error: v.string(),
  }),
  v.strictObject({ kind: v.literal("notification"), method, params: v.unknown() }),
]);

const MAX_DEPTH = 32;

/**
 * True when `object` looks like what JSON produces: a plain object (or array) whose own
 * properties are all enumerable data properties with string keys. valibot reads inherited
 * properties (`key in input`) and getters, and takes any object for an object, so anything else
 * is refused before it looks. May throw (a Proxy's traps); callers catch.
 */
function hasPlainShape(object: object): boolean {
  const proto: unknown = Object.getPrototypeOf(object);
  const isArray = Array.isArray(object);
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
    return false;
  }
  for (const key of Reflect.ownKeys(object)) {
    if (typeof key === "symbol") return false;
    if (isArray && key === "length") continue;
    const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
    if (!("value" in descriptor) || !descriptor.enumerable) return false;
  }
  return true;
}

/** Plain JSON data all the way down (see hasPlainShape), without cycles or absurd nesting. */
function isPlainData(value: unknown, depth = 0, ancestors: object[] = []): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object") return false;
  if (depth >= MAX_DEPTH || ancestors.includes(value) || !hasPlainShape(value)) return false;
  ancestors.push(value);
  for (const child of Object.values(value)) {
    if (!isPlainData(child, depth + 1, ancestors)) return false;
  }
  ancestors.pop();
  return true;
}

export interface ChannelLogger {
  warn(message: string): void;
}

export interface Disposable {
  dispose(): void;
}

function hasOwn<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map(
      (issue) => `${issue.path?.map((p) => String(p.key)).join(".") || "(root)"}: ${issue.message}`,
    )
    .join("; ");
}

/**
 * Params are a plain object of plain JSON data (valibot's strictObject would also take `[]`); a
 * throwing Proxy trap also just means "invalid".
 */
function plainParams(params: unknown): boolean {
  try {
    return (
      typeof params === "object" && params !== null && !Array.isArray(params) && isPlainData(params)
    );
  } catch {
    return false;
  }
}

/** A user-facing error the host sends back instead of a result. Never carries a stack. */
export class ChannelRequestError extends Error {}

type RequestHandler<M extends WebviewRequestMethod> = (
  params: WebviewRequestParams<M>,
) => Promise<WebviewRequestResult<M>> | WebviewRequestResult<M>;

/** The extension host's end. */
export class HostChannel {
  private readonly requestHandlers = new Map<string, (params: unknown) => unknown>();
  private readonly notificationHandlers = new Map<string, (params: unknown) => void>();
  /** Messages dropped by validation, for tests and diagnostics. */
  rejected = 0;

  /**
   * `l10n` translates the channel's own error answers (the host passes its translator,
   * extension/l10n.ts, which protocol/ cannot import). English without.
   */
  constructor(
    private readonly post: (message: unknown) => void,
    private readonly logger: ChannelLogger,
    private readonly l10n: { t(message: string): string } = { t: (message) => message },
  ) {}

  handle<M extends WebviewRequestMethod>(method: M, handler: RequestHandler<M>): Disposable {
    this.requestHandlers.set(method, handler as (params: unknown) => unknown);
    return { dispose: () => this.requestHandlers.delete(method) };
  }

  onNotification<M extends WebviewNotificationMethod>(
    method: M,
    handler: (params: WebviewNotificationParams<M>) => void,
  ): Disposable {
    this.notificationHandlers.set(method, handler as (params: unknown) => void);
    return { dispose: () => this.notificationHandlers.delete(method) };
  }

  notify<M extends HostNotificationMethod>(method: M, params: HostNotificationParams<M>): void {
    this.post({ kind: "notification", method, params });
  }

  /** Validates and dispatches one message from the webview. Never throws. */
  async receive(raw: unknown): Promise<void> {
    let envelope: v.SafeParseResult<typeof webviewEnvelope>;
    try {
      if (typeof raw === "object" && raw !== null && !hasPlainShape(raw)) {
        return this.reject("envelope: not plain JSON data");
      }
      envelope = v.safeParse(webviewEnvelope, raw);
    } catch (error) {
      return this.reject(`envelope: unreadable (${String(error)})`);
    }
    if (!envelope.success) return this.reject(`envelope: ${describeIssues(envelope.issues)}`);
    const message = envelope.output;
    if (message.kind === "notification") {
      if (!hasOwn(webviewNotifications, message.method))
        return this.reject(`unknown notification ${message.method}`);
      if (!plainParams(message.params))
        return this.reject(`${message.method}: params are not a plain JSON object`);
      const params = v.safeParse(webviewNotifications[message.method], message.params);
      if (!params.success)
        return this.reject(`${message.method}: ${describeIssues(params.issues)}`);
      try {
        this.notificationHandlers.get(message.method)?.(params.output);
      } catch (error) {
        this.logger.warn(`webview notification ${message.method} failed: ${String(error)}`);
      }
      return;
    }
    if (!hasOwn(webviewRequests, message.method)) {
      this.reject(`unknown request ${message.method}`);
      return this.post({ kind: "response", id: message.id, ok: false, error: "Unknown request." });
    }
    const params = plainParams(message.params)
      ? v.safeParse(webviewRequests[message.method].params, message.params)
      : undefined;
    if (!params?.success) {
      this.reject(
        `${message.method}: ${params ? describeIssues(params.issues) : "params are not a plain JSON object"}`,
      );
      return this.post({
        kind: "response",
        id: message.id,
        ok: false,
        error: this.l10n.t("Invalid request."),
      });
    }
    const handler = this.requestHandlers.get(message.method);
    if (!handler) {
      return this.post({
        kind: "response",
        id: message.id,
        ok: false,
        error: this.l10n.t("Not available yet."),
      });
    }
    try {
      const result = await handler(params.output);
      this.post({ kind: "response", id: message.id, ok: true, result });
    } catch (error) {
      const text =
        error instanceof ChannelRequestError
          ? error.message
          : this.l10n.t("Something went wrong; see the Codex log.");
      if (!(error instanceof ChannelRequestError)) {
        this.logger.warn(`webview request ${message.method} failed: ${String(error)}`);
      }
      this.post({ kind: "response", id: message.id, ok: false, error: text });
    }
  }

  private reject(reason: string): void {
    this.rejected += 1;
    this.logger.warn(`rejected webview message: ${reason.slice(0, 500)}`);
  }
}

type NotificationHandler<M extends HostNotificationMethod> = (
  params: HostNotificationParams<M>,
) => void;

/** The webview's end. */
export class WebviewChannel {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      method: WebviewRequestMethod;
      resolve: (value: unknown) => void;
      reject: (error: Error) => void;
    }
  >();
  private readonly handlers = new Map<string, Set<(params: unknown) => void>>();
  rejected = 0;

  constructor(
    private readonly post: (message: unknown) => void,
    private readonly logger: ChannelLogger,
  ) {}

  request<M extends WebviewRequestMethod>(
    method: M,
    params: WebviewRequestParams<M>,
  ): Promise<WebviewRequestResult<M>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
      this.post({ kind: "request", id, method, params });
    });
  }

  notify<M extends WebviewNotificationMethod>(
    method: M,
    params: WebviewNotificationParams<M>,
  ): void {
    this.post({ kind: "notification", method, params });
  }

  on<M extends HostNotificationMethod>(method: M, handler: NotificationHandler<M>): Disposable {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    const entry = handler as (params: unknown) => void;
    set.add(entry);
    return { dispose: () => set.delete(entry) };
  }

  /** Fails every request still waiting, e.g. when the host is gone. */
  failPending(reason: string): void {
    for (const [, pending] of this.pending) pending.reject(new ChannelRequestError(reason));
    this.pending.clear();
  }

  /** Validates and dispatches one message from the host. Never throws. */
  receive(raw: unknown): void {
    const envelope = v.safeParse(hostEnvelope, raw);
    if (!envelope.success) return this.reject(`envelope: ${describeIssues(envelope.issues)}`);
    const message = envelope.output;
    if (message.kind === "response") {
      const pending = this.pending.get(message.id);
      if (!pending) return this.reject(`response to unknown request ${message.id}`);
      this.pending.delete(message.id);
      if (!message.ok) return pending.reject(new ChannelRequestError(message.error));
      const result = v.safeParse(webviewRequests[pending.method].result, message.result);
      if (!result.success) {
        this.reject(`${pending.method} result: ${describeIssues(result.issues)}`);
        return pending.reject(new ChannelRequestError("The extension sent an invalid answer."));
      }
      return pending.resolve(result.output);
    }
    if (!hasOwn(hostNotifications, message.method))
      return this.reject(`unknown notification ${message.method}`);
    const params = v.safeParse(hostNotifications[message.method], message.params);
    if (!params.success) return this.reject(`${message.method}: ${describeIssues(params.issues)}`);
    for (const handler of this.handlers.get(message.method) ?? []) {
      try {
        handler(params.output);
      } catch (error) {
        this.logger.warn(`handler for ${message.method} failed: ${String(error)}`);
      }
    }
  }

  private reject(reason: string): void {
    this.rejected += 1;
    this.logger.warn(`rejected host message: ${reason.slice(0, 500)}`);
  }
}
