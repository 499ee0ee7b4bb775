/**
 * "Always allow": the rules codex proposes on a command approval, checked before they are sent.
 *
 * The webview shows the rule and sends it back with the user's answer; it never decides alone.
 * The host accepts only the exact rule codex proposed on that very request
 * (`proposedExecpolicyAmendment`, `proposedNetworkPolicyAmendments`), and only when codex offers
 * that decision (`availableDecisions`, sent by codex 0.169.0 although its bindings omit it). A
 * rule a script in the webview made up, or widened, is refused.
 */
import type { CommandExecutionApprovalDecision } from "../../protocol/codex/v2/CommandExecutionApprovalDecision";
import type { CommandExecutionRequestApprovalParams } from "../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import type { NetworkPolicyAmendment } from "../../protocol/codex/v2/NetworkPolicyAmendment";
import type { ApprovalAnswer } from "../../protocol/webview/messages";
import { l10n } from "../l10n";
import { UserFacingError } from "./userFacingError";

/** A rule the user added from a card: what the extension records to list and remove it later. */
export type AddedAllowRule =
  | { kind: "command"; prefix: string[] }
  | { kind: "network"; host: string; action: NetworkPolicyAmendment["action"] };

type AmendmentAnswer = Extract<
  ApprovalAnswer,
  { kind: "execpolicyAmendment" | "networkPolicyAmendment" }
>;

/** The decision variant's key, for matching codex's `availableDecisions`. */
function decisionKey(answer: AmendmentAnswer): string {
  return answer.kind === "execpolicyAmendment"
    ? "acceptWithExecpolicyAmendment"
    : "applyNetworkPolicyAmendment";
}

/** False only when codex listed the decisions it takes and this one is not among them. */
function codexOffers(params: CommandExecutionRequestApprovalParams, key: string): boolean {
  const available: unknown = (params as { availableDecisions?: unknown }).availableDecisions;
  if (!Array.isArray(available)) return true;
  return available.some(
    (decision: unknown) => typeof decision === "object" && decision !== null && key in decision,
  );
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((token, index) => token === b[index]);
}

/**
 * codex's decision for an "always allow" answer, with the rule it adds; throws UserFacingError
 * when the rule is not the one codex proposed on this request.
 */
export function amendmentDecision(
  params: CommandExecutionRequestApprovalParams,
  answer: AmendmentAnswer,
): { decision: CommandExecutionApprovalDecision; rule: AddedAllowRule } {
  if (!codexOffers(params, decisionKey(answer))) {
    throw new UserFacingError(l10n.t("Codex does not offer a rule for this request."));
  }
  if (answer.kind === "execpolicyAmendment") {
    const proposed = params.proposedExecpolicyAmendment;
    if (!proposed || proposed.length === 0 || !sameTokens(proposed, answer.prefix)) {
      throw new UserFacingError(l10n.t("This is not the rule Codex proposed; nothing was added."));
    }
    const prefix = [...proposed];
    return {
      decision: { acceptWithExecpolicyAmendment: { execpolicy_amendment: prefix } },
      rule: { kind: "command", prefix },
    };
  }
  const proposed = (params.proposedNetworkPolicyAmendments ?? []).find(
    (amendment) => amendment.host === answer.host && amendment.action === answer.action,
  );
  if (!proposed) {
    throw new UserFacingError(l10n.t("This is not the rule Codex proposed; nothing was added."));
  }
  return {
    decision: {
      applyNetworkPolicyAmendment: {
        network_policy_amendment: { host: proposed.host, action: proposed.action },
      },
    },
    rule: { kind: "network", host: proposed.host, action: proposed.action },
  };
}
