/**
 * The bridge between the app-server and the sidebar, without VS Code: the host state, the event
 * batcher, and the controllers for threads, approvals, account and models, wired to one
 * AppServerPort. The extension adds the vscode-side pieces (views, editor actions) around it;
 * protocol tests drive it directly against the real codex.
 */
import type { ChatViewState, WorkspaceFolderView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import type { Logger } from "../log";
import { AccountController } from "./account";
import { ApprovalBroker } from "./approvals";
import { ChatState, initialChatViewState } from "./chatState";
import { connectionView } from "./connection";
import { EventBatcher, type Scheduler } from "./eventBatcher";
import { ModelController, type ModelControllerOptions } from "./models";
import type { AppServerPort, Disposable } from "./port";
import type { ThreadRouter } from "./threadRouter";
import { ThreadSession } from "./threadSession";
import { connectTranscriptStream } from "./transcriptStream";

export interface ChatBridgeOptions {
  /** The shared app-server port. */
  port: AppServerPort;
  /**
   * When several bridges share `port` (sidebar and editor panels): server requests are routed to
   * the bridge that shows their thread. `routeFallback`: this bridge takes the rest.
   */
  router?: ThreadRouter;
  routeFallback?: boolean;
  logger: Logger;
  /** The cwd of new threads (the first workspace folder). */
  cwd: () => string | undefined;
  /** The workspace folders on disk: approval cards show paths relative to them. */
  workspaceFolders?: () => readonly WorkspaceFolderView[];
  openExternal: (url: string) => Promise<boolean>;
  confirmFullAccess: () => Promise<boolean>;
  saveModelChoice?: ModelControllerOptions["saveChoice"];
  initialState?: Partial<ChatViewState>;
  /** Batch window for thread events, in ms (default 24). */
  batchIntervalMs?: number;
  scheduler?: Scheduler;
}

export class ChatBridge {
  readonly state: ChatState;
  readonly batcher: EventBatcher;
  readonly approvals: ApprovalBroker;
  readonly account: AccountController;
  readonly models: ModelController;
  readonly threads: ThreadSession;
  /** This bridge's view of the app-server (routed when a router is given). */
  readonly port: AppServerPort;
  private readonly subscriptions: Disposable[] = [];

  constructor(readonly options: ChatBridgeOptions) {
    const { logger } = options;
    const port = options.router
      ? options.router.portFor(this, { fallback: options.routeFallback ?? false })
      : options.port;
    this.port = port;
    this.state = new ChatState(
      initialChatViewState({ connection: connectionView(port.state), ...options.initialState }),
    );
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
    this.threads = new ThreadSession({
      port,
      state: this.state,
      batcher: this.batcher,
      approvals: this.approvals,
      logger,
      cwd: options.cwd,
    });
    this.subscriptions.push(
      this.approvals.register(),
      connectTranscriptStream(port, this.state, this.batcher, {
        // With several views on one app-server, the fallback view (the sidebar) shows them.
        threadlessNotices: !options.router || (options.routeFallback ?? false),
      }),
      port.onDidChangeState((state) => this.state.setConnection(connectionView(state))),
      port.onDidConnect(() => void this.refreshAfterConnect()),
    );
  }

  /** True when this bridge shows `threadId` (the thread router asks). */
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
    ]);
  }

  dispose(): void {
    this.approvals.cancelPending();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.threads.dispose();
    this.account.dispose();
    this.batcher.dispose();
  }
}
