/**
 * The host's source of truth for the sidebar: one `ChatViewState`, small update functions, and
 * a change event that says exactly what to post (a `state/patch` or a `thread/events` batch).
 * A view that (re)loads gets `snapshot` whole; live views get the changes.
 */
import type { HostNotificationParams } from "../../protocol/webview/messages";
import {
  applyThreadEvent,
  applyThreadEvents,
  type ThreadEvent,
} from "../../protocol/webview/threadEvents";
import type {
  AccountView,
  ApprovalView,
  AutoReviewView,
  CardView,
  ChatViewState,
  ConnectionView,
  EditorContextView,
  ModelChoiceView,
  NoticeView,
  UiLanguage,
  RateLimitSnapshot,
  SettingsView,
  ThreadView,
  WorkspaceFolderView,
} from "../../protocol/webview/viewModel";
import type { PostPacer } from "./eventBatcher";
import { MAX_NOTICES, NoticeBoard, type NoticeInput, type NoticeMemory } from "./noticeBoard";
import { statusBeforeFirstUse } from "./statusDefaults";
import type { Disposable } from "../connection/port";

export { MAX_NOTICES };

export type StatePatch = HostNotificationParams<"state/patch">;

export type ChatStateChange =
  | { kind: "patch"; patch: StatePatch }
  | { kind: "events"; threadId: string; events: ThreadEvent[] };

/** Cards kept at most (one per kind replaces the previous anyway). */
export const MAX_CARDS = 5;
/** Auto-reviews kept for the thread shown (the oldest go first). */
const MAX_REVIEWS = 200;

export const defaultSettings: SettingsView = {
  composerEnterBehavior: "enter",
  followUpQueueMode: "queue",
  fontSize: null,
  editorFontSize: null,
  locale: "en",
};

export function initialChatViewState(overrides: Partial<ChatViewState> = {}): ChatViewState {
  return {
    ...statusBeforeFirstUse(),
    thread: null,
    approvals: [],
    notices: [],
    modelChoice: { models: [], model: null, effort: null, mode: "agent" },
    settings: defaultSettings,
    draft: "",
    language: "en",
    editorContext: { activeFile: null, selection: null },
    cards: [],
    workspaceTrusted: true,
    ...overrides,
  };
}

export function emptyThread(id: string, cwd: string, name: string | null = null): ThreadView {
  return { id, name, cwd, turns: [], tokenUsage: null, queued: [] };
}

export class ChatState {
  private state: ChatViewState;
  private readonly listeners = new Set<(change: ChatStateChange) => void>();
  private readonly noticeBoard: NoticeBoard;
  private pacer: PostPacer | undefined;
  /** Fields changed while posts were paced: posted, with their values then, at the next opening. */
  private readonly held = new Set<keyof ChatViewState>();
  /** Host-side edits of the thread on screen made while posts were paced (see editThread). */
  private heldEdits: { threadId: string; events: ThreadEvent[] } | undefined;
  private readonly releaseHeld = (): boolean => this.postHeld();

  constructor(initial: ChatViewState = initialChatViewState(), noticeMemory?: NoticeMemory) {
    this.state = initial;
    this.noticeBoard = new NoticeBoard(noticeMemory);
  }

  /**
   * Paces this state's posts with the event batcher: a patch that would land within one window of
   * another post is held (the state itself changes at once) and posted at the batcher's next
   * opening, several patches coalesced into one.
   */
  pacePosts(pacer: PostPacer): void {
    this.pacer = pacer;
  }

  get paced(): boolean {
    return this.pacer !== undefined;
  }

  get snapshot(): ChatViewState {
    return this.state;
  }

  get thread(): ThreadView | null {
    return this.state.thread;
  }

  onDidChange(listener: (change: ChatStateChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Replaces top-level fields and tells every view. */
  patch(patch: StatePatch): void {
    this.state = { ...this.state, ...patch } as ChatViewState;
    const pacer = this.pacer;
    if (pacer && (this.held.size > 0 || this.heldEdits || pacer.mustDefer)) {
      for (const key of Object.keys(patch)) this.held.add(key as keyof ChatViewState);
      pacer.defer(this.releaseHeld);
      return;
    }
    this.emit({ kind: "patch", patch });
  }

  setConnection(connection: ConnectionView): void {
    this.patch({ connection });
  }

  setWorkspaceTrusted(workspaceTrusted: boolean): void {
    if (this.state.workspaceTrusted !== workspaceTrusted) this.patch({ workspaceTrusted });
  }

  setWorkspaceFolders(folders: readonly WorkspaceFolderView[]): void {
    this.patch({ workspaceFolders: folders.map(({ name, path }) => ({ name, path })) });
  }

  setAccount(account: AccountView): void {
    this.patch({ account });
    if (account.status === "signedOut") this.updateNotices(this.noticeBoard.signedOut());
  }

  setThread(thread: ThreadView | null): void {
    // Cards (/status, /mcp) and auto-reviews belong to the thread they were asked in: gone with it.
    const leaving = this.state.thread !== null && this.state.thread.id !== thread?.id;
    const patch: StatePatch = { thread };
    if (leaving && this.state.cards.length > 0) patch.cards = [];
    if (leaving && (this.state.reviews?.length ?? 0) > 0) patch.reviews = [];
    this.patch(patch);
    this.updateNotices(this.noticeBoard.threadShown(thread?.id ?? null));
  }

  /**
   * A host-side edit of the thread on screen (its follow-up queue, its name), when it is
   * `threadId`: applied now and posted as one small `thread/events` batch, not the whole thread.
   * While posts are paced the edit waits for the next opening like a patch would; a held
   * `thread` patch already carries it.
   */
  editThread(threadId: string, event: ThreadEvent): void {
    const thread = this.state.thread;
    if (!thread || thread.id !== threadId) return;
    this.state = { ...this.state, thread: applyThreadEvent(thread, event) };
    if (this.held.has("thread")) return;
    const pacer = this.pacer;
    if (pacer && (this.held.size > 0 || this.heldEdits || pacer.mustDefer)) {
      this.heldEdits ??= { threadId, events: [] };
      this.heldEdits.events.push(event);
      pacer.defer(this.releaseHeld);
      return;
    }
    this.emit({ kind: "events", threadId, events: [event] });
  }

  /** Folds a batch into the current thread; batches for other threads are dropped. */
  applyEvents(threadId: string, events: ThreadEvent[]): void {
    const thread = this.state.thread;
    if (!thread || thread.id !== threadId || events.length === 0) return;
    this.state = { ...this.state, thread: applyThreadEvents(thread, events) };
    // A held `thread` patch posts the thread as it is then, these events included.
    if (this.held.has("thread")) return;
    this.emit({ kind: "events", threadId, events });
  }

  setModelChoice(modelChoice: ModelChoiceView): void {
    this.patch({ modelChoice });
  }

  setRateLimits(rateLimits: RateLimitSnapshot | null): void {
    this.patch({ rateLimits });
  }

  setSettings(settings: SettingsView): void {
    this.patch({ settings });
  }

  setLanguage(language: UiLanguage): void {
    this.patch({ language });
  }

  setEditorContext(editorContext: EditorContextView): void {
    const current = this.state.editorContext;
    if (JSON.stringify(current) === JSON.stringify(editorContext)) return;
    this.patch({ editorContext });
  }

  /** Shows `card`, replacing an earlier card of the same kind. */
  showCard(card: CardView): void {
    const cards = [...this.state.cards.filter((c) => c.kind !== card.kind), card].slice(-MAX_CARDS);
    this.patch({ cards });
  }

  /** Adds or replaces an auto-review (by codex's reviewId); only for the thread shown. */
  upsertReview(review: AutoReviewView): void {
    if (this.state.thread?.id !== review.threadId) return;
    const reviews = this.state.reviews ?? [];
    const index = reviews.findIndex((each) => each.id === review.id);
    const next =
      index === -1
        ? [...reviews, review].slice(-MAX_REVIEWS)
        : reviews.map((each, at) => (at === index ? review : each));
    this.patch({ reviews: next });
  }

  findReview(id: string): AutoReviewView | undefined {
    return this.state.reviews?.find((each) => each.id === id);
  }

  dismissCard(id: string): void {
    const cards = this.state.cards.filter((card) => card.id !== id);
    if (cards.length !== this.state.cards.length) this.patch({ cards });
  }

  /** Not posted: the webview owns the live draft; this only feeds the next hydrate. */
  setDraft(draft: string): void {
    this.state = { ...this.state, draft };
  }

  // Approvals -----------------------------------------------------------------------------------

  findApproval(id: string): ApprovalView | undefined {
    return this.state.approvals.find((approval) => approval.id === id);
  }

  upsertApproval(approval: ApprovalView): void {
    const approvals = this.state.approvals.slice();
    const index = approvals.findIndex((existing) => existing.id === approval.id);
    if (index === -1) approvals.push(approval);
    else approvals[index] = approval;
    this.patch({ approvals });
  }

  setApprovalStatus(id: string, status: ApprovalView["status"]): void {
    const approval = this.findApproval(id);
    if (!approval || approval.status === status) return;
    this.upsertApproval({ ...approval, status });
  }

  removeApprovals(predicate: (approval: ApprovalView) => boolean): void {
    const approvals = this.state.approvals.filter((approval) => !predicate(approval));
    if (approvals.length !== this.state.approvals.length) this.patch({ approvals });
  }

  // Notices -------------------------------------------------------------------------------------

  /** Shows `notice` (see NoticeBoard: it may replace a line, or only raise a count). */
  addNotice(notice: NoticeInput): NoticeView | null {
    const shown = this.noticeBoard.add(notice);
    this.updateNotices(shown !== null);
    return shown;
  }

  /** The user dismissed a notice; `forever`: "Don't show again". */
  dismissNotice(id: string, forever = false): void {
    this.updateNotices(this.noticeBoard.dismiss(id, forever));
  }

  /** A turn ended: its retry line goes (a failure shows in the turn itself). */
  turnEnded(threadId: string, turnId: string, succeeded: boolean): void {
    this.updateNotices(this.noticeBoard.turnEnded(threadId, turnId, succeeded));
  }

  private updateNotices(changed: boolean): void {
    if (changed) this.patch({ notices: this.noticeBoard.views });
  }

  /**
   * Posts what was held, as one post: the held edits as events when nothing else is held,
   * otherwise the held fields as one patch (the thread among them when edits were held too).
   * False when nothing was held.
   */
  private postHeld(): boolean {
    const edits = this.heldEdits;
    this.heldEdits = undefined;
    if (edits && this.held.size === 0) {
      this.emit({ kind: "events", threadId: edits.threadId, events: edits.events });
      return true;
    }
    if (edits) this.held.add("thread");
    if (this.held.size === 0) return false;
    const patch: Record<string, unknown> = {};
    for (const key of this.held) patch[key] = this.state[key];
    this.held.clear();
    this.emit({ kind: "patch", patch: patch as StatePatch });
    return true;
  }

  private emit(change: ChatStateChange): void {
    this.pacer?.posted();
    for (const listener of [...this.listeners]) listener(change);
  }
}
