/** `history/list`: One page of past threads, newest first. */
import { defineHandler } from "./context";

export const historyList = defineHandler("history/list", (context, params) =>
  context.bridge.history.list(params.cursor, params.searchTerm),
);
