/**
 * A VS Code notification with **Show** when a thread's turn finishes or fails, or an approval
 * waits, and the user cannot see that thread (`chatgpt.notifications`; the decision is
 * extension/threads/notificationDecision.ts). A single simple command approval also gets
 * **Approve** and **Decline** (extension/threads/quickCommandApproval.ts says which), answered
 * through the same broker as the card, so the card settles too. At most one open notification
 * per thread: news for a thread whose notification is still open (on screen or in the
 * notification center) is not repeated until the user closes it, clicks Show, or deals with the
 * thread in Codex. An approval's notification shows once codex's request has reached a bridge.
 * Both live in one record per thread (extension/threads/openNotifications.ts).
 */
import vscode = require("vscode");

import { shouldNotify, type NotificationsSetting } from "../threads/notificationDecision";
import {
  OpenNotifications,
  type ApprovalSource,
  type OpenNotification,
} from "../threads/openNotifications";
import { quickCommandApproval, type QuickCommandApproval } from "../threads/quickCommandApproval";
import type { ThreadAttention } from "../threads/threadStates";
import type { Logger } from "../log";

export interface ThreadNotifierOptions {
  setting(): NotificationsSetting;
  onScreen(threadId: string): boolean;
  titleOf(threadId: string): Promise<string>;
  show(threadId: string): Promise<void>;
  /** The approvals waiting in every bridge (sidebar, editor panels), and when they change. */
  approvals: ApprovalSource;
  logger: Logger;
}

export class ThreadNotifier implements vscode.Disposable {
  private readonly notifications: OpenNotifications;

  constructor(private readonly options: ThreadNotifierOptions) {
    this.notifications = new OpenNotifications(options.approvals);
  }

  dispose(): void {
    this.notifications.dispose();
  }

  /** The user looked at the thread, answered its approval or started a turn in it. */
  seen(threadId: string): void {
    // An approval's notification still waiting for codex's request is not shown at all.
    if (this.notifications.seen(threadId)) {
      this.options.logger.debug(
        `thread ${threadId}: its open notification no longer holds back news`,
      );
    }
  }

  notify(attention: ThreadAttention): void {
    const { threadId } = attention;
    // An approval's notification still waiting for codex's request was never shown: the thread's
    // newer news takes its place, rather than being held back by it.
    this.notifications.dropUnshown(threadId);
    const context = {
      setting: this.options.setting(),
      threadOnScreen: this.options.onScreen(threadId),
      windowFocused: vscode.window.state.focused,
      alreadyNotified: this.notifications.has(threadId),
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
    const notification = this.notifications.open(threadId, attention.kind === "approval");
    void this.deliver(attention, notification);
  }

  private async deliver(attention: ThreadAttention, notification: OpenNotification): Promise<void> {
    const { threadId } = attention;
    const [title, waiting] = await Promise.all([
      this.options.titleOf(threadId),
      notification.ready,
    ]);
    if (waiting === undefined) {
      this.options.logger.info(
        `thread ${threadId} approval: no notification, the thread moved on before codex's request arrived`,
      );
      return;
    }
    const quick = quickCommandApproval(waiting);
    if (quick) this.notifyQuickApproval(title, quick, notification);
    else this.showNotification(attention, title, notification);
  }

  private showNotification(
    attention: ThreadAttention,
    title: string,
    notification: OpenNotification,
  ): void {
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
      this.notifications.closed(notification);
      this.options.logger.info(
        `thread ${threadId} ${attention.kind}: notification closed (${choice ?? "dismissed"})`,
      );
      if (choice === showLabel) await this.options.show(threadId);
    });
  }

  private notifyQuickApproval(
    title: string,
    quick: QuickCommandApproval,
    notification: OpenNotification,
  ): void {
    const { threadId } = notification;
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
      this.notifications.closed(notification);
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
