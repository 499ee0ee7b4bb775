/** Plan mode's way back, shared by the host (Implement, Leave) and the view (what they say). */
import type { ChatMode, ModelChoiceView } from "./viewModel";

/**
 * The mode leaving Plan returns to: the one before it (Agent when unknown, e.g. after a reload),
 * except in Restricted Mode (an untrusted folder), where the only other mode is Chat.
 */
export function modeAfterPlan(
  choice: Pick<ModelChoiceView, "modeBeforePlan">,
  workspaceTrusted: boolean,
): Exclude<ChatMode, "plan"> {
  return workspaceTrusted ? (choice.modeBeforePlan ?? "agent") : "chat";
}
