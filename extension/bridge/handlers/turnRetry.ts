/** `turn/retry`: the failed turn's message, sent again as a new turn (the Retry on its error). */
import { UserFacingError } from "../userFacingError";
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

export const turnRetry = defineHandler("turn/retry", async (context, params) => {
  const turn = context.bridge.state.thread?.turns.find((each) => each.id === params.turnId);
  const message = turn?.items.find((item) => item.type === "userMessage");
  // Every text part as codex got it (the attached-files list included): the same request again.
  const text =
    message?.type === "userMessage"
      ? message.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n")
      : "";
  if (!text) throw new UserFacingError(l10n.t("That message can no longer be sent again."));
  await context.bridge.threads.send(text, []);
  return {};
});
