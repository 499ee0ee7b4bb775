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
 *
 * Typing `@` offers workspace files (`composer/searchFiles`); a pick becomes a file chip. Typing
 * `/` as the whole message offers the slash commands; a message that is a slash command is sent
 * as `chat/slashCommand`. Images pasted or dropped become image chips. The context toggle sends
 * the active editor's selection or file with the message (the host reads it on send).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../protocol/webview/messages";
import { parseSlashCommand } from "../../protocol/webview/slashCommands";
import { channel, errorMessage, request, send } from "../host";
import { t } from "../l10n";
import { useView } from "../state/store";
import { hasSavedViewState, readViewState, splitPersistable, updateViewState } from "../viewState";
import { Button, ErrorText, Icon, basename } from "./common";
import { shouldSend } from "./composerKeys";
import {
  completedSlashText,
  mentionAt,
  removeMention,
  slashSuggestions,
  type MentionToken,
} from "./composerTokens";
import { EditorContextToggle } from "./EditorContextToggle";
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGES_AT_ONCE,
  imageFiles,
  readImages,
  type ImageProblem,
} from "./imageAttachments";
import { Pickers } from "./Pickers";
import { optionId, Suggestions, type Suggestion } from "./Suggestions";
import { useMentionSearch } from "./useMentionSearch";

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

const SUGGESTIONS_ID = "composer-suggestions";

function imageProblemText(problem: ImageProblem): string {
  switch (problem.reason) {
    case "tooLarge":
      return t("composer.image.tooLarge", problem.name, MAX_IMAGE_BYTES / (1024 * 1024));
    case "unreadable":
      return t("composer.image.unreadable", problem.name);
    case "tooMany":
      return t("composer.image.tooMany", MAX_IMAGES_AT_ONCE, problem.name);
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
  // The view's own saved draft wins, even when empty (it was sent); the host's copy is for a
  // view that has no state of its own yet.
  const [text, setText] = useState(() =>
    hasSavedViewState() ? readViewState().draft : hostDraft || "",
  );
  const [attachments, setAttachments] = useState<Attachment[]>(() => readViewState().attachments);
  // Names of images the last reload dropped; informational, never sent.
  const [removedImages, setRemovedImages] = useState<string[]>(() => readViewState().removedImages);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [includeContext, setIncludeContext] = useState(() => readViewState().includeEditorContext);
  const hasEditorContext = useView((view) => Boolean(view.editorContext?.activeFile));
  // The `@` token being typed, and the popup's highlighted row; `dismissed` after Escape.
  const [mention, setMention] = useState<MentionToken | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const mentionResults = useMentionSearch(mention ? mention.query : null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>();
  const textRef = useRef(text);
  textRef.current = text;

  const slashItems = useMemo(() => slashSuggestions(text), [text]);
  const popup: { kind: "mention" | "slash"; items: Suggestion[] } | null = (() => {
    if (mention && dismissed !== `@${mention.start}`) {
      // Until the first answer, keep showing nothing rather than another query's files.
      const files = mentionResults.query === null ? [] : mentionResults.files;
      return {
        kind: "mention",
        items: files.map((file) => ({
          key: file.path,
          label: file.label,
          description: file.description,
          icon: "file",
        })),
      };
    }
    if (slashItems.length > 0 && dismissed !== text) {
      return {
        kind: "slash",
        items: slashItems.map((spec) => ({
          key: spec.name,
          label: spec.usage,
          description: t(spec.descriptionKey),
          icon: "terminal",
        })),
      };
    }
    return null;
  })();
  const activeIndex = popup ? Math.min(active, Math.max(0, popup.items.length - 1)) : 0;

  /** Re-reads the `@` token at the caret (after typing, clicking or moving the caret). */
  const updateMention = (value: string, caret: number | null) => {
    const token = caret === null ? null : mentionAt(value, caret);
    setMention((current) =>
      current?.start === token?.start && current?.query === token?.query ? current : token,
    );
    if (token?.query !== mention?.query) setActive(0);
  };

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

  const addAttachments = (added: Attachment[]) => {
    const seen = new Set(attachmentsRef.current.map(attachmentKey));
    const fresh = added.filter((a) => !seen.has(attachmentKey(a)));
    if (fresh.length > 0) changeAttachments([...attachmentsRef.current, ...fresh]);
  };

  const pick = (index: number) => {
    if (!popup) return;
    const element = textareaRef.current;
    if (popup.kind === "mention" && mention) {
      const file = mentionResults.files[index];
      if (!file) return;
      const { text: next, caret } = removeMention(textRef.current, mention);
      changeText(next);
      setMention(null);
      addAttachments([{ kind: "file", path: file.path }]);
      setTimeout(() => {
        element?.focus();
        element?.setSelectionRange(caret, caret);
      }, 0);
    } else if (popup.kind === "slash") {
      const spec = slashItems[index];
      if (!spec) return;
      const next = completedSlashText(spec);
      changeText(next);
      setTimeout(() => {
        element?.focus();
        element?.setSelectionRange(next.length, next.length);
      }, 0);
    }
    setActive(0);
  };

  const attachImages = (files: File[]) => {
    if (files.length === 0) return;
    void readImages(files).then(({ images, problems }) => {
      addAttachments(images);
      setError(problems.length > 0 ? problems.map(imageProblemText).join(" ") : null);
    });
  };

  const onPaste = (event: ClipboardEvent) => {
    const images = imageFiles(event.clipboardData?.files);
    if (images.length === 0) return; // text pastes as usual
    event.preventDefault();
    attachImages(images);
  };

  const onDragOver = (event: DragEvent) => {
    if (Array.from(event.dataTransfer?.types ?? []).includes("Files")) {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    }
  };

  const onDrop = (event: DragEvent) => {
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    const images = imageFiles(files);
    if (images.length === 0) {
      setError(t("composer.image.unreadable", files[0]!.name));
      return;
    }
    attachImages(images);
  };

  const toggleContext = (next: boolean) => {
    setIncludeContext(next);
    updateViewState({ includeEditorContext: next });
  };

  const submit = () => {
    if (sending) return;
    const message = text;
    const command = attachments.length === 0 ? parseSlashCommand(message) : null;
    if (command) {
      setSending(true);
      setError(null);
      request("chat/slashCommand", command)
        .then(() => {
          if (textRef.current === message) changeText("", true);
        })
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(() => setSending(false));
      return;
    }
    if (!message.trim() && attachments.length === 0) return;
    setSending(true);
    setError(null);
    request("chat/send", {
      text: message,
      attachments,
      ...(includeContext && hasEditorContext ? { includeEditorContext: true } : {}),
    })
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
    if (popup && !event.isComposing) {
      const count = popup.items.length;
      if (event.key === "ArrowDown" && count > 0) {
        event.preventDefault();
        setActive((activeIndex + 1) % count);
        return;
      }
      if (event.key === "ArrowUp" && count > 0) {
        event.preventDefault();
        setActive((activeIndex - 1 + count) % count);
        return;
      }
      if ((event.key === "Enter" || event.key === "Tab") && count > 0 && !event.shiftKey) {
        event.preventDefault();
        pick(activeIndex);
        return;
      }
      if (event.key === "Escape") {
        // Closes the popup only (not the panel around the composer).
        event.preventDefault();
        event.stopPropagation();
        setDismissed(popup.kind === "mention" && mention ? `@${mention.start}` : text);
        return;
      }
    }
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
        {popup && (popup.items.length > 0 || popup.kind === "mention") && (
          <Suggestions
            id={SUGGESTIONS_ID}
            label={
              popup.kind === "mention" ? t("composer.mentions.label") : t("composer.slash.label")
            }
            items={popup.items}
            active={activeIndex}
            onPick={pick}
            onHover={setActive}
            busy={popup.kind === "mention" && mentionResults.busy}
            emptyText={
              popup.kind === "mention"
                ? mentionResults.busy || mentionResults.query === null
                  ? t("composer.mentions.searching")
                  : t("composer.mentions.none")
                : undefined
            }
          />
        )}
        <textarea
          ref={textareaRef}
          class="composer-input"
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-label={t("composer.label")}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={popup && popup.items.length > 0 ? "true" : "false"}
          aria-controls={popup ? SUGGESTIONS_ID : undefined}
          aria-activedescendant={
            popup && popup.items.length > 0 ? optionId(SUGGESTIONS_ID, activeIndex) : undefined
          }
          onInput={(event) => {
            const element = event.currentTarget;
            changeText(element.value);
            updateMention(element.value, element.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(event) => {
            if (
              event.key === "ArrowLeft" ||
              event.key === "ArrowRight" ||
              event.key === "Home" ||
              event.key === "End"
            ) {
              updateMention(event.currentTarget.value, event.currentTarget.selectionStart);
            }
          }}
          onClick={(event) =>
            updateMention(event.currentTarget.value, event.currentTarget.selectionStart)
          }
          onBlur={() => setMention(null)}
          onPaste={onPaste}
          onDragOver={onDragOver}
          onDrop={onDrop}
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
      <div class="composer-footer">
        <EditorContextToggle on={includeContext} onChange={toggleContext} />
        <Pickers />
      </div>
    </div>
  );
}
