/** `/mcp`: the configured MCP servers with their tools and auth state, as a card. */
import type { ListMcpServerStatusParams } from "../../../../protocol/codex/v2/ListMcpServerStatusParams";
import type { McpServerStatus } from "../../../../protocol/codex/v2/McpServerStatus";
import { ChannelRequestError } from "../../../../protocol/webview/channel";
import type { McpCardView, McpServerView } from "../../../../protocol/webview/viewModel";
import { describeError, RequestTimeoutError } from "../../../appServer/errors";
import { l10n } from "../../../l10n";
import { nextCardId, type SlashHandler } from "./types";

/** Pages read at most, and their size: the card is a summary, not an inventory. */
const MAX_PAGES = 5;
const PAGE_SIZE = 50;
const MAX_TOOLS_PER_SERVER = 100;
const MAX_DESCRIPTION = 300;
/**
 * codex 0.169.0 answers `mcpServerStatus/list` only once every server has started or reached its
 * `startup_timeout_sec` (default 30 s; it then lists that server with "timed out handshaking").
 * The client's default 30 s request timeout fired just before that answer, so one stuck server
 * hid all the others behind a timeout.
 */
export const MCP_LIST_TIMEOUT_MS = 60_000;

export function mcpServerView(status: McpServerStatus): McpServerView {
  const tools = Object.values(status.tools)
    .filter((tool) => tool !== undefined)
    .map((tool) => ({
      name: tool.title || tool.name,
      description: tool.description ? tool.description.slice(0, MAX_DESCRIPTION) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_TOOLS_PER_SERVER);
  return {
    name: status.name,
    status: status.runtimeStatus,
    auth: status.authStatus,
    tools,
    toolsError: status.toolsError,
  };
}

export const mcp: SlashHandler = async (context) => {
  const { port, state, threads } = context.bridge;
  const servers: McpServerView[] = [];
  let cursor: string | null = null;
  let truncated = false;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: ListMcpServerStatusParams = {
        cursor,
        limit: PAGE_SIZE,
        detail: "toolsAndAuthOnly",
        threadId: threads.currentThreadId ?? null,
      };
      const response = await port.request("mcpServerStatus/list", params, {
        timeoutMs: MCP_LIST_TIMEOUT_MS,
      });
      servers.push(...response.data.map(mcpServerView));
      cursor = response.nextCursor;
      if (!cursor) break;
      if (page === MAX_PAGES - 1) truncated = true;
    }
  } catch (error) {
    throw new ChannelRequestError(
      error instanceof RequestTimeoutError
        ? l10n.t(
            "Could not list the MCP servers: {0} An MCP server may be slow to start (see its startup_timeout_sec in config.toml).",
            describeError(error),
          )
        : l10n.t("Could not list the MCP servers: {0}", describeError(error)),
    );
  }
  const card: McpCardView = { id: nextCardId("mcp"), kind: "mcp", servers, truncated };
  state.showCard(card);
};
