/**
 * Typed errors of the app-server JSON-RPC client, so callers can tell "codex is gone" from
 * "codex said no" from "codex is slow", and show one line to the user.
 */
import { l10n } from "../l10n";

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
    if (typeof error.exitCode === "number") parts.push(l10n.t("exit code {0}", error.exitCode));
    if (error.signal) parts.push(l10n.t("signal {0}", error.signal));
    const stopped =
      parts.length > 0 ? l10n.t("Codex stopped ({0})", parts.join(", ")) : l10n.t("Codex stopped");
    return error.reason ? l10n.t("{0}: {1}.", stopped, error.reason) : l10n.t("{0}.", stopped);
  }
  if (error instanceof RequestTimeoutError) {
    return l10n.t("Codex did not answer {0} within {1}.", error.method, formatMs(error.timeoutMs));
  }
  if (error instanceof RequestAbortedError) return l10n.t("{0} was cancelled.", error.method);
  if (error instanceof AppServerRpcError) {
    if (error.isOverloaded) return l10n.t("Codex is busy; try again in a moment.");
    // The JSON-RPC code and the request's URL are protocol internals: the log has them.
    return l10n.t("Codex error: {0}.", withoutUrls(firstLine(error.message)));
  }
  if (error instanceof Error) return firstLine(error.message) || error.name;
  return firstLine(String(error));
}

/** A duration for messages: "20 s", "1.5 s", "700 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Drops URLs codex puts in transport errors ("… for url (https://…)", "…, url: https://…"). */
function withoutUrls(text: string): string {
  const stripped = text
    .replace(/,?\s*(?:for\s+)?url:?\s*\(?https?:\/\/[^\s)]*\)?/gi, "")
    .replace(/\s*\(?https?:\/\/[^\s)]*\)?/g, "")
    .replace(/[\s:,]+$/, "");
  return stripped || text;
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
