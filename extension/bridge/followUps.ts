/**
 * The follow-ups queued in the thread on screen: the user's commands on them (`chat/cancelQueued`,
 * `editQueued`, `moveQueued`, `sendQueued`) and what the turn path asks of the queue (add, hold
 * after Stop, take the next, put back a failed one, restore a thread's saved queue). The queue
 * itself, its ids and its persistence are FollowUpQueue's; ThreadSession decides when a turn is
 * over and sends. It reaches the session only through FollowUpSender.
 */
import type { Attachment } from "../../protocol/webview/messages";
import type { ThreadView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import { FollowUpQueue, type QueuedMessage, type QueueMemento } from "./followUpQueue";
import { UserFacingError } from "./userFacingError";

/** What the follow-ups need of the session that sends them. */
export interface FollowUpSender {
  readonly currentThreadId: string | undefined;
  /** Whether `text` and `attachments` make a message codex can be sent. */
  hasInput(text: string, attachments: readonly Attachment[]): boolean;
  /** `chat/send` (queued again if a turn runs). */
  send(text: string, attachments: Attachment[]): Promise<{ queued: boolean }>;
}

export class FollowUps {
  /** The thread's queued follow-ups (the view carries their labels, the queue their content). */
  private readonly queue: FollowUpQueue;

  constructor(
    private readonly sender: FollowUpSender,
    private readonly state: ChatState,
    private readonly logger: Logger,
    /** Where queued follow-ups are saved per thread (the workspace state); absent: memory only. */
    memento?: QueueMemento,
  ) {
    this.queue = new FollowUpQueue(
      {
        read: (threadId) => (state.thread?.id === threadId ? state.thread.queued : []),
        write: (threadId, queued) => state.editThread(threadId, { type: "queueChanged", queued }),
      },
      memento,
      (names) =>
        state.addNotice({
          level: "warning",
          details: null,
          message: l10n.t(
            "Queued, but not kept across a reload: {0}. Send it before reloading the window.",
            names.join(", "),
          ),
        }),
    );
  }

  /** `chat/cancelQueued`. */
  cancel(queuedId: string): void {
    const threadId = this.sender.currentThreadId;
    if (threadId) this.queue.remove(threadId, queuedId);
  }

  /** `chat/editQueued`: the queued message goes with `text` instead (its attachments stay). */
  edit(queuedId: string, text: string): void {
    const threadId = this.sender.currentThreadId;
    const message = this.queue.message(queuedId);
    if (!threadId || !message) {
      throw new UserFacingError(l10n.t("That queued message was already sent or removed."));
    }
    if (!this.sender.hasInput(text, message.attachments)) {
      throw new UserFacingError(l10n.t("There is nothing to send."));
    }
    this.queue.edit(threadId, queuedId, text);
  }

  /** `chat/moveQueued`: one place up (-1) or down (1). */
  move(queuedId: string, offset: -1 | 1): void {
    const threadId = this.sender.currentThreadId;
    if (threadId) this.queue.move(threadId, queuedId, offset);
  }

  /**
   * `chat/sendQueued`: sends a held follow-up now (queued again if a turn is running). If it
   * cannot be sent, it goes back where it was, held, and the error says why.
   */
  async sendNow(queuedId: string): Promise<{ queued: boolean }> {
    const threadId = this.sender.currentThreadId;
    const queued = this.state.thread?.queued ?? [];
    const index = queued.findIndex((entry) => entry.id === queuedId);
    const message = this.queue.message(queuedId);
    // Already sent or removed (a second click): nothing left to do.
    if (!threadId || index < 0 || !message) return { queued: false };
    this.queue.remove(threadId, queuedId);
    try {
      return await this.sender.send(message.text, message.attachments);
    } catch (error) {
      if (this.sender.currentThreadId === threadId) this.queue.putBack(threadId, message, index);
      throw error;
    }
  }

  /** A message typed while a turn runs, to go when it is over. */
  add(threadId: string, message: QueuedMessage): void {
    this.queue.add(threadId, message);
  }

  /** Marks every queued follow-up held (after Stop), so none is sent when a turn ends. */
  hold(): void {
    const threadId = this.sender.currentThreadId;
    if (threadId) this.queue.hold(threadId);
  }

  /** The first follow-up that may go now, taken off the queue. */
  takeNext(threadId: string): QueuedMessage | undefined {
    return this.queue.takeNext(threadId);
  }

  /** A taken follow-up that could not be sent: never lost, back at the head of the queue, held. */
  sendFailed(threadId: string, message: QueuedMessage, error: unknown): void {
    this.logger.warn(`queued message not sent: ${describeError(error)}`);
    if (this.sender.currentThreadId === threadId) this.queue.putBack(threadId, message);
    this.state.addNotice({
      level: "error",
      message: l10n.t("A queued message could not be sent; it is back in the queue."),
      details: describeError(error),
    });
  }

  /**
   * `view` with the follow-ups saved for its thread (after a thread switch or a reload); held
   * unless its turn still `running` in this codex.
   */
  restore(view: ThreadView, running: boolean): ThreadView {
    const queued = this.queue.restore(view.id, running);
    return queued.length > 0 || view.queued.length > 0 ? { ...view, queued } : view;
  }
}
