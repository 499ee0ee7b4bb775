/** `readSetting` over VS Code's live configuration. */
import vscode = require("vscode");

import { readSetting, type SettingName, type SettingValue } from "./settings";

export function setting<N extends SettingName>(name: N): SettingValue<N> {
  return readSetting(vscode.workspace.getConfiguration(), name);
}
