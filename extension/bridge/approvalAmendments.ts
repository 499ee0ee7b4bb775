/**
 * "Always allow": the rules codex proposes on a command approval, checked before they are sent.
 *
 * The webview shows the rule and sends it back with the user's answer; it never decides alone.
 * The host accepts only a rule codex offers on that very request (protocol/webview/approvalRules:
 * its proposal, and listed in `availableDecisions` when codex sends that list). A rule a script
 * in the webview made up, or widened, is refused.
 */
import type { CommandExecutionApprovalDecision } from "../../protocol/codex/v2/CommandExecutionApprovalDecision";
import type { CommandExecutionRequestApprovalParams } from "../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import type { ApprovalAnswer } from "../../protocol/webview/messages";
import { isOfferedRule, type OfferedRule } from "../../protocol/webview/approvalRules";
import { l10n } from "../l10n";
import { UserFacingError } from "./userFacingError";

/** A rule the user added from a card: what the extension records to list and remove it later. */
export type AddedAllowRule = OfferedRule;

type AmendmentAnswer = Extract<
  ApprovalAnswer,
  { kind: "execpolicyAmendment" | "networkPolicyAmendment" }
>;

/**
 * codex's decision for an "always allow" answer, with the rule it adds; throws UserFacingError
 * when the rule is not one codex offers on this request.
 */
export function amendmentDecision(
  params: CommandExecutionRequestApprovalParams,
  answer: AmendmentAnswer,
): { decision: CommandExecutionApprovalDecision; rule: AddedAllowRule } {
  const rule: AddedAllowRule =
    answer.kind === "execpolicyAmendment"
      ? { kind: "command", prefix: [...answer.prefix] }
      : { kind: "network", host: answer.host, action: answer.action };
  if (!isOfferedRule(params, rule)) {
    throw new UserFacingError(l10n.t("This is not the rule Codex proposed; nothing was added."));
  }
  const decision: CommandExecutionApprovalDecision =
    rule.kind === "command"
      ? { acceptWithExecpolicyAmendment: { execpolicy_amendment: rule.prefix } }
      : {
          applyNetworkPolicyAmendment: {
            network_policy_amendment: { host: rule.host, action: rule.action },
          },
        };
  return { decision, rule };
}
