/** `/mcp`: the MCP panel (servers, live state, tools, Reload, Sign in; bridge/mcpPanel.ts). */
import type { SlashHandler } from "./types";

export { MCP_LIST_TIMEOUT_MS, mcpServerView } from "../../mcpPanel";

export const mcp: SlashHandler = async (context) => {
  await context.bridge.mcp.show();
};
