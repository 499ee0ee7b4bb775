/**
 * What a Codex editor panel restores after a window reload. VS Code hands the serializer the
 * state the webview last saved (`vscode.setState`); the webview keeps the id of the thread it
 * shows there, and the restored panel resumes that thread.
 */

const THREAD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** `value` if it looks like a codex thread id (saved state may be old or corrupt). */
export function plausibleThreadId(value: unknown): string | null {
  return typeof value === "string" && THREAD_ID.test(value) ? value : null;
}

/** The thread id in a panel's saved webview state, if it has a plausible one. */
export function restoredThreadId(state: unknown): string | null {
  if (typeof state !== "object" || state === null) return null;
  return plausibleThreadId((state as { threadId?: unknown }).threadId);
}

/** A panel's tab title: the thread's title (see threadTitle), shortened, else the fallback. */
export function panelTitle(title: string | null, fallback: string, maxLength = 40): string {
  const text = (title ?? "").replace(/\s+/g, " ").trim();
  if (!text) return fallback;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
