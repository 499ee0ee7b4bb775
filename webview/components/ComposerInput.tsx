/**
 * The composer's textarea: grows with its text up to a cap (then scrolls), takes pasted and
 * dropped images, and hands the keyboard to the suggestions popup first.
 *
 * The textarea stays native: the composer reads and sets the caret (`selectionStart`,
 * `setSelectionRange`) and grows with `scrollHeight`, which `vscode-text-area` keeps inside its
 * shadow root.
 */
import { useEffect, useLayoutEffect, type MutableRef } from "preact/hooks";
import { t } from "../l10n";
import type { ComposerSuggestions } from "./ComposerSuggestions";
import { imageFiles } from "./imageAttachments";

const MAX_TEXTAREA_PX = 320;
const CARET_KEYS = new Set(["ArrowLeft", "ArrowRight", "Home", "End"]);

/** Grows the textarea with its content up to the cap. */
function fitHeight(element: HTMLTextAreaElement | null): void {
  if (!element) return;
  element.style.height = "auto";
  const height = element.scrollHeight;
  if (!height) return;
  element.style.height = `${Math.min(height, MAX_TEXTAREA_PX)}px`;
  // No scrollbar (and no scroll arrows beside a wrapped placeholder) until the cap is reached.
  element.style.overflowY = height > MAX_TEXTAREA_PX ? "auto" : "hidden";
}

export function ComposerInput({
  text,
  placeholder,
  textareaRef,
  suggestions,
  onText,
  onSubmitKey,
  onImages,
  onRefusedDrop,
}: {
  text: string;
  placeholder: string;
  textareaRef: MutableRef<HTMLTextAreaElement | null>;
  suggestions: ComposerSuggestions;
  onText(next: string): void;
  /** Keys the popup did not use (Enter may send). */
  onSubmitKey(event: KeyboardEvent): void;
  onImages(files: File[]): void;
  /** Files were dropped but none is an image: the first one's name. */
  onRefusedDrop(name: string): void;
}) {
  useLayoutEffect(() => fitHeight(textareaRef.current), [text, placeholder]);
  // A narrower view wraps the text (or the placeholder) onto more lines.
  useEffect(() => {
    const onResize = () => fitHeight(textareaRef.current);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  const onPaste = (event: ClipboardEvent) => {
    const images = imageFiles(event.clipboardData?.files);
    if (images.length === 0) return; // text pastes as usual
    event.preventDefault();
    onImages(images);
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
    if (images.length === 0) onRefusedDrop(files[0]!.name);
    else onImages(images);
  };

  return (
    <textarea
      ref={textareaRef}
      class="composer-input"
      rows={1}
      value={text}
      placeholder={placeholder}
      aria-label={t("composer.label")}
      {...suggestions.inputProps}
      onInput={(event) => {
        const element = event.currentTarget;
        onText(element.value);
        suggestions.updateMention(element.value, element.selectionStart);
      }}
      onKeyDown={(event) => {
        if (!suggestions.onKeyDown(event)) onSubmitKey(event);
      }}
      onKeyUp={(event) => {
        if (CARET_KEYS.has(event.key)) {
          suggestions.updateMention(event.currentTarget.value, event.currentTarget.selectionStart);
        }
      }}
      onClick={(event) =>
        suggestions.updateMention(event.currentTarget.value, event.currentTarget.selectionStart)
      }
      onBlur={suggestions.closeMention}
      onPaste={onPaste}
      onDragOver={onDragOver}
      onDrop={onDrop}
    />
  );
}
