/** `composer/resolveContext`: the attachment for a picked `@problems`, `@terminal`, `@changes`, `@selection` or line range. */
import { l10n } from "../../l10n";
import { defineHandler } from "./context";
import { realPathInsideWorkspace } from "./editorOpenFile";

export const composerResolveContext = defineHandler(
  "composer/resolveContext",
  async (context, params) => {
    // The webview names the file of a line range: the host reads it only inside the workspace
    // (real paths, so a symlink cannot lead out to ~/.codex/auth.json).
    if (params.source === "lines") {
      const inside = await realPathInsideWorkspace(params.path, context.editor.workspaceFolders());
      if (!inside) {
        return {
          attachment: null,
          reason: l10n.t("Only files inside the workspace can be attached."),
        };
      }
      params = { ...params, path: inside };
    }
    return (await context.contextMentions?.resolve(params)) ?? { attachment: null };
  },
);
