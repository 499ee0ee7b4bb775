/** `readSetting` over VS Code's live configuration. */
import vscode = require("vscode");

import {
  readSetting,
  type ConfigurationReader,
  type SettingName,
  type SettingValue,
} from "./settings";

const SECTION = "chatgpt";

/**
 * The `chatgpt` section, read by full keys (`chatgpt.…`, as SETTINGS names them). Not
 * `getConfiguration()`: VS Code copies every top-level key of the section asked for onto the
 * object it returns, for the whole configuration about a millisecond a call at activation.
 */
export function chatgptConfiguration(): ConfigurationReader {
  const section = vscode.workspace.getConfiguration(SECTION);
  const inSection = (key: string) => key.slice(SECTION.length + 1);
  return {
    get: (key) => section.get(inSection(key)),
    inspect: (key) => section.inspect(inSection(key)),
  };
}

export function setting<N extends SettingName>(name: N): SettingValue<N> {
  return readSetting(chatgptConfiguration(), name);
}
