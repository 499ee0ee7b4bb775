/** The Codex status bar item: connection state and rate-limit use; a click opens the command menu. */
import vscode = require("vscode");

import type { ChatState } from "../bridge/chatState";
import { statusBarContent } from "./statusBarText";

export function registerStatusBar(state: ChatState): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    "chatgpt.status",
    vscode.StatusBarAlignment.Right,
    100,
  );
  item.name = vscode.l10n.t("Codex");
  item.command = "chatgpt.openCommandMenu";
  let last = "";
  const render = () => {
    const { connection, rateLimits } = state.snapshot;
    const content = statusBarContent(connection, rateLimits, vscode.l10n);
    const key = JSON.stringify(content);
    if (key === last) return;
    last = key;
    item.text = content.text;
    item.tooltip = content.tooltip;
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
  const subscription = state.onDidChange((change) => {
    if (change.kind === "patch" && (change.patch.connection || "rateLimits" in change.patch)) {
      render();
    }
  });
  // "resets in 12 min" ages; refresh it while nothing else changes.
  const timer = setInterval(render, 60_000);
  return vscode.Disposable.from(item, {
    dispose: () => {
      clearInterval(timer);
      subscription.dispose();
    },
  });
}
