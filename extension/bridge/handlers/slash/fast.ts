/**
 * `/fast`: turns the model's fast service tier on or off for the turns that follow (as the codex
 * CLI's `/fast` does). The model picker shows it while it is on; a model without a fast tier says
 * so instead.
 */
import { l10n } from "../../../l10n";
import { chosenModel } from "../../fastTier";
import { UserFacingError } from "../../userFacingError";
import type { SlashHandler } from "./types";

export const fast: SlashHandler = async (context) => {
  const { state } = context.bridge;
  const choice = state.snapshot.modelChoice;
  if (choice.fast) {
    state.setModelChoice({ ...choice, fast: false });
    return;
  }
  const model = chosenModel(choice);
  if (!model?.fastTier) {
    throw new UserFacingError(
      l10n.t(
        "{0} offers no fast service tier.",
        model?.displayName ?? choice.model ?? l10n.t("The default model"),
      ),
    );
  }
  state.setModelChoice({ ...choice, fast: true });
};
