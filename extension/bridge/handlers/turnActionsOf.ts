/** The checkpoint actions of a handler context, or the user-facing reason they are missing. */
import { l10n } from "../../l10n";
import { UserFacingError } from "../userFacingError";
import type { HandlerContext } from "./context";

export function turnActionsOf(context: HandlerContext) {
  if (!context.turns) {
    throw new UserFacingError(
      l10n.t(
        "Checkpoints are off (a trusted workspace folder and chatgpt.checkpoints.maxDiskMB above 0 turn them on).",
      ),
    );
  }
  return context.turns(context.bridge);
}
