/** The settings the sidebar shows, read from VS Code's configuration. */
import vscode = require("vscode");

import { settingKeys } from "../config/settings";
import { setting } from "../config/vscodeSettings";
import { effectiveLocale } from "./webviewStrings";

import type { SettingsView } from "../../protocol/webview/viewModel";

/** `chatgpt.reviewDelivery`: where `/review` results go. */
export function reviewDelivery(): "inline" | "detached" {
  return setting("reviewDelivery");
}

const WATCHED = [
  ...settingKeys("composerEnterBehavior", "followUpQueueMode", "localeOverride"),
  "chat.fontSize",
  "chat.editor.fontSize",
];

function positiveNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

export function readSettings(): SettingsView {
  const chat = vscode.workspace.getConfiguration("chat");
  return {
    composerEnterBehavior: setting("composerEnterBehavior"),
    followUpQueueMode: setting("followUpQueueMode"),
    fontSize: positiveNumber(chat.get("fontSize")),
    editorFontSize: positiveNumber(chat.get("editor.fontSize")),
    locale: effectiveLocale(setting("localeOverride"), vscode.env.language),
  };
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return WATCHED.some((section) => event.affectsConfiguration(section));
}
