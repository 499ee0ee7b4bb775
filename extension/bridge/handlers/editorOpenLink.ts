/** `editor/openLink`: opens http(s) links in the browser; every other scheme is refused. */
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

/** The URL when `href` is an absolute http(s) URL, else null. */
export function safeExternalUrl(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
}

export const editorOpenLink = defineHandler("editor/openLink", async (context, params) => {
  const url = safeExternalUrl(params.href);
  if (!url) throw new ChannelRequestError(l10n.t("Only http and https links can be opened."));
  await context.editor.openExternal(url);
  return {};
});
