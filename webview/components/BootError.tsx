/** Shown instead of a blank panel when the host never sent `state/hydrate`, or the UI crashed. */
import { channel } from "../host";
import { t } from "../l10n";
import { Button, Icon } from "./common";

export function BootError({ message }: { message: string }) {
  const reload = () => {
    channel().notify("webview/error", { message: `reload requested: ${message}` });
    location.reload();
  };
  return (
    <div class="boot-error" role="alert">
      <Icon name="warning" />
      <h2>{t("boot.title")}</h2>
      <p>{message}</p>
      <Button variant="primary" icon="refresh" onClick={reload}>
        {t("boot.reload")}
      </Button>
    </div>
  );
}
