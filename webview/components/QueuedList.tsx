/**
 * Follow-ups queued while a turn runs, each removable before it is sent. After Stop they are held:
 * the list says so and each one waits for its own Send.
 */
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, Icon } from "./common";

export function QueuedList() {
  const queued = useView((view) => view.thread?.queued ?? null);
  if (!queued || queued.length === 0) return null;
  const held = queued.some((entry) => entry.held);
  return (
    <div class="queued-box">
      {held ? (
        <p class="queued-held" role="status">
          <Icon name="debug-pause" />
          {t("composer.queueHeld")}
        </p>
      ) : null}
      <ul class="queued" aria-label={t("composer.queued")}>
        {queued.map((entry) => (
          <li key={entry.id} class="queued-item">
            <Icon name="clock" />
            <span class="ellipsis" title={entry.text}>
              {entry.text}
            </span>
            {entry.held ? (
              <Button
                variant="icon"
                icon="send"
                aria-label={t("composer.sendQueued", entry.text.slice(0, 40))}
                title={t("composer.sendQueued", entry.text.slice(0, 40))}
                onClick={() => send("chat/sendQueued", { queuedId: entry.id })}
              />
            ) : null}
            <Button
              variant="icon"
              icon="close"
              aria-label={t("composer.removeQueued", entry.text.slice(0, 40))}
              onClick={() => send("chat/cancelQueued", { queuedId: entry.id })}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
