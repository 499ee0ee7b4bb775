/** Who is signed in, on which plan, and Sign out. */
import type { Account } from "../../protocol/webview/viewModel";
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, Icon } from "./common";

function describe(account: Account): { name: string; plan: string | null } {
  switch (account.type) {
    case "chatgpt":
      return {
        name: account.email ?? account.workspaceName ?? t("account.chatgpt"),
        plan: account.planType,
      };
    case "apiKey":
      return { name: t("account.apiKey"), plan: null };
    case "amazonBedrock":
      return { name: t("account.bedrock"), plan: null };
    case "gcp":
      return { name: t("account.gcp"), plan: null };
    default:
      return { name: t("account.unknown"), plan: null };
  }
}

export function AccountPanel({ onClose }: { onClose(): void }) {
  const account = useView((view) => view.account);
  return (
    <section class="panel account-panel" aria-labelledby="account-title">
      <div class="panel-header">
        <h2 id="account-title">{t("account.title")}</h2>
        <Button variant="icon" icon="close" aria-label={t("common.close")} onClick={onClose} />
      </div>
      {account.status === "signedIn" ? (
        (() => {
          const { name, plan } = describe(account.account);
          return (
            <div class="account-body">
              <div class="account-line">
                <Icon name="account" />
                <span>{name}</span>
              </div>
              {plan && <div class="muted">{t("account.plan", plan)}</div>}
              <Button
                variant="secondary"
                icon="sign-out"
                onClick={() => {
                  send("account/logout", {});
                  onClose();
                }}
              >
                {t("account.signOut")}
              </Button>
            </div>
          );
        })()
      ) : account.status === "notRequired" ? (
        <div class="muted">{t("account.notRequired")}</div>
      ) : (
        <div class="muted">{t("account.notSignedIn")}</div>
      )}
    </section>
  );
}
