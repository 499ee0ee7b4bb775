/**
 * What is wrong now, not a log: the notices a view shows, kept small. A notice with a `key`
 * replaces the one with the same key in place (codex's retries of one request become one line
 * that counts up); an identical notice raises a count instead of adding a line; a `once` notice
 * (a known-harmless warning) shows once per key and session, and never again after "Don't show
 * again"; notices carry the thread and turn they are about, so they end with their cause (the
 * turn ends, another thread is shown, the user signs out).
 */
import type { NoticeAction, NoticeView } from "../../protocol/webview/viewModel";

export interface NoticeInput {
  level: NoticeView["level"];
  message: string;
  details: string | null;
  actions?: NoticeAction[];
  /** Notices with the same key supersede each other (the newest replaces the line in place). */
  key?: string;
  /** Show at most once per key in this session (and not at all once the key is suppressed). */
  once?: boolean;
  /** The thread and turn the notice is about; null: neither (config warnings). */
  threadId?: string | null;
  turnId?: string | null;
}

/** Keys the user asked never to see again; the extension keeps them across sessions. */
export interface NoticeMemory {
  isSuppressed(key: string): boolean;
  suppress(key: string): void;
}

interface Entry {
  view: NoticeView;
  key: string | null;
  threadId: string | null;
  turnId: string | null;
}

/** Lines kept at most; the oldest go first. */
export const MAX_NOTICES = 20;

export class NoticeBoard {
  private entries: Entry[] = [];
  private counter = 0;
  /** `once` keys shown in this session (dismissed or not). */
  private readonly shownOnce = new Set<string>();

  constructor(private readonly memory?: NoticeMemory) {}

  get views(): NoticeView[] {
    return this.entries.map((entry) => entry.view);
  }

  /** Adds, supersedes or counts `input`: the line it shows on, null when a `once` was seen. */
  add(input: NoticeInput): NoticeView | null {
    const key = input.key ?? null;
    if (input.once && key !== null) {
      if (this.shownOnce.has(key) || this.memory?.isSuppressed(key)) return null;
      this.shownOnce.add(key);
    }
    const fields = {
      level: input.level,
      message: input.message,
      details: input.details,
      ...(input.actions?.length ? { actions: input.actions } : {}),
    };
    const scope = { key, threadId: input.threadId ?? null, turnId: input.turnId ?? null };
    const superseded = key === null ? -1 : this.entries.findIndex((entry) => entry.key === key);
    if (superseded !== -1) {
      const view: NoticeView = { id: this.entries[superseded]!.view.id, ...fields };
      this.entries = this.entries.slice();
      this.entries[superseded] = { view, ...scope };
      return view;
    }
    const same = this.entries.findIndex(
      (entry) =>
        entry.key === null &&
        entry.view.level === fields.level &&
        entry.view.message === fields.message &&
        entry.view.details === fields.details,
    );
    if (same !== -1) {
      const entry = this.entries[same]!;
      const view: NoticeView = { ...entry.view, count: (entry.view.count ?? 1) + 1 };
      this.entries = this.entries.slice();
      this.entries[same] = { ...entry, view };
      return view;
    }
    const view: NoticeView = { id: `notice-${++this.counter}`, ...fields };
    this.entries = [...this.entries, { view, ...scope }].slice(-MAX_NOTICES);
    return view;
  }

  /** Removes the notice the user dismissed; with `forever`, its key is never shown again. */
  dismiss(id: string, forever = false): boolean {
    const entry = this.entries.find((each) => each.view.id === id);
    if (!entry) return false;
    if (forever && entry.key !== null) this.memory?.suppress(entry.key);
    return this.remove((each) => each === entry);
  }

  /** The turn ended: its retries are over (its error, if any, is shown in the turn itself). */
  turnEnded(threadId: string, turnId: string, succeeded: boolean): boolean {
    return this.remove(
      (entry) =>
        entry.threadId === threadId &&
        // A success ends the thread's troubles too (an earlier interruption, a failed send).
        (entry.turnId === turnId || (succeeded && !this.isOnce(entry))),
    );
  }

  /** Another thread is shown (or none): notices about other threads end. */
  threadShown(threadId: string | null): boolean {
    return this.remove((entry) => entry.threadId !== null && entry.threadId !== threadId);
  }

  /** Signed out: what concerned the signed-in session ends; the sign-in form has the view. */
  signedOut(): boolean {
    return this.remove((entry) => entry.threadId !== null || entry.turnId !== null);
  }

  private isOnce(entry: Entry): boolean {
    return entry.key !== null && this.shownOnce.has(entry.key);
  }

  private remove(predicate: (entry: Entry) => boolean): boolean {
    const kept = this.entries.filter((entry) => !predicate(entry));
    if (kept.length === this.entries.length) return false;
    this.entries = kept;
    return true;
  }
}
