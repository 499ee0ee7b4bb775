/** `history/list`: One page of past threads, newest first (this workspace's, or all projects'). */
import { defineHandler } from "./context";

export const historyList = defineHandler("history/list", (context, params) =>
  context.bridge.history.list(params.cursor, params.searchTerm, params.allProjects ?? false),
);
