/**
 * The "always allow" rules codex offers on a command approval, read the same way by the card
 * (what it offers) and the host (what it accepts back).
 *
 * codex proposes a command prefix (`proposedExecpolicyAmendment`) and host rules
 * (`proposedNetworkPolicyAmendments`). When it also lists the decisions it takes
 * (`availableDecisions`, experimental: codex sends it only to a client that opted in, see
 * extension/appServer/clientCapabilities.ts, and the stable bindings omit it), only the
 * rules listed there are offered: codex keeps some proposals out of that list on purpose (e.g. a
 * host's deny rule).
 */
import type { CommandExecutionRequestApprovalParams } from "../codex/v2/CommandExecutionRequestApprovalParams";
import type { NetworkPolicyAmendment } from "../codex/v2/NetworkPolicyAmendment";

export type OfferedRule =
  | { kind: "command"; prefix: string[] }
  | { kind: "network"; host: string; action: NetworkPolicyAmendment["action"] };

function sameTokens(a: readonly unknown[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((token, index) => token === b[index]);
}

/** The decision codex lists for `rule`, if its `availableDecisions` has it. */
function listed(available: readonly unknown[], rule: OfferedRule): boolean {
  return available.some((decision) => {
    if (typeof decision !== "object" || decision === null) return false;
    if (rule.kind === "command") {
      const entry = (
        decision as { acceptWithExecpolicyAmendment?: { execpolicy_amendment?: unknown } }
      ).acceptWithExecpolicyAmendment?.execpolicy_amendment;
      return Array.isArray(entry) && sameTokens(entry, rule.prefix);
    }
    const entry = (
      decision as {
        applyNetworkPolicyAmendment?: {
          network_policy_amendment?: Partial<NetworkPolicyAmendment>;
        };
      }
    ).applyNetworkPolicyAmendment?.network_policy_amendment;
    return entry?.host === rule.host && entry.action === rule.action;
  });
}

/** The rules codex offers on this request, in the order the card shows them. */
export function offeredRules(params: CommandExecutionRequestApprovalParams): OfferedRule[] {
  if (params.kind === "writeStdin") return [];
  const proposed: OfferedRule[] = [];
  const prefix = params.proposedExecpolicyAmendment;
  if (prefix && prefix.length > 0) proposed.push({ kind: "command", prefix: [...prefix] });
  for (const { host, action } of params.proposedNetworkPolicyAmendments ?? []) {
    proposed.push({ kind: "network", host, action });
  }
  const available: unknown = (params as { availableDecisions?: unknown }).availableDecisions;
  return Array.isArray(available) ? proposed.filter((rule) => listed(available, rule)) : proposed;
}

/** True when `rule` is exactly one codex offers on this request. */
export function isOfferedRule(
  params: CommandExecutionRequestApprovalParams,
  rule: OfferedRule,
): boolean {
  return offeredRules(params).some((offered) =>
    offered.kind === "command"
      ? rule.kind === "command" && sameTokens(offered.prefix, rule.prefix)
      : rule.kind === "network" && offered.host === rule.host && offered.action === rule.action,
  );
}
