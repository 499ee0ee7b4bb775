/**
 * Whether `thread/list` with the workspace folders as its `cwd` filter (bridge/threadListParams.ts)
 * lists a thread once codex has it on disk: the Threads tree shows a thread started in this
 * window before codex lists it only if codex will. codex matches the session cwd exactly; the
 * folders are VS Code's paths and the thread's cwd comes back through the connection's path
 * mapping (connection/pathMapping.ts), which under WSL spells a drive `C:\` where VS Code spells
 * it `c:\`, so Windows paths compare without case and separator differences.
 */
import type { Thread } from "../../protocol/codex/v2/Thread";

export function listedInFolders(
  thread: Pick<Thread, "cwd" | "ephemeral" | "source">,
  folders: readonly string[],
): boolean {
  // Never on disk, or not an interactive source (thread/list's default): never listed.
  if (thread.ephemeral) return false;
  if (typeof thread.source === "object" && "subAgent" in thread.source) return false;
  const cwd = comparable(thread.cwd);
  return folders.some((folder) => comparable(folder) === cwd);
}

function comparable(path: string): string {
  const windows = /^[A-Za-z]:|^[\\/]{2}[^\\/]/.test(path);
  if (!windows) return path.length > 1 ? path.replace(/\/+$/, "") : path;
  return path.replace(/\//g, "\\").replace(/\\+$/, "").toLowerCase();
}
