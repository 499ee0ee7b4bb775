/** Thread title, New thread, History and Account toggles, and the usage meters. */
import { threadTitle } from "../../protocol/webview/threadTitle";
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button } from "./common";
import { Usage } from "./Usage";

export type PanelName = "history" | "account" | null;

export function Header({ panel, onPanel }: { panel: PanelName; onPanel(panel: PanelName): void }) {
  const title = useView((view) => threadTitle(view.thread));
  const accountStatus = useView((view) => view.account.status);
  const signedIn = accountStatus === "signedIn";
  const canChat = signedIn || accountStatus === "notRequired";
  return (
    <header class="header">
      <div class="header-title ellipsis" title={title ?? undefined}>
        {title ?? t("header.newThreadTitle")}
      </div>
      {canChat && <Usage />}
      <div class="header-actions" hidden={!canChat}>
        <Button
          variant="icon"
          icon="add"
          aria-label={t("header.newThread")}
          title={t("header.newThread")}
          onClick={() => {
            onPanel(null);
            send("chat/newThread", {});
          }}
        />
        <Button
          variant="icon"
          icon="history"
          aria-label={t("header.history")}
          title={t("header.history")}
          aria-pressed={panel === "history"}
          onClick={() => onPanel(panel === "history" ? null : "history")}
        />
        {signedIn && (
          <Button
            variant="icon"
            icon="account"
            aria-label={t("header.account")}
            title={t("header.account")}
            aria-pressed={panel === "account"}
            onClick={() => onPanel(panel === "account" ? null : "account")}
          />
        )}
      </div>
    </header>
  );
}
