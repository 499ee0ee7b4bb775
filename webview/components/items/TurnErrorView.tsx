/**
 * A failed turn's error, shown once, where it happened: the reason in plain words (codex's own
 * message under Details), and what helps: Retry on the thread's last turn, Sign in for a
 * rejected key.
 */
import type { TurnError } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { turnRunning, useView } from "../../state/store";
import { Button, Disclosure, Icon, useExpanded } from "../common";
import { turnErrorReason, type TurnErrorReason } from "./turnErrorReason";

function reasonText(reason: TurnErrorReason, openAi: boolean): string {
  switch (reason) {
    case "unauthorized":
      return openAi ? t("turnError.unauthorized") : t("turnError.unauthorizedProvider");
    case "network":
      return openAi ? t("turnError.network") : t("turnError.networkProvider");
    case "overloaded":
      return t("turnError.overloaded");
    case "usageLimit":
      return t("turnError.usageLimit");
    case "rateLimit":
      return t("turnError.rateLimit");
    case "contextWindow":
      return t("turnError.contextWindow");
    case "modelNotFound":
      return t("turnError.modelNotFound");
  }
}

export function TurnErrorView({ error, turnId }: { error: TurnError; turnId: string }) {
  const [open, toggle] = useExpanded(`turnError:${turnId}`, false);
  // Retry is for the last turn, once nothing runs: a new turn with the same message.
  const canRetry = useView((view) => {
    return view.thread?.turns.at(-1)?.id === turnId && !turnRunning(view);
  });
  const accountStatus = useView((view) => view.account.status);
  const reason = turnErrorReason(error);
  const openAi = accountStatus !== "notRequired";
  const details = [reason ? error.message : null, error.additionalDetails]
    .filter(Boolean)
    .join("\n");
  return (
    <div class="notice notice-error turn-error" role="alert">
      <Icon name="error" />
      <div class="notice-body">
        <div class="notice-message">{reason ? reasonText(reason, openAi) : error.message}</div>
        {details && (
          <>
            <Disclosure open={open} onToggle={toggle} label={t("common.details")} />
            {open && <pre class="notice-details">{details}</pre>}
          </>
        )}
        <div class="notice-actions">
          {canRetry && (
            <Button variant="primary" icon="refresh" onClick={() => send("turn/retry", { turnId })}>
              {t("turnError.retry")}
            </Button>
          )}
          {reason === "unauthorized" && openAi && (
            <Button variant="secondary" icon="account" onClick={() => send("account/logout", {})}>
              {t("turnError.signIn")}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
