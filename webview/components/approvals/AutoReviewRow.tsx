/**
 * A decision of codex's auto-reviewer, after the item it is about: one line while it checks and
 * when it approves; a block when it denies (what, the risk it saw, its reason) with
 * **Approve anyway**, which the host sends as `thread/approveGuardianDeniedAction`.
 */
import { useState } from "preact/hooks";
import type { AutoReviewView } from "../../../protocol/webview/viewModel";
import { errorMessage, request } from "../../host";
import { localizedMemo, t } from "../../l10n";
import { revealInline, revealMultiline } from "../../../protocol/webview/revealHidden";
import { reviewedAction, type ReviewedActionLabel } from "../../../protocol/webview/reviewedAction";
import { Button, ErrorText, Icon } from "../common";

/** The words around the reviewed action (the command itself needs none). */
function labelText(label: ReviewedActionLabel | null): string | null {
  switch (label?.kind) {
    case "stdin":
      return t("autoReview.action.stdin");
    case "patch":
      return t("autoReview.action.patch", label.files);
    case "network":
      return t("autoReview.action.network", label.target);
    case "mcp":
      return t("autoReview.action.mcp", label.server, label.tool);
    case "permissions":
      return label.reason ?? t("autoReview.action.permissions");
    default:
      return null;
  }
}

const TITLE: Record<AutoReviewView["status"], () => string> = {
  inProgress: () => t("autoReview.inProgress"),
  approved: () => t("autoReview.approved"),
  denied: () => t("autoReview.denied"),
  timedOut: () => t("autoReview.timedOut"),
  aborted: () => t("autoReview.aborted"),
};

function Assessment({ review }: { review: AutoReviewView }) {
  const parts: string[] = [];
  if (review.riskLevel) parts.push(t("autoReview.risk", t(`autoReview.level.${review.riskLevel}`)));
  if (review.userAuthorization) {
    parts.push(t("autoReview.authorization", t(`autoReview.level.${review.userAuthorization}`)));
  }
  return parts.length > 0 ? <div class="muted">{parts.join(" · ")}</div> : null;
}

function ApproveAnyway({ review }: { review: AutoReviewView }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (review.overridden) {
    return (
      <div class="auto-review-note">
        <Icon name="check" /> {t("autoReview.overridden")}
      </div>
    );
  }
  return (
    <>
      <div class="approval-actions">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            request("autoReview/approve", { reviewId: review.id })
              .catch((err: unknown) => setError(errorMessage(err)))
              .finally(() => setBusy(false));
          }}
        >
          {t("autoReview.approveAnyway")}
        </Button>
      </div>
      <div class="muted">{t("autoReview.approveHint")}</div>
      {error && <ErrorText>{error}</ErrorText>}
    </>
  );
}

export const AutoReviewRow = localizedMemo(function AutoReviewRow({
  review,
}: {
  review: AutoReviewView;
}) {
  const title = TITLE[review.status]?.() ?? t("autoReview.inProgress");
  const { code, label } = reviewedAction(review.action);
  const text = labelText(label);
  if (review.status === "inProgress" || review.status === "approved") {
    const approved = review.status === "approved";
    return (
      <div
        class={`auto-review auto-review-line auto-review-${review.status}`}
        title={review.rationale ?? undefined}
      >
        <Icon name={approved ? "pass" : "loading"} spin={!approved} />
        <span>
          {title}
          {approved && review.riskLevel && (
            <span class="muted">
              {` · ${t("autoReview.risk", t(`autoReview.level.${review.riskLevel}`))}`}
            </span>
          )}
        </span>
      </div>
    );
  }
  return (
    <section
      class={`auto-review auto-review-block auto-review-${review.status}`}
      aria-label={title}
    >
      <div class="approval-title">
        <Icon name="shield" />
        <span>{title}</span>
      </div>
      {text && <div>{revealInline(text)}</div>}
      {code && <pre class="approval-command">{revealMultiline(code)}</pre>}
      <Assessment review={review} />
      {review.rationale && <div class="approval-reason">{revealMultiline(review.rationale)}</div>}
      {review.status === "denied" && <ApproveAnyway review={review} />}
    </section>
  );
});
