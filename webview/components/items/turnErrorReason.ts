/**
 * Why a turn failed, in the user's terms, from codex's structured `codexErrorInfo` (and the HTTP
 * status it carries), not from its English message. null: codex's own message says it best.
 */
import type { TurnError } from "../../../protocol/webview/viewModel";

export type TurnErrorReason =
  | "unauthorized"
  | "network"
  | "overloaded"
  | "usageLimit"
  | "rateLimit"
  | "contextWindow"
  | "modelNotFound";

const BY_KIND: Record<string, TurnErrorReason> = {
  unauthorized: "unauthorized",
  usageLimitExceeded: "usageLimit",
  sessionBudgetExceeded: "usageLimit",
  rateLimitExceeded: "rateLimit",
  contextWindowExceeded: "contextWindow",
  serverOverloaded: "overloaded",
  internalServerError: "overloaded",
  modelNotFound: "modelNotFound",
};

/** The variants that describe a failed connection to the model, with the HTTP status if any. */
const CONNECTION_KINDS = [
  "httpConnectionFailed",
  "responseStreamConnectionFailed",
  "responseStreamDisconnected",
  "responseTooManyFailedAttempts",
];

function byStatus(status: number | null): TurnErrorReason | null {
  if (status === null) return "network";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 404) return "modelNotFound";
  if (status === 429) return "rateLimit";
  if (status >= 500) return "overloaded";
  return null;
}

export function turnErrorReason(error: TurnError): TurnErrorReason | null {
  const info = error.codexErrorInfo;
  if (typeof info === "string") return BY_KIND[info] ?? null;
  if (!info || typeof info !== "object") return null;
  for (const kind of CONNECTION_KINDS) {
    const value = (info as Record<string, unknown>)[kind];
    if (value && typeof value === "object") {
      const status = (value as { httpStatusCode?: unknown }).httpStatusCode;
      return byStatus(typeof status === "number" ? status : null);
    }
  }
  return null;
}
