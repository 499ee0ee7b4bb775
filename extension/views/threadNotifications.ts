/**
 * A VS Code notification with **Show** when a thread's turn finishes or fails, or an approval
 * waits, and the user cannot see that thread (`chatgpt.notifications`; the decision is
 * extension/threads/notificationDecision.ts). A single simple command approval also gets
 * **Approve** and **Decline** (extension/threads/quickCommandApproval.ts says which), answered
 * through the same broker as the card, so the card settles too. At most one open notification per thread: news for
 * a thread whose notification is still open (on screen or in the notification center) is not
 * repeated until the user closes it, clicks Show, or deals with the thread in Codex
 * (extension/threads/openNotifications.ts).
 */
import vscode = require("vscode");

import { shouldNotify, type NotificationsSetting } from "../threads/notificationDecision";
import { OpenNotifications } from "../threads/openNotifications";
import {
  quickCommandApproval,
  type QuickCommandApproval,
  type WaitingApproval,
} from "../threads/quickCommandApproval";
import type { ThreadAttention } from "../threads/threadStates";
import type { Logger } from "../log";

/** How long an approval's notification waits for codex's request to reach a bridge. */
const REQUEST_GRACE_MS = 300;

export interface ThreadNotifierOptions {
  setting(): NotificationsSetting;
  onScreen(threadId: string): boolean;
  titleOf(threadId: string): Promise<string>;
  show(threadId: string): Promise<void>;
  /** The thread's approvals waiting in any bridge (sidebar, editor panels). */
  waitingApprovals?(threadId: string): WaitingApproval[];
  logger: Logger;
}

export class ThreadNotifier {
  private readonly open = new OpenNotifications();

  constructor(private readonly options: ThreadNotifierOptions) {}

  /** The user looked at the thread, answered its approval or started a turn in it. */
  seen(threadId: string): void {
    if (this.open.seen(threadId)) {
      this.options.logger.debug(
        `thread ${threadId}: its open notification no longer holds back news`,
      );
    }
  }

  notify(attention: ThreadAttention): void {
    const { threadId } = attention;
    const context = {
      setting: this.options.setting(),
      threadOnScreen: this.options.onScreen(threadId),
      windowFocused: vscode.window.state.focused,
      alreadyNotified: this.open.has(threadId),
    };
    // Why a notification came or not (focus, what is on screen): a missing one is otherwise hard
    // to tell from one VS Code did not show (Do Not Disturb, the smoke-test driver of the e2e runs).
    const notify = shouldNotify(context);
    const line = `thread ${threadId} ${attention.kind}: ${notify ? "notifying" : "no notification"} ${JSON.stringify(context)}`;
    if (!notify) {
      this.options.logger.debug(line);
      return;
    }
    this.options.logger.info(line);
    const token = this.open.opened(threadId);
    void this.deliver(attention, token);
  }

  private async deliver(attention: ThreadAttention, token: symbol): Promise<void> {
    const { threadId } = attention;
    const [title, quick] = await Promise.all([
      this.options.titleOf(threadId),
      attention.kind === "approval" && this.options.waitingApprovals
        ? this.quickApprovalSoon(threadId)
        : undefined,
    ]);
    if (quick) this.notifyQuickApproval(threadId, title, quick, token);
    else this.showNotification(attention, title, token);
  }

  /**
   * codex reports the thread waiting (`thread/status/changed`) just before it sends the request
   * itself, so the request is usually not in any bridge yet: look again once, a moment later.
   * If none has arrived by then, the notification offers Show only.
   */
  private async quickApprovalSoon(threadId: string): Promise<QuickCommandApproval | undefined> {
    const waiting = () => this.options.waitingApprovals?.(threadId) ?? [];
    let found = waiting();
    if (found.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, REQUEST_GRACE_MS));
      found = waiting();
    }
    return quickCommandApproval(found);
  }

  private showNotification(attention: ThreadAttention, title: string, token: symbol): void {
    const { threadId } = attention;
    const showLabel = vscode.l10n.t("Show");
    const shown =
      attention.kind === "failed"
        ? vscode.window.showErrorMessage(
            vscode.l10n.t("Codex: the turn failed in “{0}”.", title),
            showLabel,
          )
        : attention.kind === "approval"
          ? vscode.window.showWarningMessage(
              vscode.l10n.t("Codex is waiting for your approval in “{0}”.", title),
              showLabel,
            )
          : vscode.window.showInformationMessage(
              vscode.l10n.t("Codex finished “{0}”.", title),
              showLabel,
            );
    void Promise.resolve(shown).then(async (choice) => {
      this.open.closed(threadId, token);
      this.options.logger.info(
        `thread ${threadId} ${attention.kind}: notification closed (${choice ?? "dismissed"})`,
      );
      if (choice === showLabel) await this.options.show(threadId);
    });
  }

  private notifyQuickApproval(
    threadId: string,
    title: string,
    quick: QuickCommandApproval,
    token: symbol,
  ): void {
    const approveLabel = vscode.l10n.t("Approve");
    const declineLabel = vscode.l10n.t("Decline");
    const showLabel = vscode.l10n.t("Show");
    const shown = vscode.window.showWarningMessage(
      vscode.l10n.t("Codex wants to run a command in “{0}”: {1}", title, quick.command),
      approveLabel,
      declineLabel,
      showLabel,
    );
    void Promise.resolve(shown).then(async (choice) => {
      this.open.closed(threadId, token);
      const { logger } = this.options;
      logger.info(`thread ${threadId} approval: notification closed (${choice ?? "dismissed"})`);
      if (choice === approveLabel || choice === declineLabel) {
        const answered = choice === approveLabel ? quick.approve() : quick.decline();
        if (!answered) {
          logger.info(
            `thread ${threadId} approval: already answered or resolved; the notification's ${choice} did nothing`,
          );
        }
      } else if (choice === showLabel) {
        await this.options.show(threadId);
      }
    });
  }
}
