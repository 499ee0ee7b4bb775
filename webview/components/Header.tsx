/**
 * Thread title, History and Account toggles, and the usage meters. New thread is the view's own
 * title-bar action (package.json `view/title`, `editor/title`), as in VS Code's other views.
 */
import { useEffect, useMemo } from "preact/hooks";
import { threadTitle } from "../../protocol/webview/threadTitle";
import { t } from "../l10n";
import { useSelector, useView } from "../state/store";
import { Button } from "./common";
import { GoalLine } from "./GoalLine";
import { Usage } from "./Usage";

export type PanelName = "history" | "account" | null;

export function Header({ panel, onPanel }: { panel: PanelName; onPanel(panel: PanelName): void }) {
  // From the outline, once per change of it: streamed text never renames a thread.
  const outline = useSelector((state) => state.outline);
  const title = useMemo(() => threadTitle(outline), [outline]);
  const threadId = useView((view) => view.thread?.id ?? null);
  // Another thread (a new one from the title bar, or one picked elsewhere) closes the panel.
  useEffect(() => onPanel(null), [threadId]);
  const accountStatus = useView((view) => view.account.status);
  const signedIn = accountStatus === "signedIn";
  const canChat = signedIn || accountStatus === "notRequired";
  return (
    <>
      <header class="header">
        <div class="header-title ellipsis" title={title ?? undefined}>
          {title ?? t("header.newThreadTitle")}
        </div>
        {canChat && <Usage />}
        <div class="header-actions" hidden={!canChat}>
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
      {canChat && <GoalLine />}
    </>
  );
}
