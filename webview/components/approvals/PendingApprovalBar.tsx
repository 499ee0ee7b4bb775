/**
 * Pinned above the composer while an approval waits off-screen, so it is never lost; hidden
 * while every waiting card is in view (the card itself asks).
 */
import type { ApprovalView } from "../../../protocol/webview/viewModel";
import { t } from "../../l10n";
import { useView } from "../../state/store";
import { Button, Icon } from "../common";
import { useCardsInView } from "./useCardsInView";

export function PendingApprovalBar({ onReveal }: { onReveal(approval: ApprovalView): void }) {
  const approvals = useView((view) => view.approvals);
  const pending = approvals.filter((approval) => approval.status === "pending");
  const inView = useCardsInView(pending.map((approval) => approval.id));
  const hidden = pending.filter((approval) => !inView.has(approval.id));
  if (hidden.length === 0) return null;
  return (
    <div class="approval-bar" role="region" aria-label={t("approval.bar.label")}>
      <Icon name="shield" />
      {/* The count is in the text too; the badge is the visual cue VS Code uses for counts. */}
      <vscode-badge aria-hidden="true">{pending.length}</vscode-badge>
      <span class="approval-bar-text">
        {pending.length === 1 ? t("approval.bar.one") : t("approval.bar.many", pending.length)}
      </span>
      <Button variant="primary" onClick={() => onReveal(hidden[0]!)}>
        {t("approval.bar.show")}
      </Button>
    </div>
  );
}
