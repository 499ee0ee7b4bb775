/** Plan mode's way back, shared by the host (Implement, Leave) and the view (what they say). */
import type { ChatMode, ModelChoiceView } from "./viewModel";

/** The mode leaving Plan returns to: the one before it (Agent when unknown, e.g. after a reload). */
export function modeAfterPlan(
  choice: Pick<ModelChoiceView, "modeBeforePlan">,
): Exclude<ChatMode, "plan"> {
  return choice.modeBeforePlan ?? "agent";
}
