/** `approval/answer`: Answers a pending approval with the user's decision. */
import { l10n } from "../../l10n";
import { UserFacingError } from "../userFacingError";
import { defineHandler } from "./context";

export const approvalAnswer = defineHandler("approval/answer", (context, params) => {
  const { kind } = params.answer;
  // "Always allow" makes codex write a rule to CODEX_HOME that holds in every workspace (and
  // runs matching commands without asking): an untrusted folder gets "Allow once" only.
  if (
    (kind === "execpolicyAmendment" || kind === "networkPolicyAmendment") &&
    !context.bridge.state.snapshot.workspaceTrusted
  ) {
    throw new UserFacingError(
      l10n.t(
        "This folder is in Restricted Mode: Codex cannot add an always-allow rule until you trust it.",
      ),
    );
  }
  context.bridge.approvals.answer(params.approvalId, params.answer);
  return {};
});
