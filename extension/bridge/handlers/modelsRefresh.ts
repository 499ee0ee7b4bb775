/** `models/refresh`: Re-reads codex's model list. */
import { describeError } from "../../appServer/errors";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { defineHandler } from "./context";

export const modelsRefresh = defineHandler("models/refresh", async (context) => {
  try {
    return { models: await context.bridge.models.refresh() };
  } catch (error) {
    throw new ChannelRequestError(`Could not list models: ${describeError(error)}`);
  }
});
