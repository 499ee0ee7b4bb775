/**
 * While in Plan mode, a bar above the message box says so and offers the way out in one click:
 * users got stuck in plan mode when leaving it was hidden in a menu (openai/codex #14029). Comments
 * on plan steps that wait for the next message are counted here too, so they are never a surprise.
 */
import { useState } from "preact/hooks";
import { modeAfterPlan } from "../../protocol/webview/planMode";
import type { PlanCommentView } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t, type MessageKey } from "../l10n";
import { useView } from "../state/store";
import { Button, ErrorText, Icon } from "./common";

const NO_COMMENTS: readonly PlanCommentView[] = [];

export function PlanModeBar() {
  const planning = useView((view) => view.modelChoice.mode === "plan");
  const backTo = useView((view) => modeAfterPlan(view.modelChoice, view.workspaceTrusted));
  const comments = useView((view) => view.thread?.planComments ?? NO_COMMENTS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!planning && comments.length === 0) return null;

  const leave = () => {
    setBusy(true);
    setError(null);
    request("models/choose", { mode: backTo })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  const backLabel = t("planMode.leaveTitle", t(`mode.${backTo}` as MessageKey));

  return (
    <div class={`plan-mode-bar${planning ? " planning" : ""}`} role="status">
      {planning && (
        <div class="plan-mode-line">
          <Icon name="checklist" />
          <span class="plan-mode-text">{t("planMode.banner")}</span>
          <Button
            variant="secondary"
            class="plan-mode-leave"
            disabled={busy}
            title={backLabel}
            aria-label={`${t("planMode.leave")} — ${backLabel}`}
            onClick={leave}
          >
            {t("planMode.leave")}
          </Button>
        </div>
      )}
      {comments.length > 0 && (
        <div class="plan-mode-line muted">
          <Icon name="comment" />
          <span class="plan-mode-text">
            {comments.length === 1
              ? t("plan.commentsPending.one")
              : t("plan.commentsPending.many", comments.length)}
          </span>
        </div>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
