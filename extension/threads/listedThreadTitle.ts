/**
 * What a thread codex lists (`thread/list`, `thread/read`: a name and a preview, no turns) is
 * called wherever the host names it: the Threads tree, its notifications, the History panel
 * (sent in `ThreadSummary.title`) and an exported file's name and heading. One function, so a
 * thread has one name in all of them. No `vscode`: the host's l10n. (A thread on screen, turns
 * loaded, is titled by protocol/webview/threadTitle.ts.)
 */
import type { Thread } from "../../protocol/codex/v2/Thread";
import { l10n } from "../l10n";

/** A first line longer than this is cut: a title is read at a glance. */
const MAX_TITLE_CHARS = 120;

/** The thread's name, else the first line of its preview, else "New thread". */
export function listedThreadTitle(thread: Pick<Thread, "name" | "preview">): string {
  const name = thread.name?.trim();
  if (name) return name;
  const firstLine = thread.preview.trim().split("\n")[0]?.trim().slice(0, MAX_TITLE_CHARS);
  return firstLine || l10n.t("New thread");
}
