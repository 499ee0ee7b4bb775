/** What the export command is given and what it suggests: pure, so it is unit-tested. */

/** A file name from the thread's title: letters, digits and dashes. */
export function exportFileName(title: string): string {
  const slug = title
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "codex-thread"}.md`;
}

/** A thread id from the command's argument: an id, a Threads view node, or `{ threadId }`. */
export function threadIdOfTarget(target: unknown): string | undefined {
  if (typeof target === "string" && target) return target;
  if (typeof target !== "object" || target === null) return undefined;
  const node = target as { threadId?: unknown; kind?: unknown; thread?: { id?: unknown } };
  if (typeof node.threadId === "string") return node.threadId;
  if (node.kind === "thread" && typeof node.thread?.id === "string") return node.thread.id;
  return undefined;
}
