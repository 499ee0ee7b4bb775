/**
 * Typed errors of the app-server JSON-RPC client, so callers can tell "codex is gone" from
 * "codex said no" from "codex is slow", and show one line to the user.
 */

/** JSON-RPC error code codex answers when its bounded request queue is full. */
export const OVERLOADED_ERROR_CODE = -32001;

export interface ClosedInfo {
  /** Why the connection closed, in words (e.g. "app-server output ended"). */
  reason?: string;
  exitCode?: number | null;
  signal?: NodeJS.Signals | string | null;
}

/** The connection is gone: pending and later requests reject with this. */
export class AppServerClosedError extends Error {
  override readonly name = "AppServerClosedError";
  readonly reason: string | undefined;
  readonly exitCode: number | null | undefined;
  readonly signal: NodeJS.Signals | string | null | undefined;

  constructor(info: ClosedInfo = {}) {
    super(closedMessage(info));
    this.reason = info.reason;
    this.exitCode = info.exitCode;
    this.signal = info.signal;
  }
}

function closedMessage({ reason, exitCode, signal }: ClosedInfo): string {
  const parts: string[] = [];
  if (typeof exitCode === "number") parts.push(`exit code ${exitCode}`);
  if (signal) parts.push(`signal ${signal}`);
  const detail = parts.length > 0 ? ` (${parts.join(", ")})` : "";
  return `codex app-server connection closed${detail}${reason ? `: ${reason}` : ""}`;
}

/** codex did not answer within the request's timeout; the client stopped waiting. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`codex did not answer ${method} within ${timeoutMs} ms`);
  }
}

/** The caller aborted the request through its AbortSignal. */
export class RequestAbortedError extends Error {
  override readonly name = "RequestAbortedError";
  constructor(readonly method: string) {
    super(`${method} was aborted`);
  }
}

/** codex answered with a JSON-RPC error. */
export class AppServerRpcError extends Error {
  override readonly name = "AppServerRpcError";
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
    readonly method?: string,
  ) {
    super(message);
  }

  /** -32001: codex's queue is full; the request may succeed if retried later. */
  get isOverloaded(): boolean {
    return this.code === OVERLOADED_ERROR_CODE;
  }
}

/** A one-line, user-facing description of any error the client can produce. */
export function describeError(error: unknown): string {
  if (error instanceof AppServerClosedError) {
    const parts: string[] = [];
    if (typeof error.exitCode === "number") parts.push(`exit code ${error.exitCode}`);
    if (error.signal) parts.push(`signal ${error.signal}`);
    const detail = parts.length > 0 ? ` (${parts.join(", ")})` : "";
    return `Codex stopped${detail}${error.reason ? `: ${error.reason}` : ""}.`;
  }
  if (error instanceof RequestTimeoutError) {
    return `Codex did not answer ${error.method} within ${formatMs(error.timeoutMs)}.`;
  }
  if (error instanceof RequestAbortedError) return `${error.method} was cancelled.`;
  if (error instanceof AppServerRpcError) {
    if (error.isOverloaded) return "Codex is busy; try again in a moment.";
    return `Codex error: ${firstLine(error.message)} (${error.code}).`;
  }
  if (error instanceof Error) return firstLine(error.message) || error.name;
  return firstLine(String(error));
}

/** A duration for messages: "20 s", "1.5 s", "700 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
