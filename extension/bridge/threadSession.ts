/**
 * The thread on screen and what the user does with it: start (lazily, on the first send), send,
 * follow up while a turn runs (steer, or queue: the queue and the user's commands on it are
 * FollowUpQueue's), review, compact, interrupt. The history actions (list, resume, rename, fork,
 * archive) are ThreadHistory's; they show threads here. Loaded threads are registered with the
 * supervisor so they are resumed after a restart; a turn the restart lost is marked interrupted
 * with a notice.
 *
 * Over 400 lines because every action here shares the send chain (start the thread, the
 * checkpoint, turn/start, the turn's end): review and compact are sends of another kind.
 */
import type { ReviewTarget } from "../../protocol/codex/v2/ReviewTarget";
import type { TurnStartParams } from "../../protocol/codex/v2/TurnStartParams";
import type { ApprovalsReviewer } from "../../protocol/codex/v2/ApprovalsReviewer";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import type { Attachment } from "../../protocol/webview/messages";
import type { ChatMode, ThreadView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ApprovalBroker } from "./approvals";
import { emptyThread, type ChatState } from "./chatState";
import type { EventBatcher } from "./eventBatcher";
import { threadStartParams, turnSettings } from "./turnParams";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort, Disposable, PortState } from "../connection/port";
import { failWith, UserFacingError } from "./userFacingError";
import type { TurnCheckpoints } from "../review/turnCheckpoints";
import { noteText, type ReviewNotes } from "../review/reviewNotes";
import { toUserInput } from "./userInput";
import type { TurnHook } from "./planMode";
import type { ModeKind } from "../../protocol/codex/ModeKind";
import { FollowUpQueue, type FollowUpSender, type QueueMemento } from "./followUpQueue";
import { LastTokenUsage } from "./lastTokenUsage";
import { reportLostTurn } from "./lostTurn";

/** The last in-progress turn of `thread`, if any. */
export function runningTurnId(thread: ThreadView | null): string | undefined {
  const turn = thread?.turns.findLast((candidate) => candidate.status === "inProgress");
  return turn?.id;
}

export interface ThreadSessionOptions {
  port: AppServerPort;
  state: ChatState;
  batcher: EventBatcher;
  approvals: ApprovalBroker;
  logger: Logger;
  /** The cwd for new threads: the first workspace folder (undefined: codex's own cwd). */
  cwd: () => string | undefined;
  /** A checkpoint for every turn this session starts (absent: checkpoints off). */
  checkpoints?: Pick<TurnCheckpoints, "begin" | "decorate">;
  /** What the user undid or kept since the last turn, sent with the next message. */
  reviewNotes?: ReviewNotes;
  /** Where queued follow-ups are saved per thread (the workspace state); absent: memory only. */
  queueMemento?: QueueMemento;
  /** `skill` items for the `$name` mentions in a message's text (see skills.ts). */
  skillInputs?: (text: string) => UserInput[];
  /** Plan mode and plan comments: added to each turn before it goes out. */
  turnHook?: TurnHook;
  /** Who answers approvals (`chatgpt.approvalsReviewer`); undefined: codex's config decides. */
  approvalsReviewer?: () => ApprovalsReviewer | undefined;
}

export class ThreadSession implements FollowUpSender {
  private readonly subscriptions: Disposable[] = [];
  private tracked: Disposable | undefined;
  /** The turn codex runs right now in the current thread (from turn/start or turn/started). */
  private activeTurnId: string | undefined;
  /**
   * The last turn codex reported completed. A fast turn can complete before its turn/start (or
   * review/start) answer is handled: that answer still says "inProgress" and must not mark it
   * running again (after a restart it would be reported interrupted, "Stopped.", though it
   * completed).
   */
  private lastCompletedTurnId: string | undefined;
  /** The mode the current thread runs with, so a changed mode goes out with the next turn. */
  private threadMode: ChatMode | undefined;
  /** The service tier the thread was given (`/fast`), so turning it off clears it once. */
  private threadServiceTier: string | null = null;
  /** The thread's queued follow-ups and the user's commands on them (`chat/*Queued`). */
  readonly followUps: FollowUpQueue;
  /** The last token usage codex reported per thread. */
  private readonly lastUsage = new LastTokenUsage();
  /** Serialises sends, so a double click cannot start two threads. */
  private sending: Promise<unknown> = Promise.resolve();
  /**
   * Per thread, while codex still loads it (shown early from its stored turns, see
   * ThreadHistory.resume): what is sent to that thread waits for it; other threads do not.
   */
  private readonly loading = new Map<string, Promise<void>>();
  /**
   * Bumped whenever another thread is shown or a message or review goes out: a restore that began
   * before gives way to what the user did meanwhile.
   */
  private moveCount = 0;
  private lastPortState: PortState["kind"];

  constructor(private readonly options: ThreadSessionOptions) {
    const { port } = options;
    this.lastPortState = port.state.kind;
    this.followUps = new FollowUpQueue(this, options.state, options.logger, options.queueMemento);
    this.subscriptions.push(port.onDidChangeState((state) => this.onPortState(state)));
  }

  /**
   * Which turn runs in the thread on screen. The bridge declares these before the transcript
   * stream, so a completion is seen here before its event reaches the batcher.
   */
  readonly notifications: NotificationHandlers = {
    "turn/started": ({ threadId, turn }) => {
      if (threadId === this.currentThreadId) this.activeTurnId = turn.id;
    },
    "turn/completed": ({ threadId, turn }) => {
      this.lastCompletedTurnId = turn.id;
      if (threadId !== this.currentThreadId) return;
      // One turn per thread at a time: whatever turn/started announced is over too (a review's
      // turn/started carries an id its completion never uses, see threadEvents.ts).
      this.activeTurnId = undefined;
      // Stop means stop: what was queued behind a stopped turn waits for the user.
      if (turn.status === "interrupted") this.followUps.hold();
      else this.drainQueue(turn.id);
    },
    // Kept for every thread: a resumed thread shows its context meter from the last report
    // (codex reports usage per turn, and not always again on resume).
    "thread/tokenUsage/updated": ({ threadId, tokenUsage }) =>
      this.lastUsage.record(threadId, tokenUsage),
  };

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.tracked?.dispose();
    this.tracked = undefined;
  }

  /** Bumped whenever another thread is shown or a message or review goes out (see restore). */
  get moves(): number {
    return this.moveCount;
  }

  get currentThreadId(): string | undefined {
    return this.options.state.thread?.id;
  }

  /** The running turn, from codex's notifications or (before they arrive) the transcript. */
  get runningTurnId(): string | undefined {
    return this.activeTurnId ?? runningTurnId(this.options.state.thread);
  }

  /** What codex says a thread runs with (thread/start, /resume, /fork), for plan mode. */
  threadLoaded(threadId: string, model: string, mode?: ModeKind): void {
    this.options.turnHook?.threadLoaded(threadId, model, mode);
  }

  /**
   * Codex still loads `threadId` (shown from its stored turns before `thread/resume` answered):
   * what is sent to it meanwhile goes out once `load` has settled, whichever way.
   */
  whileLoading(threadId: string, load: Promise<unknown>): void {
    const settled: Promise<void> = load
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (this.loading.get(threadId) === settled) this.loading.delete(threadId);
      });
    this.loading.set(threadId, settled);
  }

  /** Whether codex still loads `threadId` (see whileLoading). */
  isLoading(threadId: string): boolean {
    return this.loading.has(threadId);
  }

  /** The thread on screen if codex still loads it: what is sent now waits, and is for it only. */
  private loadingThreadId(): string | undefined {
    const threadId = this.currentThreadId;
    return threadId !== undefined && this.loading.has(threadId) ? threadId : undefined;
  }

  /**
   * Runs `action` on the send chain once codex has loaded `threadId` (at once when it is not
   * loading it): a slow load holds up its own thread's sends, not a new thread's or another's.
   */
  private enqueue<T>(threadId: string | undefined, action: () => Promise<T>): Promise<T> {
    const load = threadId === undefined ? undefined : this.loading.get(threadId);
    if (load) return load.then(() => this.enqueue(undefined, action));
    const run = this.sending.then(action);
    this.sending = run.catch(() => undefined);
    return run;
  }

  /**
   * The thread on screen; with `threadId` (it was loading, see loadingThreadId), that thread once
   * codex has loaded it. A message written for a thread the user left while it loaded is not sent
   * elsewhere: the composer keeps it, with this error.
   */
  private loadedThread(threadId: string | undefined): ThreadView | null {
    const thread = this.options.state.thread;
    if (threadId !== undefined && thread?.id !== threadId) {
      throw new UserFacingError(
        l10n.t("The thread was closed before it finished loading; nothing was sent."),
      );
    }
    return thread;
  }

  /** The thread on screen, started now if there is none yet (`/goal` before the first message). */
  ensureThread(): Promise<ThreadView> {
    const threadId = this.loadingThreadId();
    return this.enqueue(
      threadId,
      async () => this.loadedThread(threadId) ?? (await this.startThread()),
    );
  }

  /** `chat/newThread`: an empty transcript; the codex thread starts with the first message. */
  newThread(): void {
    this.showThread(null);
  }

  /**
   * `chat/send`. Resolves `{ queued: true }` when the message waits for the running turn.
   * `followUp` overrides `chatgpt.followUpQueueMode` for this message (Ctrl/Cmd+Shift+Enter).
   */
  send(
    text: string,
    attachments: Attachment[],
    followUp?: "queue" | "steer",
  ): Promise<{ queued: boolean }> {
    const input = this.userInput(text, attachments);
    if (input.length === 0) throw new UserFacingError(l10n.t("There is nothing to send."));
    this.moveCount++;
    const threadId = this.loadingThreadId();
    return this.enqueue(threadId, () => this.sendNow(threadId, text, attachments, input, followUp));
  }

  hasInput(text: string, attachments: readonly Attachment[]): boolean {
    return this.userInput(text, attachments).length > 0;
  }

  /** The message as codex input: text, attachments and a `skill` item per `$skill` mention. */
  private userInput(text: string, attachments: readonly Attachment[]): UserInput[] {
    const input = toUserInput(text, attachments);
    return input.length === 0 ? input : [...input, ...(this.options.skillInputs?.(text) ?? [])];
  }

  /** `threadId`: the thread on screen when the message was sent, if codex was loading it. */
  private async sendNow(
    threadId: string | undefined,
    text: string,
    attachments: Attachment[],
    input: UserInput[],
    followUp?: "queue" | "steer",
  ): Promise<{ queued: boolean }> {
    const thread = this.loadedThread(threadId) ?? (await this.startThread());
    const running = this.runningTurnId;
    if (running) {
      const mode = followUp ?? this.options.state.snapshot.settings.followUpQueueMode;
      if (mode === "steer") {
        try {
          await this.options.port.request("turn/steer", {
            threadId: thread.id,
            input,
            expectedTurnId: running,
          });
          return { queued: false };
        } catch (error) {
          // The turn may have ended in between: then this is simply the next turn.
          this.options.logger.info(`turn/steer failed (${describeError(error)}); starting a turn`);
          if (this.runningTurnId === running)
            failWith(l10n.t("Could not steer the running turn"), error);
        }
      } else {
        this.followUps.add(thread.id, { text, attachments });
        return { queued: true };
      }
    }
    await this.startTurn(thread.id, input);
    return { queued: false };
  }

  /**
   * `/review`: codex reviews `target` in a review turn. `inline` runs it in the thread on screen
   * (started first if there is none); `detached` starts a new thread for it and shows that one.
   * (codex 0.169.0's `review/start` only takes `delivery: "inline"`; a detached review is an
   * inline review on a fresh thread, as its documentation says.)
   */
  review(target: ReviewTarget, delivery: "inline" | "detached"): Promise<{ threadId: string }> {
    this.moveCount++;
    // A detached review starts its own thread: it does not wait for the one on screen to load.
    const threadId = delivery === "inline" ? this.loadingThreadId() : undefined;
    return this.enqueue(threadId, async () => {
      if (delivery === "inline" && this.runningTurnId) {
        throw new UserFacingError(
          l10n.t("Wait for the running turn to end before starting a review."),
        );
      }
      const current = this.loadedThread(threadId);
      const thread = delivery === "detached" || !current ? await this.startThread() : current;
      const ticket = await this.beginCheckpoint(thread.id);
      try {
        const response = await this.options.port.request("review/start", {
          threadId: thread.id,
          target,
          delivery: "inline",
        });
        ticket?.bind(response.turn.id);
        if (this.currentThreadId === thread.id && this.stillRunning(response.turn)) {
          this.activeTurnId = response.turn.id;
        }
        return { threadId: thread.id };
      } catch (error) {
        ticket?.abandon();
        failWith(l10n.t("Could not start the review"), error);
      }
    });
  }

  /** `/compact`: codex summarises the thread on screen to free context, once it has loaded it. */
  async compact(): Promise<void> {
    const threadId = this.currentThreadId;
    if (!threadId) throw new UserFacingError(l10n.t("There is no conversation to compact yet."));
    const loading = this.loading.get(threadId);
    if (loading) {
      await loading;
      this.loadedThread(threadId);
    }
    if (this.runningTurnId) {
      throw new UserFacingError(l10n.t("Wait for the running turn to end before compacting."));
    }
    try {
      await this.options.port.request("thread/compact/start", { threadId });
    } catch (error) {
      failWith(l10n.t("Could not compact the thread"), error);
    }
  }

  /**
   * `chat/interrupt`. On a thread codex still loads, once it has loaded it: codex knows no turn
   * of a thread it has not loaded, and the loaded page says whether one still runs.
   */
  async interrupt(): Promise<void> {
    const loading = this.loadingThreadId();
    if (loading) await this.loading.get(loading);
    const threadId = this.currentThreadId;
    const turnId = this.runningTurnId;
    if (!threadId || !turnId) return;
    try {
      await this.options.port.request("turn/interrupt", { threadId, turnId });
    } catch (error) {
      failWith(l10n.t("Could not interrupt the turn"), error);
    }
  }

  private async startThread(): Promise<ThreadView> {
    const { port, state, logger } = this.options;
    const { params, mode } = threadStartParams(
      state.snapshot,
      this.options.cwd(),
      this.options.approvalsReviewer,
    );
    try {
      const response = await port.request("thread/start", params);
      logger.info(`thread ${response.thread.id} started (${response.model}, ${mode})`);
      this.threadLoaded(response.thread.id, response.model);
      this.threadMode = mode;
      const view = emptyThread(response.thread.id, response.cwd, response.thread.name);
      this.showThread(view);
      return view;
    } catch (error) {
      failWith(l10n.t("Could not start a thread"), error);
    }
  }

  private async startTurn(threadId: string, userInput: UserInput[]): Promise<void> {
    const { port, state, reviewNotes } = this.options;
    // What the user undid since the last turn rides along, so the agent does not redo it.
    const decisions = reviewNotes?.take(threadId) ?? [];
    const note = noteText(decisions);
    const input: UserInput[] = note
      ? [{ type: "text", text: note, text_elements: [] }, ...userInput]
      : userInput;
    const { settings, next } = turnSettings(state.snapshot, this.options.approvalsReviewer, {
      mode: this.threadMode,
      serviceTier: this.threadServiceTier,
    });
    const params: TurnStartParams = { threadId, input, ...settings };
    const hook = this.options.turnHook?.prepare(params, next.mode);
    // The checkpoint's scan runs before codex may change anything.
    const ticket = await this.beginCheckpoint(threadId);
    try {
      const response = await port.request("turn/start", params);
      hook?.sent();
      ticket?.bind(response.turn.id);
      this.threadMode = next.mode;
      this.threadServiceTier = next.serviceTier;
      if (this.currentThreadId === threadId && this.stillRunning(response.turn)) {
        this.activeTurnId = response.turn.id;
      }
    } catch (error) {
      ticket?.abandon();
      hook?.failed();
      reviewNotes?.requeue(threadId, decisions);
      failWith(l10n.t("Could not send the message"), error);
    }
  }

  private beginCheckpoint(threadId: string) {
    return this.options.checkpoints?.begin(threadId);
  }

  /**
   * Sends the first queued follow-up once the running turn is over. `completedTurnId` is the turn
   * codex just reported completed: the transcript still shows it in progress until the batcher
   * folds that completion in (its listener runs after this one), so it does not count as running.
   */
  private drainQueue(completedTurnId?: string): void {
    const thread = this.options.state.thread;
    const hasNext = thread?.queued.some((entry) => !entry.held);
    // Still running: a turn other than the completed one that has started producing items (an
    // empty one is the phantom a review announces; the reducer drops it with this completion).
    const running =
      this.activeTurnId ??
      thread?.turns.findLast(
        (turn) =>
          turn.status === "inProgress" && turn.id !== completedTurnId && turn.items.length > 0,
      )?.id;
    if (!thread || !hasNext || (running !== undefined && running !== completedTurnId)) return;
    const next = this.followUps.takeNext(thread.id);
    if (!next) return;
    this.enqueue(thread.id, () =>
      this.startTurn(thread.id, this.userInput(next.text, next.attachments)),
    ).catch((error: unknown) => this.followUps.sendFailed(thread.id, next, error));
  }

  /** Shows `view` (null: an empty transcript), whose codex thread runs with `mode`. */
  show(view: ThreadView | null, mode?: ChatMode): void {
    this.showThread(view);
    if (view) this.threadMode = mode;
  }

  /** Replaces the thread on screen (flushing pending events first) and tracks it. */
  private showThread(view: ThreadView | null): void {
    const { state, batcher, port, approvals } = this.options;
    batcher.flush();
    this.moveCount++;
    const previous = state.thread;
    if (previous) batcher.discard(previous.id);
    this.tracked?.dispose();
    this.tracked = view ? port.trackLoadedThread(view.id) : undefined;
    this.activeTurnId = view ? runningTurnId(view) : undefined;
    if (!view) this.threadMode = undefined;
    this.threadServiceTier = null;
    approvals.pruneSettled();
    const shown = view
      ? this.lastUsage.fill(this.followUps.restore(view, this.activeTurnId !== undefined))
      : view;
    state.setThread(
      shown && this.options.checkpoints ? this.options.checkpoints.decorate(shown) : shown,
    );
  }

  /** A turn/start or review/start answer's turn, unless it already completed meanwhile. */
  private stillRunning(turn: { id: string; status: string }): boolean {
    return turn.status === "inProgress" && turn.id !== this.lastCompletedTurnId;
  }

  private onPortState(next: PortState): void {
    const previous = this.lastPortState;
    this.lastPortState = next.kind;
    if (previous !== "ready" || next.kind === "ready") return;
    // The app-server went away: whatever turn it ran is gone with it.
    const thread = this.options.state.thread;
    const turnId = this.runningTurnId;
    this.activeTurnId = undefined;
    if (thread && turnId) reportLostTurn(this.options, thread.id, turnId, next);
  }
}
