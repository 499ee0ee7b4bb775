/**
 * The Codex status bar item: the real state (signed out, starting, ready, working, waiting for
 * approval, reconnecting, failed) and rate-limit use; a click does what helps in that state.
 */
import vscode = require("vscode");

import type { ChatState } from "../bridge/chatState";
import type { Disposable, Event } from "../appServer/emitter";
import type { ThreadStates } from "../threads/threadStates";
import { statusBeforeFirstUse } from "../bridge/statusDefaults";
import { statusBarContent } from "./statusBarText";

/** The sidebar's chat state, which exists once its bridge is made (see SidebarBridge). */
export interface StatusSource {
  readonly current: { readonly state: ChatState } | undefined;
  readonly onDidCreate: Event<{ readonly state: ChatState }>;
}

/** What the item shows before the sidebar's bridge exists. */
const BEFORE_FIRST_USE = statusBeforeFirstUse();

/** `threads`: every loaded thread's live state, the same the Threads view and its badge show. */
export function registerStatusBar(source: StatusSource, threads: ThreadStates): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    "chatgpt.status",
    vscode.StatusBarAlignment.Right,
    100,
  );
  item.name = vscode.l10n.t("Codex");
  let last = "";
  const render = () => {
    const { connection, rateLimits, account } = source.current?.state.snapshot ?? BEFORE_FIRST_USE;
    const content = statusBarContent(connection, rateLimits, vscode.l10n, Date.now(), {
      account: account.status,
      ...threads.summary,
    });
    const key = JSON.stringify(content);
    if (key === last) return;
    last = key;
    item.text = content.text;
    item.tooltip = content.tooltip;
    item.command = content.command;
    item.backgroundColor =
      content.severity === "none"
        ? undefined
        : new vscode.ThemeColor(
            content.severity === "error"
              ? "statusBarItem.errorBackground"
              : "statusBarItem.warningBackground",
          );
  };
  render();
  item.show();
  const follow = (state: ChatState): Disposable =>
    state.onDidChange((change) => {
      const patch = change.kind === "patch" ? change.patch : null;
      if (patch && (patch.connection || patch.account || "rateLimits" in patch)) render();
    });
  const subscriptions: Disposable[] = [threads.onDidChange(render)];
  if (source.current) subscriptions.push(follow(source.current.state));
  else {
    subscriptions.push(
      source.onDidCreate(({ state }) => {
        subscriptions.push(follow(state));
        render();
      }),
    );
  }
  // "resets in 12 min" ages; refresh it while nothing else changes.
  const timer = setInterval(render, 60_000);
  return vscode.Disposable.from(item, {
    dispose: () => {
      clearInterval(timer);
      for (const subscription of subscriptions) subscription.dispose();
    },
  });
}
