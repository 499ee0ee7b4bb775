/** The notices the user asked never to see again ("Don't show again"), kept in global state. */
import type vscode = require("vscode");

import type { NoticeMemory } from "../bridge/noticeBoard";

const SILENCED_KEY = "codex.silencedNotices";

export function silencedNotices(globalState: vscode.Memento): NoticeMemory {
  const read = () => globalState.get<string[]>(SILENCED_KEY) ?? [];
  return {
    isSuppressed: (key) => read().includes(key),
    suppress: (key) => {
      if (!read().includes(key)) void globalState.update(SILENCED_KEY, [...read(), key]);
    },
  };
}
