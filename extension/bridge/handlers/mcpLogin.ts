/** `mcp/login`: Sign in to an OAuth MCP server the panel lists (codex's browser flow). */
import { defineHandler } from "./context";

export const mcpLogin = defineHandler("mcp/login", async (context, params) => {
  await context.bridge.mcp.login(params.server);
  return {};
});
