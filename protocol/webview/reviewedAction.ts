/**
 * What codex's auto-reviewer judged, as both the transcript's card and the host's native
 * "Approve anyway" modal show it. The modal is the trusted surface (a webview click alone cannot
 * override the reviewer), so it must never show less than the card: both read the action here,
 * with codex's `bash -lc '…'` wrapper removed, and each localises `label` and passes `code`, the
 * label and the reviewer's reason through revealHidden before showing them.
 */
import type { GuardianApprovalReviewAction } from "../codex/v2/GuardianApprovalReviewAction";
import { unwrapShell } from "./shellCommand";

/** The words around the code, for the surface to localise (null: the code says it all). */
export type ReviewedActionLabel =
  | { kind: "stdin" }
  | { kind: "patch"; files: number }
  | { kind: "network"; target: string }
  | { kind: "mcp"; server: string; tool: string }
  | { kind: "permissions"; reason: string | null }
  | { kind: "unknown" };

export interface ReviewedAction {
  /** Shown whole, as lines: the command, the input typed, the files edited. */
  code: string | null;
  label: ReviewedActionLabel | null;
}

export function reviewedAction(action: GuardianApprovalReviewAction): ReviewedAction {
  switch (action.type) {
    case "command":
      return { code: unwrapShell(action.command) ?? action.command, label: null };
    case "execve":
      return { code: [action.program, ...action.argv.slice(1)].join(" "), label: null };
    case "writeStdin":
      return { code: action.stdin, label: { kind: "stdin" } };
    case "applyPatch":
      return {
        code: action.files.join("\n"),
        label: { kind: "patch", files: action.files.length },
      };
    case "networkAccess":
      return { code: null, label: { kind: "network", target: `${action.host}:${action.port}` } };
    case "mcpToolCall":
      return {
        code: null,
        label: { kind: "mcp", server: action.server, tool: action.toolTitle ?? action.toolName },
      };
    case "requestPermissions":
      return { code: null, label: { kind: "permissions", reason: action.reason } };
    default:
      return { code: null, label: { kind: "unknown" } };
  }
}
