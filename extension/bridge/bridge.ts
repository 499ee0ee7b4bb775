/**
 * The bridge between the app-server and one view (the sidebar or a Codex panel), without VS Code:
 * the host state, the event batcher, and the controllers for threads, history, approvals,
 * account and models, wired to one AppServerPort (in the extension, the CodexConnection every
 * bridge shares). The extension adds the vscode-side pieces (views, editor actions) around it;
 * protocol tests drive it directly against the real codex.
 */
import type { ChatViewState, WorkspaceFolderView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import type { Logger } from "../log";
import { AccountController } from "./account";
import { ApprovalBroker, type ApprovalBrokerOptions } from "./approvals";
import { ChatState, initialChatViewState } from "./chatState";
import { connectionView } from "./connection";
import { EventBatcher, type Scheduler } from "./eventBatcher";
import type { NoticeMemory } from "./noticeBoard";
import { ModelController, type ModelControllerOptions } from "./models";
import { notificationDispatcher } from "../connection/notifications";
import type { AppServerPort, Disposable, RequestRoute } from "../connection/port";
import { AutoReviews } from "./autoReviews";
import { McpPanel } from "./mcpPanel";
import { ThreadHistory } from "./threadHistory";
import type { QueueMemento } from "./followUpQueue";
import { SkillCatalog } from "./skills";
import { ThreadSession, type ThreadSessionOptions } from "./threadSession";
import { ThreadGoals } from "./goals";
import { PlanModeController } from "./planMode";
import { transcriptStream } from "./transcriptStream";
import type { ReviewNotes } from "../review/reviewNotes";
import type { TurnCheckpoints } from "../review/turnCheckpoints";

export interface ChatBridgeOptions {
  /** Codex: the connection every bridge shares in the extension; a port of its own in tests. */
  port: AppServerPort;
  /**
   * With several bridges on one connection (sidebar and editor panels), server requests go to the
   * bridge that shows their thread. The fallback bridge (the sidebar; default true) also takes
   * the requests no bridge's thread claims, and shows the notices that concern no thread.
   */
  fallback?: boolean;
  logger: Logger;
  /** The cwd of new threads (the first workspace folder). */
  cwd: () => string | undefined;
  /** The workspace folders on disk: approval cards show paths relative to them. */
  workspaceFolders?: () => readonly WorkspaceFolderView[];
  openExternal: (url: string) => Promise<boolean>;
  confirmFullAccess: () => Promise<boolean>;
  saveModelChoice?: ModelControllerOptions["saveChoice"];
  initialState?: Partial<ChatViewState>;
  /** Notices the user silenced ("Don't show again"); the extension keeps them in global state. */
  noticeMemory?: NoticeMemory;
  /** Batch window for thread events, in ms (default 24). */
  batchIntervalMs?: number;
  scheduler?: Scheduler;
  /** A checkpoint for every turn (shared by the views; absent: checkpoints off). */
  checkpoints?: TurnCheckpoints;
  /** What the user undid since the last turn, sent with the next message (shared). */
  reviewNotes?: ReviewNotes;
  /** Where queued follow-ups are saved per thread (the workspace state, shared). */
  queueMemento?: QueueMemento;
  /** Who answers approvals (`chatgpt.approvalsReviewer`); undefined: codex's config decides. */
  approvalsReviewer?: ThreadSessionOptions["approvalsReviewer"];
  /** An "always allow" rule the user added from an approval card (recorded for removal). */
  onRuleAdded?: ApprovalBrokerOptions["onRuleAdded"];
  /** A thread's waiting approvals changed (for the Threads view's notifications). */
  onApprovalsChanged?: ApprovalBrokerOptions["onWaitingChanged"];
}

export class ChatBridge {
  readonly state: ChatState;
  readonly batcher: EventBatcher;
  readonly approvals: ApprovalBroker;
  readonly account: AccountController;
  readonly models: ModelController;
  readonly threads: ThreadSession;
  readonly history: ThreadHistory;
  readonly skills: SkillCatalog;
  readonly planMode: PlanModeController;
  readonly goals: ThreadGoals;
  /** The `/mcp` panel, kept live while shown. */
  readonly mcp: McpPanel;
  /** codex's auto-reviewer's decisions, and the user's override of a denial. */
  readonly autoReviews: AutoReviews;
  readonly port: AppServerPort;
  private readonly subscriptions: Disposable[] = [];

  constructor(readonly options: ChatBridgeOptions) {
    const { logger } = options;
    const port = options.port;
    const fallback = options.fallback ?? true;
    this.port = port;
    this.state = new ChatState(
      initialChatViewState({ connection: connectionView(port.state), ...options.initialState }),
      options.noticeMemory,
    );
    this.refreshWorkspaceFolders();
    this.batcher = new EventBatcher({
      deliver: (threadId, events) => this.state.applyEvents(threadId, events),
      intervalMs: options.batchIntervalMs,
      scheduler: options.scheduler,
    });
    // Every post to the view, state patches included, goes out at most once per batch window.
    this.state.pacePosts(this.batcher);
    this.approvals = new ApprovalBroker({
      port,
      state: this.state,
      logger,
      workspaceFolders: options.workspaceFolders,
      onRuleAdded: options.onRuleAdded,
      onWaitingChanged: options.onApprovalsChanged,
    });
    this.account = new AccountController({
      port,
      state: this.state,
      logger,
      openExternal: options.openExternal,
    });
    this.models = new ModelController({
      port,
      state: this.state,
      logger,
      confirmFullAccess: options.confirmFullAccess,
      saveChoice: options.saveModelChoice,
    });
    this.skills = new SkillCatalog({ port, cwd: options.cwd, logger });
    this.planMode = new PlanModeController({ port, state: this.state, logger });
    this.threads = new ThreadSession({
      port,
      state: this.state,
      batcher: this.batcher,
      approvals: this.approvals,
      logger,
      cwd: options.cwd,
      checkpoints: options.checkpoints,
      reviewNotes: options.reviewNotes,
      queueMemento: options.queueMemento,
      skillInputs: (text) => this.skills.inputsFor(text),
      turnHook: this.planMode,
      approvalsReviewer: options.approvalsReviewer,
    });
    this.goals = new ThreadGoals({ port, state: this.state, logger, session: this.threads });
    this.autoReviews = new AutoReviews({ port, state: this.state, logger });
    this.mcp = new McpPanel({
      port,
      state: this.state,
      logger,
      openExternal: options.openExternal,
      threadId: () => this.threads.currentThreadId,
    });
    this.history = new ThreadHistory({
      port,
      state: this.state,
      session: this.threads,
      folders: () => (options.workspaceFolders?.() ?? []).map((folder) => folder.path),
    });
    const route: RequestRoute = { owner: this, fallback };
    this.subscriptions.push(
      this.approvals.register(route),
      port.onNotification(
        // The order is part of the contract: the session learns that a turn ended (and sends the
        // next queued follow-up) and the approvals drop settled cards before the transcript
        // stream queues the notification's events for the view.
        notificationDispatcher([
          this.threads.notifications,
          this.approvals.notifications,
          this.account.notifications,
          this.autoReviews.notifications,
          this.mcp.notifications,
          this.skills.notifications,
          this.planMode.notifications,
          this.goals.notifications,
          transcriptStream(this.state, this.batcher, {
            threadlessNotices: fallback,
            log: (message) => logger.info(message),
          }),
        ]),
      ),
      port.onDidChangeState((state) => this.state.setConnection(connectionView(state))),
      // A turn's summary goes through the batcher, after the turn's own events.
      options.checkpoints?.onDidChange(({ threadId, turnId, checkpoint }) =>
        this.batcher.push(threadId, { type: "checkpointUpdated", turnId, checkpoint }),
      ) ?? { dispose: () => undefined },
      port.onDidConnect(() => void this.refreshAfterConnect()),
    );
  }

  /** True when this bridge shows `threadId` (the connection routes server requests by it). */
  ownsThread(threadId: string): boolean {
    return this.state.thread?.id === threadId;
  }

  /** The state for a view that (re)loads: pending events are folded in first. */
  hydrate(): ChatViewState {
    this.batcher.flush();
    return this.state.snapshot;
  }

  /** After each (re)initialize: account and models may have changed; the transcript stays. */
  async refreshAfterConnect(): Promise<void> {
    await Promise.all([
      this.account.refresh(),
      this.models.refresh().catch((error: unknown) => {
        this.options.logger.warn(`model/list failed: ${describeError(error)}`);
      }),
      this.planMode.refresh(),
    ]);
  }

  /** The workspace folders changed (or the bridge starts): the view shows paths against them. */
  refreshWorkspaceFolders(): void {
    const folders = this.options.workspaceFolders?.();
    if (folders) this.state.setWorkspaceFolders(folders);
  }

  dispose(): void {
    this.approvals.cancelPending();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.threads.dispose();
    this.batcher.dispose();
  }
}
