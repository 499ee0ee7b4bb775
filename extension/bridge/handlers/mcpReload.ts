/** `mcp/reload`: the panel's Reload (codex re-reads config.toml and restarts the servers). */
import { defineHandler } from "./context";

export const mcpReload = defineHandler("mcp/reload", async (context) => {
  await context.bridge.mcp.reload();
  return {};
});
