/**
 * Which waiting approval a thread's notification may answer itself (Approve / Decline): a single
 * plain command whose notification text is exactly what runs. Anything else (several approvals,
 * file changes, permissions, input to a running process, network access, a script of several
 * lines, a long command, one with hidden, bidi, zero-width or control characters, or with text a
 * notification would render as a link) gets Show only, and the user reads the whole card.
 */
import type { ApprovalAnswer } from "../../protocol/webview/messages";
import { revealInline } from "../../protocol/webview/revealHidden";
import { unwrapShell } from "../../protocol/webview/shellCommand";
import type { ApprovalRequestView } from "../../protocol/webview/viewModel";

/** Longer commands do not read at a glance in a notification (and VS Code may cut them). */
export const QUICK_COMMAND_MAX_LENGTH = 120;

/** VS Code renders `[label](target)` in a notification's message as a link showing only the label. */
const MARKDOWN_LINK = /\[[^\]]*\]\(/;

/**
 * The command as the notification shows it (codex's `bash -lc '…'` wrapper removed, as on the
 * card), or undefined when `request` is not a command plain enough to approve from there.
 */
export function quickCommandText(request: ApprovalRequestView): string | undefined {
  if (request.kind !== "command") return undefined;
  const { params } = request;
  // "writeStdin" types into a running process; "humanCommand" and network asks need the card.
  if (params.kind !== "command" || params.networkApprovalContext) return undefined;
  const command = params.command;
  if (typeof command !== "string") return undefined;
  const shown = unwrapShell(command) ?? command;
  // revealInline marks line breaks, tabs, controls, bidi and zero-width characters and look-alike
  // spaces: text it changes is not text the user could check by reading it.
  if (revealInline(command) !== command || revealInline(shown) !== shown) return undefined;
  if (shown.trim() === "" || shown.length > QUICK_COMMAND_MAX_LENGTH) return undefined;
  if (MARKDOWN_LINK.test(shown)) return undefined;
  return shown;
}

/** One approval still waiting in a bridge; `answer` is false when it no longer waits. */
export interface WaitingApproval {
  request: ApprovalRequestView;
  answer(answer: ApprovalAnswer): boolean;
}

/** What the notification offers for a thread's single simple command approval. */
export interface QuickCommandApproval {
  /** As the notification shows it. */
  command: string;
  /** The card's Accept (this once, never "always"); false when it was answered meanwhile. */
  approve(): boolean;
  /** The card's Decline; false when it was answered meanwhile. */
  decline(): boolean;
}

export function quickCommandApproval(
  waiting: readonly WaitingApproval[],
): QuickCommandApproval | undefined {
  if (waiting.length !== 1) return undefined;
  const [only] = waiting;
  const command = only && quickCommandText(only.request);
  if (!only || command === undefined) return undefined;
  return {
    command,
    approve: () => only.answer({ kind: "decision", decision: "accept" }),
    decline: () => only.answer({ kind: "decision", decision: "decline" }),
  };
}
