/** The app-server's state when it is not simply "ready": starting, restarting, failed, stopped. */
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, Disclosure, Icon, ProgressRing, useExpanded } from "./common";

export function ConnectionBanner() {
  const connection = useView((view) => view.connection);
  const [open, toggle] = useExpanded("connection:details", false);
  switch (connection.kind) {
    case "ready":
      return null;
    case "starting":
      return (
        <div class="banner banner-info" role="status">
          <ProgressRing />
          <span>{t("connection.starting")}</span>
        </div>
      );
    case "restarting":
      return (
        <div class="banner banner-warning" role="status">
          <ProgressRing />
          <div class="banner-body">
            <div>{t("connection.restarting", connection.attempt)}</div>
            {connection.reason && <div class="muted">{connection.reason}</div>}
          </div>
        </div>
      );
    case "failed":
      return (
        <div class="banner banner-error" role="alert">
          <Icon name="error" />
          <div class="banner-body">
            <div class="banner-title">{t("connection.failed")}</div>
            <div>{connection.reason}</div>
            {connection.details.length > 0 && (
              <>
                <Disclosure open={open} onToggle={toggle} label={t("common.details")} />
                {open && <pre class="notice-details">{connection.details.join("\n")}</pre>}
              </>
            )}
            <Button
              variant="primary"
              icon="debug-restart"
              onClick={() => send("appServer/restart", {})}
            >
              {t("connection.restart")}
            </Button>
          </div>
        </div>
      );
    case "stopped":
      return (
        <div class="banner banner-warning" role="status">
          <Icon name="debug-stop" />
          <div class="banner-body">
            <div>{t("connection.stopped")}</div>
            <Button
              variant="secondary"
              icon="debug-start"
              onClick={() => send("appServer/restart", {})}
            >
              {t("connection.start")}
            </Button>
          </div>
        </div>
      );
    default:
      return null;
  }
}
