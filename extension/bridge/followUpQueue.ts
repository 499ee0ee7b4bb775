/**
 * Follow-ups typed while a turn runs (`chatgpt.followUpQueueMode: queue`, or Ctrl/Cmd+Shift+Enter
 * in steer mode): the thread's queue, which the user can edit, reorder, remove from and send now
 * (`chat/*Queued`), and which outlives the view. Every change is saved per thread in the workspace
 * state, so the queue comes back when its thread is shown again: after switching threads, a
 * webview reload or a window reload. A restored queue whose turn is gone is held: it waits for the
 * user's Send, it never goes by itself, and it is never dropped without a word. ThreadSession
 * decides when a turn is over and sends; the queue reaches it only through FollowUpSender.
 */
import type { Attachment } from "../../protocol/webview/messages";
import type { QueuedMessageView, ThreadView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import { UserFacingError } from "./userFacingError";

/** What the queue needs of the session that sends its follow-ups. */
export interface FollowUpSender {
  readonly currentThreadId: string | undefined;
  /** Whether `text` and `attachments` make a message codex can be sent. */
  hasInput(text: string, attachments: readonly Attachment[]): boolean;
  /** `chat/send` (queued again if a turn runs). */
  send(text: string, attachments: Attachment[]): Promise<{ queued: boolean }>;
}

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
    private readonly sender: FollowUpSender,
    private readonly state: ChatState,
    private readonly logger: Logger,
    /** Where queued follow-ups are saved per thread (the workspace state); absent: memory only. */
    private readonly memento?: QueueMemento,
  ) {}

  /** What a queued entry sends: its text and all its attachments (the view shows a label). */
  message(id: string): QueuedMessage | undefined {
    return this.messages.get(id);
  }

  /** `chat/cancelQueued`. */
  cancel(queuedId: string): void {
    const threadId = this.sender.currentThreadId;
    if (threadId) this.remove(threadId, queuedId);
  }

  /** `chat/editQueued`: the queued message goes with `text` instead (its attachments stay). */
  edit(queuedId: string, text: string): void {
    const threadId = this.sender.currentThreadId;
    const message = this.messages.get(queuedId);
    if (!threadId || !message) {
      throw new UserFacingError(l10n.t("That queued message was already sent or removed."));
    }
    if (!this.sender.hasInput(text, message.attachments)) {
      throw new UserFacingError(l10n.t("There is nothing to send."));
    }
    const edited = { ...message, text };
    this.messages.set(queuedId, edited);
    this.set(
      threadId,
      this.read(threadId).map((entry) =>
        entry.id === queuedId ? { ...entry, text: queuedLabel(edited) } : entry,
      ),
    );
  }

  /** `chat/moveQueued`: one place up (-1) or down (1). */
  move(queuedId: string, offset: -1 | 1): void {
    const threadId = this.sender.currentThreadId;
    if (!threadId) return;
    const queued = [...this.read(threadId)];
    const from = queued.findIndex((entry) => entry.id === queuedId);
    const to = from + offset;
    if (from < 0 || to < 0 || to >= queued.length) return;
    [queued[from], queued[to]] = [queued[to]!, queued[from]!];
    this.set(threadId, queued);
  }

  /**
   * `chat/sendQueued`: sends a held follow-up now (queued again if a turn is running). If it
   * cannot be sent, it goes back where it was, held, and the error says why.
   */
  async sendNow(queuedId: string): Promise<{ queued: boolean }> {
    const threadId = this.sender.currentThreadId;
    const index = threadId ? this.read(threadId).findIndex((entry) => entry.id === queuedId) : -1;
    const message = this.messages.get(queuedId);
    // Already sent or removed (a second click): nothing left to do.
    if (!threadId || index < 0 || !message) return { queued: false };
    this.remove(threadId, queuedId);
    try {
      return await this.sender.send(message.text, message.attachments);
    } catch (error) {
      if (this.sender.currentThreadId === threadId) this.putBack(threadId, message, index);
      throw error;
    }
  }

  /** A message typed while a turn runs, to go when it is over. */
  add(threadId: string, message: QueuedMessage): void {
    const unsaved = message.attachments.flatMap((a) =>
      savable(a) ? [] : [a.kind === "image" ? a.name : queuedLabel({ text: "", attachments: [a] })],
    );
    if (unsaved.length > 0 && this.memento) {
      this.state.addNotice({
        level: "warning",
        details: null,
        message: l10n.t(
          "Queued, but not kept across a reload: {0}. Send it before reloading the window.",
          unsaved.join(", "),
        ),
      });
    }
    const id = this.nextId();
    this.messages.set(id, message);
    this.set(threadId, [...this.read(threadId), { id, text: queuedLabel(message) }]);
  }

  /** Marks every queued follow-up held (after Stop), so none is sent when a turn ends. */
  hold(): void {
    const threadId = this.sender.currentThreadId;
    if (!threadId) return;
    const queued = this.read(threadId);
    if (queued.every((entry) => entry.held)) return;
    this.set(
      threadId,
      queued.map((entry) => ({ ...entry, held: true })),
    );
  }

  /** The first follow-up that may go now, taken off the queue. */
  takeNext(threadId: string): QueuedMessage | undefined {
    const queued = this.read(threadId);
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

  /** A taken follow-up that could not be sent: never lost, back at the head of the queue, held. */
  sendFailed(threadId: string, message: QueuedMessage, error: unknown): void {
    this.logger.warn(`queued message not sent: ${describeError(error)}`);
    if (this.sender.currentThreadId === threadId) this.putBack(threadId, message);
    this.state.addNotice({
      level: "error",
      message: l10n.t("A queued message could not be sent; it is back in the queue."),
      details: describeError(error),
    });
  }

  /**
   * `view` with the follow-ups saved for its thread (after a thread switch or a reload); held
   * unless its turn still `running` in this codex, so they keep waiting for it.
   */
  restore(view: ThreadView, running: boolean): ThreadView {
    this.messages.clear();
    const queued =
      this.saved()[view.id]?.map((entry) => {
        const id = this.nextId();
        this.messages.set(id, { text: entry.text, attachments: entry.attachments });
        const shown: QueuedMessageView = { id, text: queuedLabel(entry) };
        if (entry.held || !running) shown.held = true;
        return shown;
      }) ?? [];
    return queued.length > 0 || view.queued.length > 0 ? { ...view, queued } : view;
  }

  /** Puts `message` back at `index` (a send that failed), held. */
  private putBack(threadId: string, message: QueuedMessage, index = 0): void {
    const id = this.nextId();
    this.messages.set(id, message);
    const queued = [...this.read(threadId)];
    queued.splice(index, 0, { id, text: queuedLabel(message), held: true });
    this.set(threadId, queued);
  }

  private remove(threadId: string, id: string): void {
    this.messages.delete(id);
    this.set(
      threadId,
      this.read(threadId).filter((entry) => entry.id !== id),
    );
  }

  /** The queue on screen for `threadId` ([] when another thread is shown). */
  private read(threadId: string): QueuedMessageView[] {
    const thread = this.state.thread;
    return thread?.id === threadId ? thread.queued : [];
  }

  private nextId(): string {
    return `queued-${++this.counter}`;
  }

  /** Shows `queued` as the thread's queue and saves it. */
  private set(threadId: string, queued: QueuedMessageView[]): void {
    this.state.editThread(threadId, { type: "queueChanged", queued });
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
