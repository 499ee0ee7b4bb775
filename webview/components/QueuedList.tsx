/** Follow-ups queued while a turn runs, each removable before it is sent. */
import { send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, Icon } from "./common";

export function QueuedList() {
  const queued = useView((view) => view.thread?.queued ?? null);
  if (!queued || queued.length === 0) return null;
  return (
    <ul class="queued" aria-label={t("composer.queued")}>
      {queued.map((entry) => (
        <li key={entry.id} class="queued-item">
          <Icon name="clock" />
          <span class="ellipsis" title={entry.text}>
            {entry.text}
          </span>
          <Button
            variant="icon"
            icon="close"
            aria-label={t("composer.removeQueued", entry.text.slice(0, 40))}
            onClick={() => send("chat/cancelQueued", { queuedId: entry.id })}
          />
        </li>
      ))}
    </ul>
  );
}
