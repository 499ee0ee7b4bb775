/**
 * Follow-ups queued while a turn runs: each can be edited (in place: Enter saves, Escape cancels),
 * moved up or down, and removed before it is sent. After Stop (or after a reload) they are held:
 * the list says so and each one waits for its own Send. The host keeps the queue, so it survives
 * a reload of the view or the window.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { QueuedMessageView } from "../../protocol/webview/viewModel";
import { errorMessage, request, send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Button, ErrorText, Icon } from "./common";

export function QueuedList() {
  const queued = useView((view) => view.thread?.queued ?? null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        {queued.map((entry, index) =>
          editing === entry.id ? (
            <QueuedEditor
              key={entry.id}
              entry={entry}
              onDone={(problem) => {
                setError(problem);
                if (!problem) setEditing(null);
              }}
              onCancel={() => {
                setError(null);
                setEditing(null);
              }}
            />
          ) : (
            <QueuedRow
              key={entry.id}
              entry={entry}
              first={index === 0}
              last={index === queued.length - 1}
              onEdit={() => {
                setError(null);
                setEditing(entry.id);
              }}
            />
          ),
        )}
      </ul>
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}

function QueuedRow({
  entry,
  first,
  last,
  onEdit,
}: {
  entry: QueuedMessageView;
  first: boolean;
  last: boolean;
  onEdit(): void;
}) {
  const short = entry.text.slice(0, 40);
  const move = (offset: -1 | 1) => send("chat/moveQueued", { queuedId: entry.id, offset });
  return (
    <li class="queued-item">
      <Icon name="clock" />
      <span class="ellipsis" title={entry.text}>
        {entry.text}
      </span>
      <span class="queued-actions">
        {/* Edit and move show on hover or keyboard focus, so a narrow view keeps the text. */}
        <span class="queued-more">
          <Action icon="edit" label={t("composer.editQueued", short)} onClick={onEdit} />
          {!first && (
            <Action
              icon="arrow-up"
              label={t("composer.moveQueuedUp", short)}
              onClick={() => move(-1)}
            />
          )}
          {!last && (
            <Action
              icon="arrow-down"
              label={t("composer.moveQueuedDown", short)}
              onClick={() => move(1)}
            />
          )}
        </span>
        {entry.held ? (
          <Action
            icon="send"
            label={t("composer.sendQueued", short)}
            onClick={() => send("chat/sendQueued", { queuedId: entry.id })}
          />
        ) : null}
        <Action
          icon="close"
          label={t("composer.removeQueued", short)}
          onClick={() => send("chat/cancelQueued", { queuedId: entry.id })}
        />
      </span>
    </li>
  );
}

/** An icon button whose label is also its tooltip. */
function Action({ icon, label, onClick }: { icon: string; label: string; onClick(): void }) {
  return <Button variant="icon" icon={icon} aria-label={label} title={label} onClick={onClick} />;
}

function QueuedEditor({
  entry,
  onDone,
  onCancel,
}: {
  entry: QueuedMessageView;
  /** null: saved. */
  onDone(problem: string | null): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(entry.text);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const save = () =>
    request("chat/editQueued", { queuedId: entry.id, text })
      .then(() => onDone(null))
      .catch((err: unknown) => onDone(errorMessage(err)));
  return (
    <li class="queued-item queued-editing">
      <textarea
        class="queued-input"
        rows={2}
        value={text}
        aria-label={t("composer.editQueuedLabel")}
        ref={inputRef}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void save();
          } else if (event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            onCancel();
          }
        }}
      />
      <span class="queued-actions">
        <Action icon="check" label={t("composer.saveQueued")} onClick={() => void save()} />
        <Action icon="discard" label={t("composer.cancelEditQueued")} onClick={onCancel} />
      </span>
    </li>
  );
}
