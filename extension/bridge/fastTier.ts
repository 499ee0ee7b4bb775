/**
 * `/fast`: the model's fast service tier. codex lists a model's tiers in `model/list`
 * (`serviceTiers`; older catalogs only `additionalSpeedTiers`), and `turn/start` takes one as
 * `serviceTier`, kept by the thread for the turns after it (`null` clears it). The fast tier goes
 * by different ids across catalogs ("fast", "priority"), so it is found by id or name.
 */
import type { Model } from "../../protocol/codex/v2/Model";
import type { ModelChoiceView, ModelOption } from "../../protocol/webview/viewModel";

const FAST = /\b(fast|priority)\b/i;

/** The id of `model`'s fast tier, if it offers one (an older codex lists no tiers at all). */
export function fastTierOf(
  model: Pick<Model, "serviceTiers" | "additionalSpeedTiers">,
): string | undefined {
  const tier = (model.serviceTiers ?? []).find((candidate) =>
    FAST.test(`${candidate.id} ${candidate.name}`),
  );
  return tier?.id ?? (model.additionalSpeedTiers ?? []).find((id) => FAST.test(id));
}

/** The model that answers for `choice`: the chosen one, or the list's default. */
export function chosenModel(choice: ModelChoiceView): ModelOption | undefined {
  return (
    choice.models.find((option) => option.model === choice.model) ??
    (choice.model === null ? choice.models.find((option) => option.isDefault) : undefined)
  );
}

/** The service tier turns go with: the fast tier while `/fast` is on and the model has one. */
export function activeServiceTier(choice: ModelChoiceView): string | null {
  return choice.fast ? (chosenModel(choice)?.fastTier ?? null) : null;
}
