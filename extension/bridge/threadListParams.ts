/**
 * The `thread/list` request for a page of past threads as the user sees them: newest first, not
 * archived, optionally only those started in the workspace's folders (codex matches the session
 * cwd exactly) and only those whose title contains a search term. Shared by the History panel
 * (ThreadHistory) and the Threads tree (views/threadsTree.ts).
 */
import type { ThreadListParams } from "../../protocol/codex/v2/ThreadListParams";

export interface ThreadListQuery {
  cursor: string | null;
  limit: number;
  /** Folders whose threads are listed; empty or absent: every project's. */
  folders?: readonly string[];
  searchTerm?: string | null;
}

export function threadListParams(query: ThreadListQuery): ThreadListParams {
  const params: ThreadListParams = {
    cursor: query.cursor,
    limit: query.limit,
    sortKey: "updated_at",
    sortDirection: "desc",
    archived: false,
  };
  if (query.folders && query.folders.length > 0) params.cwd = [...query.folders];
  const term = query.searchTerm?.trim();
  if (term) params.searchTerm = term;
  return params;
}
