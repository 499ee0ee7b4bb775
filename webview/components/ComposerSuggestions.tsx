/**
 * The composer's suggestions: `@` offers workspace files (`composer/searchFiles`), a pick becomes
 * a file chip; `/` as the whole message offers the slash commands, a pick completes the command.
 * The textarea keeps focus and drives the popup from the keyboard (see Suggestions.tsx).
 */
import { useMemo, useState, type MutableRef } from "preact/hooks";
import type { Attachment } from "../../protocol/webview/messages";
import { t } from "../l10n";
import {
  completedSlashText,
  mentionAt,
  removeMention,
  slashSuggestions,
  type MentionToken,
} from "./composerTokens";
import { optionId, Suggestions, type Suggestion } from "./Suggestions";
import { useMentionSearch } from "./useMentionSearch";

const SUGGESTIONS_ID = "composer-suggestions";

type Popup = { kind: "mention" | "slash"; items: Suggestion[] };

export interface ComposerSuggestions {
  /** Handles the keys that drive an open popup; true when the key was used. */
  onKeyDown(event: KeyboardEvent): boolean;
  /** Re-reads the `@` token at the caret (after typing, clicking or moving the caret). */
  updateMention(value: string, caret: number | null): void;
  closeMention(): void;
  /** The textarea's combobox attributes. */
  inputProps: Record<string, string | undefined>;
  popup: preact.JSX.Element | null;
}

export function useComposerSuggestions({
  text,
  textareaRef,
  textRef,
  onText,
  onAttach,
}: {
  text: string;
  textareaRef: MutableRef<HTMLTextAreaElement | null>;
  textRef: MutableRef<string>;
  onText(next: string): void;
  onAttach(attachments: Attachment[]): void;
}): ComposerSuggestions {
  // The `@` token being typed, and the popup's highlighted row; `dismissed` after Escape.
  const [mention, setMention] = useState<MentionToken | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const mentionResults = useMentionSearch(mention ? mention.query : null);
  const slashItems = useMemo(() => slashSuggestions(text), [text]);

  const popup: Popup | null = (() => {
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

  const updateMention = (value: string, caret: number | null) => {
    const token = caret === null ? null : mentionAt(value, caret);
    setMention((current) =>
      current?.start === token?.start && current?.query === token?.query ? current : token,
    );
    if (token?.query !== mention?.query) setActive(0);
  };

  const focusAt = (caret: number) => {
    const element = textareaRef.current;
    setTimeout(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    }, 0);
  };

  const pick = (index: number) => {
    if (!popup) return;
    if (popup.kind === "mention" && mention) {
      const file = mentionResults.files[index];
      if (!file) return;
      const { text: next, caret } = removeMention(textRef.current, mention);
      onText(next);
      setMention(null);
      onAttach([{ kind: "file", path: file.path }]);
      focusAt(caret);
    } else if (popup.kind === "slash") {
      const spec = slashItems[index];
      if (!spec) return;
      const next = completedSlashText(spec);
      onText(next);
      focusAt(next.length);
    }
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent): boolean => {
    if (!popup || event.isComposing) return false;
    const count = popup.items.length;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count > 0) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + count) % count);
      return true;
    }
    if ((event.key === "Enter" || event.key === "Tab") && count > 0 && !event.shiftKey) {
      event.preventDefault();
      pick(activeIndex);
      return true;
    }
    if (event.key === "Escape") {
      // Closes the popup only (not the panel around the composer).
      event.preventDefault();
      event.stopPropagation();
      setDismissed(popup.kind === "mention" && mention ? `@${mention.start}` : text);
      return true;
    }
    return false;
  };

  const open = popup !== null && popup.items.length > 0;
  const shown = popup !== null && (popup.items.length > 0 || popup.kind === "mention");
  return {
    onKeyDown,
    updateMention,
    closeMention: () => setMention(null),
    inputProps: {
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": open ? "true" : "false",
      "aria-controls": popup ? SUGGESTIONS_ID : undefined,
      "aria-activedescendant": open ? optionId(SUGGESTIONS_ID, activeIndex) : undefined,
    },
    popup: shown ? (
      <Suggestions
        id={SUGGESTIONS_ID}
        label={popup.kind === "mention" ? t("composer.mentions.label") : t("composer.slash.label")}
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
    ) : null,
  };
}
