/**
 * What the user took back (or kept) since the agent's last turn, per thread, until the next
 * message carries it to codex as one short note, so the agent does not blindly redo an undone
 * change. Whole-turn undo feeds it now; hunk-level Keep/Undo in the editor can record here too.
 */
export type ReviewDecision =
  | { kind: "undid"; path: string; hunks?: number; comment?: string }
  | { kind: "kept"; path: string; hunks?: number; comment?: string };

import { REVIEW_NOTE_PREFIX as NOTE_PREFIX } from "../../protocol/webview/reviewNote";

/** The note's length limit: it is a hint to the agent, not a report. */
const MAX_PATHS = 12;

export class ReviewNotes {
  private readonly queues = new Map<string, ReviewDecision[]>();

  record(threadId: string, decisions: readonly ReviewDecision[]): void {
    if (decisions.length === 0) return;
    this.queues.set(threadId, [...(this.queues.get(threadId) ?? []), ...decisions]);
  }

  /** The decisions for the next message in `threadId`; the queue is emptied. */
  take(threadId: string): ReviewDecision[] {
    const decisions = this.queues.get(threadId) ?? [];
    this.queues.delete(threadId);
    return decisions;
  }

  /** Puts taken decisions back in front (the message they rode on was not sent). */
  requeue(threadId: string, decisions: readonly ReviewDecision[]): void {
    if (decisions.length === 0) return;
    this.queues.set(threadId, [...decisions, ...(this.queues.get(threadId) ?? [])]);
  }

  /** The thread was rewound or left: what was queued no longer applies. */
  clear(threadId: string): void {
    this.queues.delete(threadId);
  }
}

function listed(paths: string[]): string {
  const unique = [...new Set(paths)];
  const shown = unique.slice(0, MAX_PATHS);
  const more = unique.length - shown.length;
  const text =
    shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
  return more > 0 ? `${text} (and ${more} more)` : text;
}

/** English on purpose: the note is written to the model, not shown as UI text. */
export function noteText(decisions: readonly ReviewDecision[]): string | null {
  const undone = decisions.filter((d) => d.kind === "undid").map((d) => d.path);
  const kept = decisions.filter((d) => d.kind === "kept").map((d) => d.path);
  const comments = decisions.filter((d) => d.comment).map((d) => `${d.path}: ${d.comment}`);
  const lines: string[] = [];
  if (undone.length > 0) {
    lines.push(`undid your changes to ${listed(undone)} since your last turn.`);
  }
  if (kept.length > 0) lines.push(`kept your changes to ${listed(kept)}.`);
  for (const comment of comments) lines.push(`commented on ${comment}`);
  if (lines.length === 0) return null;
  return `${NOTE_PREFIX}${lines.join("\nThe user ")}`;
}
