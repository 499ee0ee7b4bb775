/**
 * Under an earlier user message: Restore to here (files and conversation back to before this
 * message) and Edit and resend (the same, with the message back in the composer). The host
 * previews, asks natively before overwriting the user's own edits, and does the work.
 */
import { useState } from "preact/hooks";
import { channel, reportError } from "../../host";
import { t } from "../../l10n";
import { turnRunning, useView } from "../../state/store";
import { putInComposer } from "../../state/composerText";
import { Icon, NativeButton } from "../common";

export function MessageRewind({ turnId }: { turnId: string }) {
  const idle = !useView(turnRunning);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rewind = (edit: boolean) => {
    setError(null);
    setBusy(true);
    channel()
      .request("turn/restoreTo", { turnId })
      .then(({ text }) => {
        if (edit && text !== null) putInComposer(text);
      })
      .catch((failure: unknown) => {
        const message = failure instanceof Error ? failure.message : String(failure);
        setError(message);
        reportError(`turn/restoreTo failed: ${message}`);
      })
      .finally(() => setBusy(false));
  };
  // Native buttons, not the toolkit's: every user message has two, mounted as its row scrolls
  // in or appears at a turn's start, where building a toolkit button's shadow DOM each time would
  // delay the answer's first token. Hidden rather than unmounted while a turn runs.
  return (
    <div class="message-rewind" hidden={!idle}>
      <NativeButton
        variant="icon"
        icon="history"
        disabled={busy}
        title={t("rewind.restore")}
        aria-label={t("rewind.restore")}
        onClick={() => rewind(false)}
      />
      <NativeButton
        variant="icon"
        icon="edit"
        disabled={busy}
        title={t("rewind.edit")}
        aria-label={t("rewind.edit")}
        onClick={() => rewind(true)}
      />
      {error && (
        <span class="row-compact error-text" role="alert">
          <Icon name="error" />
          <span>{error}</span>
        </span>
      )}
    </div>
  );
}
