/**
 * Wires the Threads view: the live states folded from every codex notification, the tree, the
 * Codex container's badge (approvals waiting across all threads), the notifications and the
 * tree's commands (open in the sidebar, open in an editor tab, rename, fork, archive, copy id).
 */
import vscode = require("vscode");

import { describeError } from "../appServer/errors";
import type { ApprovalAnswer } from "../../protocol/webview/messages";
import type { ChatBridge } from "../bridge/bridge";
import type { AppServerPort } from "../connection/port";
import type { Logger } from "../log";
import type { NotificationsSetting } from "../threads/notificationDecision";
import type { ThreadStates } from "../threads/threadStates";
import { ThreadNotifier } from "./threadNotifications";
import { listedThreadTitle } from "../threads/listedThreadTitle";
import type { SidebarBridge } from "./sidebarBridge";
import { THREADS_VIEW_ID, ThreadsTree, type ThreadsNode } from "./threadsTree";

export interface ThreadsViewOptions {
  port: AppServerPort;
  /** Folded here from every notification; the status bar reads the same instance. */
  states: ThreadStates;
  /** The sidebar's bridge (made at first use): clicking a thread resumes it there. */
  sidebarBridge: Pick<SidebarBridge, "current" | "get">;
  sidebarVisible(): boolean;
  focusSidebar(): Promise<void>;
  panels: {
    create(threadId: string): void;
    showing(threadId: string): unknown;
    reveal(threadId: string): boolean;
  };
  ensureStarted(): Promise<void>;
  folders(): string[];
  notificationsSetting(): NotificationsSetting;
  /** Every bridge (the sidebar's and each panel's): where a thread's approvals wait. */
  bridges(): Iterable<ChatBridge>;
  /** A thread's approvals changed in one of the bridges (`onApprovalsChanged` of each). */
  onApprovalsChanged: vscode.Event<string>;
  logger: Logger;
}

/** The thread a command was run on: a tree node (context menu, inline) or a thread id. */
function threadIdOf(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  const node = target as ThreadsNode | undefined;
  return node?.kind === "thread" ? node.thread.id : undefined;
}

/** The registered view; the integration tests read the tree through activate()'s exports. */
export interface ThreadsView extends vscode.Disposable {
  readonly tree: ThreadsTree;
}

export function registerThreadsView(options: ThreadsViewOptions): ThreadsView {
  const { port, sidebarBridge, logger } = options;
  const { states } = options;
  const tree = new ThreadsTree({
    port,
    states,
    logger,
    folders: options.folders,
    ensureStarted: options.ensureStarted,
  });
  const view = vscode.window.createTreeView(THREADS_VIEW_ID, { treeDataProvider: tree });

  const onScreen = (threadId: string): boolean =>
    (options.sidebarVisible() && sidebarBridge.current?.state.thread?.id === threadId) ||
    options.panels.showing(threadId) !== undefined;
  const updateBadge = () => {
    const waiting = states.waitingCount;
    view.badge =
      waiting > 0
        ? { value: waiting, tooltip: vscode.l10n.t("{0} approvals waiting", waiting) }
        : undefined;
  };
  /** Threads on screen in a focused window are seen: their finished/failed marks clear. */
  const markVisibleSeen = (threadIds: Iterable<string>): boolean => {
    if (!vscode.window.state.focused) return false;
    let changed = false;
    for (const threadId of threadIds) {
      if (!onScreen(threadId)) continue;
      notifier.seen(threadId);
      changed = states.markSeen(threadId) || changed;
    }
    return changed;
  };
  const onScreenNow = (): string[] => {
    const shown = sidebarBridge.current?.state.thread?.id;
    const ids = shown ? [shown] : [];
    return [...ids, ...tree.listedIds()];
  };

  const openInSidebar = async (threadId: string): Promise<void> => {
    await options.focusSidebar();
    await options.ensureStarted();
    try {
      await sidebarBridge.get().history.resume(threadId);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
    if (states.markSeen(threadId)) tree.redraw();
  };
  const show = async (threadId: string): Promise<void> => {
    if (options.panels.reveal(threadId)) {
      if (states.markSeen(threadId)) tree.redraw();
      return;
    }
    await openInSidebar(threadId);
  };
  const notifier = new ThreadNotifier({
    setting: options.notificationsSetting,
    onScreen,
    // A thread not listed yet (the tree loads when it is first shown, and again after a thread
    // starts): codex names it from its index, without loading it.
    titleOf: async (threadId) => {
      const listed = tree.titleOf(threadId);
      if (listed) return listed;
      try {
        const { thread } = await port.request("thread/read", { threadId, includeTurns: false });
        return listedThreadTitle(thread);
      } catch (error) {
        logger.debug(`thread/read for a notification's title failed: ${describeError(error)}`);
        return listedThreadTitle({ name: null, preview: "" }); // as a thread with no words yet
      }
    },
    show,
    approvals: {
      waiting: (threadId) =>
        [...options.bridges()].flatMap((bridge) =>
          bridge.approvals.waitingIn(threadId).map(({ approvalId, request }) => ({
            request,
            // The broker the card answers through: the card settles, codex gets one answer.
            answer: (answer: ApprovalAnswer) =>
              bridge.approvals.answerIfWaiting(approvalId, answer),
          })),
        ),
      onDidChange: options.onApprovalsChanged,
    },
    logger,
  });

  const withThread =
    (action: (threadId: string) => Thenable<void> | void) =>
    async (target: unknown): Promise<void> => {
      const threadId = threadIdOf(target);
      if (!threadId) return;
      try {
        await action(threadId);
      } catch (error) {
        void vscode.window.showErrorMessage(describeError(error));
      }
    };

  /** The filter shows above the tree (the view's message) and in its title (description). */
  const showFilter = () => {
    const term = tree.filter;
    view.message = term
      ? vscode.l10n.t("Showing threads whose title contains “{0}”", term)
      : undefined;
    view.description = term ? `“${term}”` : undefined;
    void vscode.commands.executeCommand(
      "setContext",
      "chatgpt.threads.filtered",
      term !== undefined,
    );
  };
  const setFilter = (term: string | undefined) => {
    tree.setFilter(term);
    showFilter();
  };

  const disposable = vscode.Disposable.from(
    tree,
    view,
    notifier,
    port.onNotification((notification) => {
      const { changed, attention } = states.handle(notification);
      // The user answered the thread's approval (in the chat or the notification) or started a
      // turn: whatever notification of it is still open no longer holds back its next news.
      if (
        notification.method === "serverRequest/resolved" ||
        notification.method === "turn/started"
      )
        notifier.seen(notification.params.threadId);
      if (attention) notifier.notify(attention);
      const seen = attention ? markVisibleSeen([attention.threadId]) : false;
      // A thread codex does not list here (a sub-agent's, another folder's): no listing again.
      const listedHere =
        notification.method !== "thread/started" || tree.threadStarted(notification.params.thread);
      if (notification.method === "thread/name/updated") {
        const { threadId, threadName } = notification.params;
        tree.threadRenamed(threadId, threadName);
      }
      if (notification.method === "thread/archived" || notification.method === "thread/deleted")
        tree.threadRemoved(notification.params.threadId);
      if (
        (notification.method === "thread/started" && listedHere) ||
        notification.method === "thread/name/updated" ||
        notification.method === "thread/archived" ||
        notification.method === "thread/unarchived"
      ) {
        tree.reload();
      } else if (changed && "threadId" in notification.params && notification.params.threadId) {
        tree.stateChanged(notification.params.threadId);
      } else if (changed || seen) {
        tree.redraw();
      }
      if (changed) updateBadge();
    }),
    port.onDidChangeState((state) => {
      if (state.kind !== "ready" && states.reset()) {
        tree.redraw();
        updateBadge();
      }
    }),
    port.onDidConnect(() => tree.reconnected()),
    vscode.window.onDidChangeWindowState(() => {
      if (markVisibleSeen(onScreenNow())) tree.redraw();
    }),
    view.onDidChangeVisibility(() => {
      if (markVisibleSeen(onScreenNow())) tree.redraw();
    }),
    vscode.commands.registerCommand("chatgpt.threads.refresh", () => tree.reload()),
    vscode.commands.registerCommand("chatgpt.threads.loadMore", () => tree.loadMore()),
    vscode.commands.registerCommand("chatgpt.threads.filter", async (term?: unknown) => {
      // A string argument filters at once (tests, keybindings); else ask.
      const next =
        typeof term === "string"
          ? term
          : await vscode.window.showInputBox({
              title: vscode.l10n.t("Filter Threads"),
              prompt: vscode.l10n.t("Show the threads whose title contains this text"),
              placeHolder: vscode.l10n.t("Words from the thread's title"),
              value: tree.filter ?? "",
            });
      if (next !== undefined) setFilter(next);
    }),
    vscode.commands.registerCommand("chatgpt.threads.clearFilter", () => setFilter(undefined)),
    // A thread already in a Codex panel is brought forward there, not opened a second time.
    vscode.commands.registerCommand("chatgpt.threads.open", withThread(show)),
    vscode.commands.registerCommand(
      "chatgpt.threads.openInEditor",
      withThread((threadId) => {
        if (!options.panels.reveal(threadId)) options.panels.create(threadId);
        if (states.markSeen(threadId)) tree.redraw();
      }),
    ),
    vscode.commands.registerCommand(
      "chatgpt.threads.rename",
      withThread(async (threadId) => {
        const name = await vscode.window.showInputBox({
          prompt: vscode.l10n.t("New name for the thread"),
          value: tree.titleOf(threadId) ?? "",
        });
        if (!name?.trim()) return;
        await options.ensureStarted();
        await sidebarBridge.get().history.rename(threadId, name.trim());
        tree.reload();
      }),
    ),
    vscode.commands.registerCommand(
      "chatgpt.threads.fork",
      withThread(async (threadId) => {
        await options.focusSidebar();
        await options.ensureStarted();
        await sidebarBridge.get().history.fork(threadId);
        tree.reload();
      }),
    ),
    vscode.commands.registerCommand(
      "chatgpt.threads.archive",
      withThread(async (threadId) => {
        await options.ensureStarted();
        await sidebarBridge.get().history.archive(threadId);
        tree.threadRemoved(threadId);
        tree.reload();
      }),
    ),
    vscode.commands.registerCommand(
      "chatgpt.threads.copyId",
      withThread((threadId) => vscode.env.clipboard.writeText(threadId)),
    ),
  );
  return { tree, dispose: () => disposable.dispose() };
}
