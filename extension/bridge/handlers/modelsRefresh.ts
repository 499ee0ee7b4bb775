/** `models/refresh`: Re-reads codex's model list. */
import { describeError } from "../../appServer/errors";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

export const modelsRefresh = defineHandler("models/refresh", async (context) => {
  try {
    return { models: await context.bridge.models.refresh() };
  } catch (error) {
    throw new ChannelRequestError(l10n.t("Could not list models: {0}", describeError(error)));
  }
});
