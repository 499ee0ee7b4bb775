/**
 * The message box: the draft and its attachments, and what happens on Send. Its parts: queued
 * follow-ups (QueuedList), the editor-context toggle and attachment chips (AttachmentChips), the
 * textarea (ComposerInput) with its `@` / `/` suggestions (ComposerSuggestions), and the row of
 * pickers with Stop / Send (ComposerToolbar).
 *
 * Attachments live in memory; images are persisted with the view state only up to a size cap
 * (viewState.ts). An image that was not persisted shows after a reload as a "removed on reload"
 * chip rather than silently disappearing.
 *
 * A message that is a slash command is sent as `chat/slashCommand`. The context toggle sends the
 * active editor's selection or file with the message (the host reads it on send).
 */
import { onComposerText } from "../state/composerText";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Attachment } from "../../protocol/webview/messages";
import {
  isViewSlashCommand,
  parseSlashCommand,
  type ViewSlashCommandName,
} from "../../protocol/webview/slashCommands";
import { openPicker } from "../state/pickerRequests";
import { channel, errorMessage, request } from "../host";
import { t } from "../l10n";
import { turnRunning, useView } from "../state/store";
import { hasSavedViewState, readViewState, splitPersistable, updateViewState } from "../viewState";
import { AttachmentChips, attachmentKey } from "./AttachmentChips";
import { ErrorText, Icon } from "./common";
import { ComposerInput } from "./ComposerInput";
import { useComposerSuggestions } from "./ComposerSuggestions";
import { ComposerToolbar } from "./ComposerToolbar";
import { flipsFollowUp, shouldSend } from "./composerKeys";
import { EditorContextToggle } from "./EditorContextToggle";
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGES_AT_ONCE,
  readImages,
  type ImageProblem,
} from "./imageAttachments";
import { PlanModeBar } from "./PlanModeBar";
import { QueuedList } from "./QueuedList";

const DRAFT_DEBOUNCE_MS = 300;

/** Send shows a message on its way this long after the click: two 60 Hz frames. */
const SENDING_SHOWN_AFTER_MS = 33;

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

export function Composer() {
  const behavior = useView((view) => view.settings.composerEnterBehavior);
  const queueMode = useView((view) => view.settings.followUpQueueMode);
  const hostDraft = useView((view) => view.draft);
  const running = useView(turnRunning);
  // The view's own saved draft wins, even when empty (it was sent); the host's copy is for a
  // view that has no state of its own yet.
  const [text, setText] = useState(() =>
    hasSavedViewState() ? readViewState().draft : hostDraft || "",
  );
  const [attachments, setAttachments] = useState<Attachment[]>(() => readViewState().attachments);
  // Names of images the last reload dropped; informational, never sent.
  const [removedImages, setRemovedImages] = useState<string[]>(() => readViewState().removedImages);
  // `sendingRef` refuses a second send at once; `sending` shows it, a moment later.
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const sendingShownTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(sendingShownTimer.current), []);
  // A message sent while codex still loads the thread waits for it: said, not a silent spinner.
  const loadingThread = useView((view) => view.thread?.loading === true);
  const [error, setError] = useState<string | null>(null);
  const [includeContext, setIncludeContext] = useState(() => readViewState().includeEditorContext);
  const hasEditorContext = useView((view) => Boolean(view.editorContext?.activeFile));
  const contextSelection = useView((view) => view.editorContext?.selection ?? null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>();
  const textRef = useRef(text);
  textRef.current = text;
  const attachmentsRef = useRef(attachments);
  attachmentsRef.current = attachments;
  const removedImagesRef = useRef(removedImages);
  removedImagesRef.current = removedImages;

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
  const addAttachments = (added: Attachment[]) => {
    const seen = new Set(attachmentsRef.current.map(attachmentKey));
    const fresh = added.filter((a) => !seen.has(attachmentKey(a)));
    if (fresh.length > 0) changeAttachments([...attachmentsRef.current, ...fresh]);
  };
  const dismissRemoved = (index: number) => {
    const next = removedImages.filter((_, i) => i !== index);
    setRemovedImages(next);
    persist(attachmentsRef.current, next);
  };

  const suggestions = useComposerSuggestions({
    text,
    textareaRef,
    textRef,
    onText: changeText,
    onAttach: addAttachments,
  });

  useEffect(() => () => clearTimeout(draftTimer.current), []);

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
      if (params.attachments?.length) addAttachments(params.attachments);
    });
    const focus = channel().on("composer/focus", () => textareaRef.current?.focus());
    // Edit and resend: the message comes back, replacing the draft.
    const replace = onComposerText((next) => {
      changeText(next);
      setTimeout(() => textareaRef.current?.focus(), 0);
    });
    return () => {
      replace.dispose();
      insert.dispose();
      focus.dispose();
    };
    // The handlers read current values through refs.
  }, []);

  const attachImages = (files: File[]) => {
    if (files.length === 0) return;
    void readImages(files).then(({ images, problems }) => {
      addAttachments(images);
      setError(problems.length > 0 ? problems.map(imageProblemText).join(" ") : null);
    });
  };

  const toggleContext = (next: boolean) => {
    setIncludeContext(next);
    updateViewState({ includeEditorContext: next });
  };

  // The selection is already attached (Add Selection): one chip for it, and it goes out once.
  const contextAttached =
    contextSelection !== null &&
    attachments.some(
      (attachment) =>
        attachment.kind === "selection" &&
        attachment.path === contextSelection.path &&
        attachment.startLine === contextSelection.startLine &&
        attachment.endLine === contextSelection.endLine,
    );

  /** `flip`: Ctrl/Cmd+Shift+Enter, queue instead of steer (or the other way) while a turn runs. */
  const submit = (flip = false) => {
    if (sendingRef.current) return;
    const message = text;
    const command = attachments.length === 0 ? parseSlashCommand(message) : null;
    if (command && isViewSlashCommand(command.command)) {
      runViewCommand(command.command);
      return;
    }
    if (command) {
      setError(null);
      showSendingSoon();
      request("chat/slashCommand", command)
        .then(() => {
          if (textRef.current === message) changeText("", true);
        })
        .catch((err: unknown) => setError(errorMessage(err)))
        .finally(endSending);
      return;
    }
    if (!message.trim() && attachments.length === 0) return;
    setError(null);
    showSendingSoon();
    request("chat/send", {
      text: message,
      attachments,
      ...(flip && running ? { followUp: queueMode === "queue" ? "steer" : "queue" } : {}),
      ...(includeContext && hasEditorContext && !contextAttached
        ? { includeEditorContext: true }
        : {}),
    })
      .then(() => {
        // Only clear what was sent: the user may have kept typing meanwhile.
        if (textRef.current === message) changeText("", true);
        removedImagesRef.current = [];
        setRemovedImages([]);
        changeAttachments([]);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(endSending);
  };

  /**
   * A message is on its way: a second send is refused at once, and Send shows it two frames
   * later. The webview shares the workbench's main thread, and VS Code passes the message on in
   * steps (a frame hop, then a timer that writes it to the extension host): restyling the
   * toolkit button at once put its render and its frame ahead of those steps (bench 6).
   */
  const showSendingSoon = () => {
    sendingRef.current = true;
    sendingShownTimer.current = setTimeout(() => setSending(true), SENDING_SHOWN_AFTER_MS);
  };
  const endSending = () => {
    sendingRef.current = false;
    clearTimeout(sendingShownTimer.current);
    setSending(false);
  };

  /**
   * `/model`, `/reasoning`, `/approvals` open their picker; `/skills` opens the `$` menu;
   * `/auto-context` flips the editor-context toggle.
   */
  const runViewCommand = (command: ViewSlashCommandName) => {
    setError(null);
    if (command === "auto-context") {
      changeText("", true);
      toggleContext(!includeContext);
      return;
    }
    if (command === "skills") {
      changeText("$", true);
      suggestions.updateMention("$", 1);
      focusComposer(1);
      return;
    }
    changeText("", true);
    openPicker(command === "reasoning" ? "effort" : command === "approvals" ? "mode" : "model");
  };

  const focusComposer = (caret: number) =>
    setTimeout(() => {
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(caret, caret);
    }, 0);

  const placeholder = running
    ? queueMode === "queue"
      ? t("composer.placeholderQueue")
      : t("composer.placeholderSteer")
    : t("composer.placeholder");

  return (
    <div class="composer">
      <PlanModeBar />
      <QueuedList />
      <div class="composer-box">
        {suggestions.popup}
        <div class="composer-chips">
          {!contextAttached && <EditorContextToggle on={includeContext} onChange={toggleContext} />}
          <AttachmentChips
            attachments={attachments}
            removedImages={removedImages}
            onRemove={(key) =>
              changeAttachments(attachments.filter((a) => attachmentKey(a) !== key))
            }
            onDismissRemoved={dismissRemoved}
          />
        </div>
        <ComposerInput
          text={text}
          placeholder={placeholder}
          textareaRef={textareaRef}
          suggestions={suggestions}
          onText={changeText}
          onSubmitKey={(event) => {
            if (shouldSend(event, behavior, text)) {
              event.preventDefault();
              submit(flipsFollowUp(event));
            }
          }}
          onImages={attachImages}
          onRefusedDrop={(name) => setError(t("composer.image.unreadable", name))}
        />
        <ComposerToolbar
          running={running}
          sending={sending}
          canSend={Boolean(text.trim()) || attachments.length > 0}
          queues={running && queueMode === "queue"}
          flipHint={
            running
              ? queueMode === "queue"
                ? t("composer.flip.steer")
                : t("composer.flip.queue")
              : undefined
          }
          onSend={() => submit()}
        />
      </div>
      {sending && loadingThread && (
        <p class="composer-waiting" role="status">
          <Icon name="loading" spin />
          <span>{t("composer.loadingThread")}</span>
        </p>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
