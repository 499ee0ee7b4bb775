/**
 * "Always allow commands like this" (and "Always allow/deny this host") on a command approval:
 * the rule codex proposed on the request, shown whole before the user adds it. One click opens
 * the rule; a second adds it. The host checks that what comes back is exactly codex's proposal.
 */
import { useState } from "preact/hooks";
import type { CommandExecutionRequestApprovalParams } from "../../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import { offeredRules, type OfferedRule } from "../../../protocol/webview/approvalRules";
import type { ApprovalAnswer } from "../../../protocol/webview/messages";
import { t } from "../../l10n";
import { revealInline } from "../../../protocol/webview/revealHidden";
import { Button } from "../common";
import { useView } from "../../state/store";

interface Answering {
  busy: boolean;
  answer(value: ApprovalAnswer): void;
}

/** A prefix token as a shell would need it typed: quoted when it holds spaces or specials. */
function shellToken(token: string): string {
  return /^[\w./:=@%+,-]+$/.test(token) ? token : `'${token.replace(/'/g, `'\\''`)}'`;
}

type Proposal = OfferedRule;

function offerLabel(proposal: Proposal): string {
  if (proposal.kind === "command") return t("approval.always.command");
  return proposal.action === "allow"
    ? t("approval.always.networkAllow")
    : t("approval.always.networkDeny");
}

function RuleText({ proposal }: { proposal: Proposal }) {
  if (proposal.kind === "command") {
    return (
      <>
        <div>{t("approval.always.commandRule")}</div>
        <pre class="approval-command approval-rule-text">
          {revealInline(proposal.prefix.map(shellToken).join(" "))} …
        </pre>
        <div class="muted">{t("approval.always.commandScope")}</div>
      </>
    );
  }
  const { host, action } = proposal;
  return (
    <>
      <div>
        {action === "allow"
          ? t("approval.always.networkAllowRule")
          : t("approval.always.networkDenyRule")}
      </div>
      <pre class="approval-command approval-rule-text">{revealInline(host)}</pre>
      <div class="muted">{t("approval.always.networkScope")}</div>
    </>
  );
}

function answerFor(proposal: Proposal): ApprovalAnswer {
  return proposal.kind === "command"
    ? { kind: "execpolicyAmendment", prefix: proposal.prefix }
    : { kind: "networkPolicyAmendment", host: proposal.host, action: proposal.action };
}

export function AlwaysAllow({
  params,
  busy,
  answer,
}: { params: CommandExecutionRequestApprovalParams } & Answering) {
  const proposals = offeredRules(params);
  const [open, setOpen] = useState<number | null>(null);
  // A rule holds in every workspace: Restricted Mode offers Allow once only (the host refuses too).
  const trusted = useView((view) => view.workspaceTrusted);
  if (proposals.length === 0 || !trusted) return null;
  const shown = open === null ? undefined : proposals[open];
  if (!shown) {
    return (
      <div class="approval-always">
        {proposals.map((proposal, index) => (
          <Button
            key={index}
            variant="link"
            icon={proposal.kind === "command" ? "shield" : "globe"}
            disabled={busy}
            onClick={() => setOpen(index)}
          >
            {offerLabel(proposal)}
          </Button>
        ))}
      </div>
    );
  }
  return (
    <div class="approval-rule" role="group" aria-label={offerLabel(shown)}>
      <RuleText proposal={shown} />
      <div class="approval-actions">
        <Button variant="primary" disabled={busy} onClick={() => answer(answerFor(shown))}>
          {shown.kind === "network" && shown.action === "deny"
            ? t("approval.always.confirmDeny")
            : t("approval.always.confirm")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => setOpen(null)}>
          {t("approval.always.back")}
        </Button>
      </div>
    </div>
  );
}
