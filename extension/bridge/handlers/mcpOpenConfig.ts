/**
 * `mcp/openConfig`: opens the config.toml that declares a server the panel lists, at its
 * `[mcp_servers.<name>]` table. The file comes from codex (`config/read`), never the webview.
 */
import { l10n } from "../../l10n";
import { mcpTableLine } from "../mcpPanel";
import { UserFacingError } from "../userFacingError";
import { defineHandler } from "./context";

export const mcpOpenConfig = defineHandler("mcp/openConfig", async (context, params) => {
  const file = await context.bridge.mcp.configFile(params.server);
  if (!file) {
    throw new UserFacingError(
      l10n.t("Codex does not say which config.toml declares {0}.", params.server),
    );
  }
  const text = await context.editor.readText(file);
  const line = text === undefined ? null : mcpTableLine(text, params.server);
  await context.editor.openFile(file, line ?? undefined);
  return {};
});
