/** Per-turn rows: the turn's plan checklist and its end (error, interruption, overall diff). */
import type {
  TurnCheckpointView,
  TurnError,
  TurnPlanStep,
} from "../../../protocol/webview/viewModel";
import type { TurnStatus } from "../../../protocol/codex/v2/TurnStatus";
import { send } from "../../host";
import { localizedMemo, t } from "../../l10n";
import { Button, Icon } from "../common";
import { CheckpointSummary } from "./CheckpointSummary";
import { DiffCounts, type DiffStats } from "./diffStats";
import { TurnErrorView } from "./TurnErrorView";

const STEP_ICON: Record<string, string> = {
  completed: "pass-filled",
  inProgress: "circle-large-filled",
  pending: "circle-large-outline",
};

export const TurnPlan = localizedMemo(function TurnPlan({
  plan,
}: {
  plan: { explanation: string | null; steps: TurnPlanStep[] };
}) {
  const done = plan.steps.filter((step) => step.status === "completed").length;
  return (
    <div class="item turn-plan">
      <div class="item-header">
        <Icon name="checklist" />
        <span>{t("plan.progress", done, plan.steps.length)}</span>
      </div>
      {plan.explanation && <div class="muted">{plan.explanation}</div>}
      <ul class="plan-steps" aria-label={t("plan.title")}>
        {plan.steps.map((step, index) => (
          <li key={index} class={`plan-step step-${step.status}`}>
            <Icon
              name={STEP_ICON[step.status] ?? "circle-large-outline"}
              label={t(`plan.status.${step.status}` as "plan.status.pending")}
            />
            <span>{step.step}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});

export const TurnEnd = localizedMemo(function TurnEnd({
  turnId,
  status,
  error,
  added,
  removed,
  checkpoint,
}: {
  turnId: string;
  status: TurnStatus;
  error: TurnError | null;
  /** Lines the turn's applied changes added and removed (props, not an object: memoised). */
  added: number;
  removed: number;
  /** The turn's checkpoint: then its summary replaces the diff line (commands included). */
  checkpoint?: TurnCheckpointView;
}) {
  const stats: DiffStats = { added, removed };
  return (
    <div class="item turn-end">
      {error && <TurnErrorView error={error} turnId={turnId} />}
      {!error && status === "interrupted" && (
        <div class="row-compact muted">
          <Icon name="debug-stop" />
          <span>{t("turn.interrupted")}</span>
        </div>
      )}
      {!error && status === "failed" && (
        <div class="row-compact error-text">
          <Icon name="error" />
          <span>{t("turn.failed")}</span>
        </div>
      )}
      {checkpoint && <CheckpointSummary turnId={turnId} checkpoint={checkpoint} />}
      {!checkpoint && (stats.added > 0 || stats.removed > 0) && (
        <div class="turn-diff">
          <Icon name="git-compare" />
          <span>{t("turn.changes")}</span>
          <DiffCounts stats={stats} />
          <Button
            variant="secondary"
            icon="diff"
            onClick={() => send("editor/openTurnDiff", { turnId })}
          >
            {t("turn.reviewChanges")}
          </Button>
        </div>
      )}
    </div>
  );
});
