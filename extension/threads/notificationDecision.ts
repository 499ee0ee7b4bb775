/**
 * Whether a thread's news (a turn finished or failed, an approval waits) becomes a VS Code
 * notification, by the `chatgpt.notifications` setting and whether the user can see the thread.
 */
export type NotificationsSetting = "always" | "whenHidden" | "never";

export interface NotificationContext {
  setting: NotificationsSetting;
  /** A visible view (sidebar or panel) shows this thread. */
  threadOnScreen: boolean;
  windowFocused: boolean;
  /** A notification for this thread is still open: never more than one per thread. */
  alreadyNotified: boolean;
}

export function shouldNotify(context: NotificationContext): boolean {
  if (context.setting === "never" || context.alreadyNotified) return false;
  if (context.setting === "always") return true;
  return !(context.threadOnScreen && context.windowFocused);
}
