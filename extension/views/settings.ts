/** The settings the sidebar shows, read from VS Code's configuration. */
import vscode = require("vscode");

import { effectiveLocale } from "./webviewStrings";

import type {
  EnterBehavior,
  FollowUpQueueMode,
  SettingsView,
} from "../../protocol/webview/viewModel";

/** `chatgpt.reviewDelivery`: where `/review` results go. */
export function reviewDelivery(): "inline" | "detached" {
  const value = vscode.workspace.getConfiguration("chatgpt").get<string>("reviewDelivery");
  return value === "detached" ? "detached" : "inline";
}

const WATCHED = [
  "chatgpt.composerEnterBehavior",
  "chatgpt.followUpQueueMode",
  "chatgpt.localeOverride",
  "chat.fontSize",
  "chat.editor.fontSize",
];

function positiveNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

export function readSettings(): SettingsView {
  const codex = vscode.workspace.getConfiguration("chatgpt");
  const chat = vscode.workspace.getConfiguration("chat");
  const enter = codex.get<string>("composerEnterBehavior");
  const queue = codex.get<string>("followUpQueueMode");
  return {
    composerEnterBehavior: (["enter", "cmdIfMultiline", "cmdAlways"].includes(enter ?? "")
      ? enter
      : "enter") as EnterBehavior,
    followUpQueueMode: (queue === "steer" ? "steer" : "queue") as FollowUpQueueMode,
    fontSize: positiveNumber(chat.get("fontSize")),
    editorFontSize: positiveNumber(chat.get("editor.fontSize")),
    locale: effectiveLocale(codex.get<string>("localeOverride"), vscode.env.language),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return WATCHED.some((section) => event.affectsConfiguration(section));
}
