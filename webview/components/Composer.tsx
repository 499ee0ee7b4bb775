/**
 * The message box: auto-growing textarea, Enter behaviour from settings, Send / Stop, queued
 * follow-ups, attachment chips, and the model / effort / mode pickers underneath.
 *
 * The textarea stays native: the composer reads and sets the caret (`selectionStart`,
 * `setSelectionRange`) and grows with `scrollHeight`, which `vscode-text-area` keeps inside its
 * shadow root.
 *
 * Attachments live in memory; images are persisted with the view state only up to a size cap
 * (viewState.ts). An image that was not persisted shows after a reload as a "removed on reload"
 * chip rather than silently disappearing.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../protocol/webview/messages";
import { channel, errorMessage, request, send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { readViewState, splitPersistable, updateViewState } from "../viewState";
import { Button, ErrorText, Icon, basename } from "./common";
import { shouldSend } from "./composerKeys";
import { Pickers } from "./Pickers";

const DRAFT_DEBOUNCE_MS = 300;
const MAX_TEXTAREA_PX = 320;

function attachmentKey(attachment: Attachment): string {
  switch (attachment.kind) {
    case "file":
      return `file:${attachment.path}`;
    case "selection":
      return `sel:${attachment.path}:${attachment.startLine}-${attachment.endLine}`;
    case "image":
      return `img:${attachment.name}:${attachment.dataUrl.length}`;
  }
}

function attachmentLabel(attachment: Attachment): string {
  switch (attachment.kind) {
    case "file":
      return basename(attachment.path);
    case "selection":
      return `${basename(attachment.path)}:${attachment.startLine}-${attachment.endLine}`;
    case "image":
      return attachment.name;
  }
}

function QueuedList() {
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

export function Composer() {
  const behavior = useView((view) => view.settings.composerEnterBehavior);
  const queueMode = useView((view) => view.settings.followUpQueueMode);
  const hostDraft = useView((view) => view.draft);
  const running = useView((view) => {
    const turns = view.thread?.turns;
    return (
      turns !== undefined && turns.length > 0 && turns[turns.length - 1]!.status === "inProgress"
    );
  });
  const [text, setText] = useState(() => readViewState().draft || hostDraft || "");
  const [attachments, setAttachments] = useState<Attachment[]>(() => readViewState().attachments);
  // Names of images the last reload dropped; informational, never sent.
  const [removedImages, setRemovedImages] = useState<string[]>(() => readViewState().removedImages);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>();
  const textRef = useRef(text);
  textRef.current = text;

  const changeText = (next: string, immediate = false) => {
    setText(next);
    updateViewState({ draft: next }, immediate);
    clearTimeout(draftTimer.current);
    if (immediate) channel().notify("composer/draftChanged", { text: next });
    else
      draftTimer.current = setTimeout(
        () => channel().notify("composer/draftChanged", { text: next }),
        DRAFT_DEBOUNCE_MS,
      );
  };

  const persist = (nextAttachments: Attachment[], nextRemoved: string[]) => {
    const { persisted, memoryOnly } = splitPersistable(nextAttachments);
    updateViewState({ attachments: persisted, removedImages: [...nextRemoved, ...memoryOnly] });
  };
  const changeAttachments = (next: Attachment[]) => {
    setAttachments(next);
    persist(next, removedImagesRef.current);
  };
  const dismissRemoved = (index: number) => {
    const next = removedImages.filter((_, i) => i !== index);
    setRemovedImages(next);
    persist(attachmentsRef.current, next);
  };
  const attachmentsRef = useRef(attachments);
  attachmentsRef.current = attachments;
  const removedImagesRef = useRef(removedImages);
  removedImagesRef.current = removedImages;

  useEffect(() => () => clearTimeout(draftTimer.current), []);

  useLayoutEffect(() => {
    const element = textareaRef.current;
    if (!element) return;
    element.style.height = "auto";
    const height = element.scrollHeight;
    if (height) element.style.height = `${Math.min(height, MAX_TEXTAREA_PX)}px`;
  }, [text]);

  useEffect(() => {
    const insert = channel().on("composer/insert", (params) => {
      if (params.text) {
        const element = textareaRef.current;
        const current = textRef.current;
        const start = element?.selectionStart ?? current.length;
        const end = element?.selectionEnd ?? current.length;
        const next = current.slice(0, start) + params.text + current.slice(end);
        changeText(next);
        const caret = start + params.text.length;
        setTimeout(() => {
          element?.focus();
          element?.setSelectionRange(caret, caret);
        }, 0);
      }
      if (params.attachments?.length) {
        const seen = new Set(attachmentsRef.current.map(attachmentKey));
        const added = params.attachments.filter((a) => !seen.has(attachmentKey(a)));
        changeAttachments([...attachmentsRef.current, ...added]);
      }
    });
    const focus = channel().on("composer/focus", () => textareaRef.current?.focus());
    return () => {
      insert.dispose();
      focus.dispose();
    };
    // The handlers read current values through refs.
  }, []);

  const submit = () => {
    if (sending) return;
    const message = text;
    if (!message.trim() && attachments.length === 0) return;
    setSending(true);
    setError(null);
    request("chat/send", { text: message, attachments })
      .then(() => {
        // Only clear what was sent: the user may have kept typing meanwhile.
        if (textRef.current === message) changeText("", true);
        removedImagesRef.current = [];
        setRemovedImages([]);
        changeAttachments([]);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setSending(false));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (shouldSend(event, behavior, text)) {
      event.preventDefault();
      submit();
    }
  };

  const placeholder = running
    ? queueMode === "queue"
      ? t("composer.placeholderQueue")
      : t("composer.placeholderSteer")
    : t("composer.placeholder");

  return (
    <div class="composer">
      <QueuedList />
      {(attachments.length > 0 || removedImages.length > 0) && (
        <ul class="chips attachments" aria-label={t("composer.attachments")}>
          {attachments.map((attachment) => {
            const key = attachmentKey(attachment);
            const label = attachmentLabel(attachment);
            return (
              <li key={key}>
                <vscode-tag title={"path" in attachment ? attachment.path : label}>
                  <span class="chip">
                    <Icon
                      name={
                        attachment.kind === "image"
                          ? "file-media"
                          : attachment.kind === "selection"
                            ? "selection"
                            : "file"
                      }
                    />
                    <span class="ellipsis">{label}</span>
                    <Button
                      variant="icon"
                      icon="close"
                      class="chip-remove"
                      aria-label={t("composer.removeAttachment", label)}
                      onClick={() =>
                        changeAttachments(attachments.filter((a) => attachmentKey(a) !== key))
                      }
                    />
                  </span>
                </vscode-tag>
              </li>
            );
          })}
          {removedImages.map((name, index) => (
            <li key={`removed:${index}:${name}`} class="chip-removed-item">
              <vscode-tag title={t("composer.imageRemovedHint")}>
                <span class="chip chip-removed">
                  <Icon name="warning" />
                  <span class="ellipsis">{t("composer.imageRemoved", name)}</span>
                  <Button
                    variant="icon"
                    icon="close"
                    class="chip-remove"
                    aria-label={t("composer.removeAttachment", name)}
                    onClick={() => dismissRemoved(index)}
                  />
                </span>
              </vscode-tag>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-box">
        <textarea
          ref={textareaRef}
          class="composer-input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={t("composer.label")}
          onInput={(event) => changeText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <div class="composer-actions">
          {running && (
            <Button
              variant="icon"
              icon="debug-stop"
              class="stop-button"
              aria-label={t("composer.stop")}
              title={t("composer.stop")}
              onClick={() => send("chat/interrupt", {})}
            />
          )}
          <Button
            variant="primary"
            icon={sending ? "loading" : "send"}
            class="send-button"
            disabled={sending || (!text.trim() && attachments.length === 0)}
            aria-label={running && queueMode === "queue" ? t("composer.queue") : t("composer.send")}
            title={running && queueMode === "queue" ? t("composer.queue") : t("composer.send")}
            onClick={submit}
          />
        </div>
      </div>
      {error && <ErrorText>{error}</ErrorText>}
      <Pickers />
    </div>
  );
}
