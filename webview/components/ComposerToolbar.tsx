/**
 * The row under the message: the mode / model / effort pickers on the left, the context meter,
 * Stop and Send on the right, on one line (the pickers give up width first, see index.css).
 */
import { send } from "../host";
import { t } from "../l10n";
import { Button } from "./common";
import { ContextMeter } from "./ContextMeter";
import { Pickers } from "./Pickers";

export function ComposerToolbar({
  running,
  sending,
  canSend,
  queues,
  flipHint,
  onSend,
}: {
  running: boolean;
  /** A message is on its way (a new thread may be starting): Send shows progress. */
  sending: boolean;
  canSend: boolean;
  /** Send queues the message behind the running turn. */
  queues: boolean;
  /** While a turn runs: what Ctrl/Cmd+Shift+Enter does instead. */
  flipHint?: string;
  onSend(): void;
}) {
  const sendLabel = queues ? t("composer.queue") : t("composer.send");
  return (
    <div class="composer-toolbar">
      <Pickers />
      <div class="composer-actions">
        <ContextMeter />
        {/* Stop and Send stay mounted and are hidden instead: the toolkit builds a button's
            shadow DOM when it mounts and tears it down when it unmounts, work that would fall
            between the click on Send and the first token of the answer. While a turn runs,
            Stop takes Send's place until there is something to queue. */}
        <Button
          variant="icon"
          icon="debug-stop"
          class="stop-button"
          hidden={!running}
          aria-label={t("composer.stop")}
          title={t("composer.stop")}
          onClick={() => send("chat/interrupt", {})}
        />
        <Button
          variant="primary"
          icon={sending ? "loading" : "send"}
          spin={sending}
          class="send-button"
          hidden={running && !canSend && !sending}
          disabled={sending || !canSend}
          aria-label={sendLabel}
          title={
            sending ? t("composer.sending") : flipHint ? `${sendLabel}\n${flipHint}` : sendLabel
          }
          onClick={onSend}
        />
      </div>
    </div>
  );
}
