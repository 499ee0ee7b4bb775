/**
 * `plan/implement` ("Implement this plan"): back to the mode the user had before Plan, then
 * "Implement the plan." goes out in the same thread (with any comments on its steps).
 */
import { l10n } from "../../l10n";
import { modeAfterPlan } from "../../../protocol/webview/planMode";
import { defineHandler } from "./context";

export const planImplement = defineHandler("plan/implement", async (context) => {
  const { models, threads, state } = context.bridge;
  const { modelChoice: choice, workspaceTrusted } = state.snapshot;
  const back = modeAfterPlan(choice, workspaceTrusted);
  if (choice.mode === "plan" && !(await models.choose({ mode: back }))) {
    return { applied: false };
  }
  await threads.send(l10n.t("Implement the plan."), []);
  return { applied: true };
});
