/**
 * The thread's goal under the header (`/goal <objective>`), with codex's status for it and a way
 * to clear it; hidden while the thread has none.
 */
import { useState } from "preact/hooks";
import type { ThreadGoal } from "../../protocol/webview/viewModel";
import { errorMessage, request } from "../host";
import { t, type MessageKey } from "../l10n";
import { useView } from "../state/store";
import { Button, ErrorText, Icon } from "./common";

const STATUS_KEYS: Record<ThreadGoal["status"], MessageKey> = {
  active: "goal.status.active",
  paused: "goal.status.paused",
  blocked: "goal.status.blocked",
  usageLimited: "goal.status.usageLimited",
  budgetLimited: "goal.status.budgetLimited",
  complete: "goal.status.complete",
};

/** A status this version does not know keeps codex's word. */
function statusLabel(status: string): string {
  const key = STATUS_KEYS[status as ThreadGoal["status"]];
  return key ? t(key) : status;
}

export function GoalLine() {
  const goal = useView((view) => view.thread?.goal ?? null);
  const [error, setError] = useState<string | null>(null);
  if (!goal) return null;
  const status = statusLabel(goal.status);
  const clear = () => {
    setError(null);
    request("chat/slashCommand", { command: "goal", args: ["clear"] }).catch((err: unknown) =>
      setError(errorMessage(err)),
    );
  };
  return (
    <div class="goal-line" role="status" aria-label={`${t("goal.label")}: ${goal.objective}`}>
      <Icon name="target" />
      <span class="goal-objective ellipsis" title={goal.objective}>
        {goal.objective}
      </span>
      <span class={`goal-status goal-status-${goal.status}`}>{status}</span>
      <Button
        variant="icon"
        icon="close"
        aria-label={t("goal.clear")}
        title={t("goal.clear")}
        onClick={clear}
      />
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
