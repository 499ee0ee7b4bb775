/**
 * Follow-ups typed while a turn runs (`chatgpt.followUpQueueMode: queue`, or Ctrl/Cmd+Shift+Enter
 * in steer mode): the thread's queue, which the user can edit, reorder and remove from, and which
 * outlives the view. Every change is saved per thread in the workspace state, so the queue comes
 * back when its thread is shown again: after switching threads, a webview reload or a window
 * reload. A restored queue whose turn is gone is held: it waits for the user's Send, it never
 * goes by itself, and it is never dropped without a word.
 */
import type { Attachment } from "../../protocol/webview/messages";
import type { QueuedMessageView } from "../../protocol/webview/viewModel";

/** The part of a `vscode.Memento` (the workspace state) the queue is saved in. */
export interface QueueMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void> | Promise<void> | void;
}

export interface QueuedMessage {
  text: string;
  attachments: Attachment[];
}

interface SavedEntry extends QueuedMessage {
  held?: boolean;
}

/** Where the queues are saved, by thread id. */
export const QUEUE_STATE_KEY = "codex.followUpQueues";
/** How many threads' queues are kept (the oldest saved goes first). */
const MAX_SAVED_THREADS = 50;
/** An image bigger than this is not saved with the queue (the workspace state is no image store). */
export const MAX_SAVED_IMAGE_BYTES = 512 * 1024;

/**
 * Whether an attachment may be written to the workspace state: not a large image, and not
 * `@terminal` output (a command's output can carry tokens; state is a plain file on disk).
 */
function savable(attachment: Attachment): boolean {
  if (attachment.kind === "context") return attachment.source !== "terminal";
  return attachment.kind !== "image" || attachment.dataUrl.length <= MAX_SAVED_IMAGE_BYTES;
}

/** What a queued message shows: its text, or its attachments' names when it has none. */
export function queuedLabel({ text, attachments }: QueuedMessage): string {
  return (
    text.trim() ||
    attachments
      .map((a) => (a.kind === "image" ? a.name : a.kind === "context" ? `@${a.source}` : a.path))
      .join(", ")
  );
}

export class FollowUpQueue {
  /** Text and attachments by queued id (the view carries labels only). */
  private readonly messages = new Map<string, QueuedMessage>();
  private counter = 0;

  constructor(
    private readonly view: {
      /** The queue on screen for `threadId` ([] when another thread is shown). */
      read(threadId: string): QueuedMessageView[];
      /** Shows `queued` as the thread's queue. */
      write(threadId: string, queued: QueuedMessageView[]): void;
    },
    private readonly memento?: QueueMemento,
    /** Says which attachments of a new entry are not saved (kept until a reload). */
    private readonly warn: (dropped: string[]) => void = () => undefined,
  ) {}

  message(id: string): QueuedMessage | undefined {
    return this.messages.get(id);
  }

  add(threadId: string, message: QueuedMessage): void {
    const unsaved = message.attachments.flatMap((a) =>
      savable(a) ? [] : [a.kind === "image" ? a.name : queuedLabel({ text: "", attachments: [a] })],
    );
    if (unsaved.length > 0 && this.memento) this.warn(unsaved);
    const id = this.nextId();
    this.messages.set(id, message);
    this.set(threadId, [...this.view.read(threadId), { id, text: queuedLabel(message) }]);
  }

  /** Puts `message` back at `index` (a send that failed), held. */
  putBack(threadId: string, message: QueuedMessage, index = 0): void {
    const id = this.nextId();
    this.messages.set(id, message);
    const queued = [...this.view.read(threadId)];
    queued.splice(index, 0, { id, text: queuedLabel(message), held: true });
    this.set(threadId, queued);
  }

  remove(threadId: string, id: string): void {
    this.messages.delete(id);
    this.set(
      threadId,
      this.view.read(threadId).filter((entry) => entry.id !== id),
    );
  }

  /** New text for a queued message; false when it is gone (sent meanwhile). */
  edit(threadId: string, id: string, text: string): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    const edited = { ...message, text };
    this.messages.set(id, edited);
    this.set(
      threadId,
      this.view
        .read(threadId)
        .map((entry) => (entry.id === id ? { ...entry, text: queuedLabel(edited) } : entry)),
    );
    return true;
  }

  move(threadId: string, id: string, offset: -1 | 1): void {
    const queued = [...this.view.read(threadId)];
    const from = queued.findIndex((entry) => entry.id === id);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= queued.length) return;
    [queued[from], queued[to]] = [queued[to]!, queued[from]!];
    this.set(threadId, queued);
  }

  /** Marks every entry held (after Stop): none goes when a turn ends. */
  hold(threadId: string): void {
    const queued = this.view.read(threadId);
    if (queued.every((entry) => entry.held)) return;
    this.set(
      threadId,
      queued.map((entry) => ({ ...entry, held: true })),
    );
  }

  /** The first entry that may go now, taken off the queue. */
  takeNext(threadId: string): QueuedMessage | undefined {
    const queued = this.view.read(threadId);
    const next = queued.find((entry) => !entry.held);
    if (!next) return undefined;
    const message = this.messages.get(next.id) ?? { text: next.text, attachments: [] };
    this.messages.delete(next.id);
    this.set(
      threadId,
      queued.filter((entry) => entry !== next),
    );
    return message;
  }

  /**
   * The saved queue of `threadId`, for its view being shown. `running`: its turn still runs in
   * this codex, so the entries keep waiting for it; otherwise they are held.
   */
  restore(threadId: string, running: boolean): QueuedMessageView[] {
    this.messages.clear();
    return (
      this.saved()[threadId]?.map((entry) => {
        const id = this.nextId();
        this.messages.set(id, { text: entry.text, attachments: entry.attachments });
        const view: QueuedMessageView = { id, text: queuedLabel(entry) };
        if (entry.held || !running) view.held = true;
        return view;
      }) ?? []
    );
  }

  private nextId(): string {
    return `queued-${++this.counter}`;
  }

  private set(threadId: string, queued: QueuedMessageView[]): void {
    this.view.write(threadId, queued);
    this.save(threadId, queued);
  }

  private saved(): Record<string, SavedEntry[]> {
    const raw = this.memento?.get(QUEUE_STATE_KEY);
    return raw && typeof raw === "object" && !Array.isArray(raw)
      ? (raw as Record<string, SavedEntry[]>)
      : {};
  }

  private save(threadId: string, queued: QueuedMessageView[]): void {
    if (!this.memento) return;
    const entries: SavedEntry[] = queued.map((entry) => {
      const message = this.messages.get(entry.id) ?? { text: entry.text, attachments: [] };
      const attachments = message.attachments.filter(savable);
      return { text: message.text, attachments, ...(entry.held ? { held: true } : {}) };
    });
    const all = { ...this.saved() };
    delete all[threadId];
    if (entries.length > 0) all[threadId] = entries;
    const ids = Object.keys(all);
    for (const old of ids.slice(0, Math.max(0, ids.length - MAX_SAVED_THREADS))) delete all[old];
    void this.memento.update(QUEUE_STATE_KEY, all);
  }
}
