/**
 * `chat/slashCommand`: runs a composer slash command. The webview parsed it; the host parses
 * the same text again (argument count, branch name) before dispatching to its handler.
 */
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { isViewSlashCommand, parseSlashCommand } from "../../../protocol/webview/slashCommands";
import { defineHandler } from "./context";
import { slashHandlers } from "./slash/index";

export const chatSlashCommand = defineHandler("chat/slashCommand", async (context, params) => {
  const parsed = parseSlashCommand(`/${[params.command, ...params.args].join(" ")}`);
  if (!parsed || parsed.command !== params.command || parsed.args.length !== params.args.length) {
    throw new ChannelRequestError(l10n.t("/{0} does not take those arguments.", params.command));
  }
  if (isViewSlashCommand(parsed.command)) {
    // The webview opens its own picker or menu for these; nothing to do here.
    throw new ChannelRequestError(l10n.t("/{0} runs in the Codex view.", params.command));
  }
  await slashHandlers[parsed.command](context, parsed.args);
  return {};
});
