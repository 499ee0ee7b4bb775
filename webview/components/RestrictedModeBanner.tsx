/**
 * Restricted Mode (an untrusted workspace), said once, plainly, above the chat: what Codex may
 * not do here and how to change that. Trust is granted in VS Code's own dialog, never here.
 */
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, Disclosure, Icon, useExpanded } from "./common";

export function RestrictedModeBanner() {
  const trusted = useView((view) => view.workspaceTrusted);
  const [open, toggle] = useExpanded("restricted:details", false);
  if (trusted) return null;
  return (
    <div class="banner banner-info restricted-mode" role="status">
      <Icon name="workspace-untrusted" />
      <div class="banner-body">
        <div>
          <span class="banner-title">{t("restricted.title")}</span> {t("restricted.summary")}
        </div>
        <div class="restricted-actions">
          <Button
            variant="secondary"
            icon="workspace-trusted"
            onClick={() => send("workspace/manageTrust", {})}
          >
            {t("restricted.trust")}
          </Button>
          <Disclosure open={open} onToggle={toggle} label={t("restricted.whatIsLimited")} />
        </div>
        {open && (
          <ul class="restricted-limits">
            <li>{t("restricted.limit.readOnly")}</li>
            <li>{t("restricted.limit.modes")}</li>
            <li>{t("restricted.limit.todo")}</li>
            <li>{t("restricted.limit.settings")}</li>
          </ul>
        )}
      </div>
    </div>
  );
}
