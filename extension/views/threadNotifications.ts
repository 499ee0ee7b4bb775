/**
 * A VS Code notification with **Show** when a thread's turn finishes or fails, or an approval
 * waits, and the user cannot see that thread (`chatgpt.notifications`; the decision is
 * extension/threads/notificationDecision.ts). At most one open notification per thread: news for
 * a thread whose notification is still open (on screen or in the notification center) is not
 * repeated until the user closes it, clicks Show, or deals with the thread in Codex
 * (extension/threads/openNotifications.ts).
 */
import vscode = require("vscode");

import { shouldNotify, type NotificationsSetting } from "../threads/notificationDecision";
import { OpenNotifications } from "../threads/openNotifications";
import type { ThreadAttention } from "../threads/threadStates";
import type { Logger } from "../log";

export interface ThreadNotifierOptions {
  setting(): NotificationsSetting;
  onScreen(threadId: string): boolean;
  titleOf(threadId: string): string;
  show(threadId: string): Promise<void>;
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
    const title = this.options.titleOf(threadId);
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
}
