/**
 * The composer's suggestions: `@` offers workspace files (`composer/searchFiles`), a pick becomes
 * a file chip; `$` offers the skills codex knows (`composer/listSkills`), a pick writes `$name`
 * into the text as the codex CLI does; `/` as the whole message offers the slash commands, a pick
 * completes the command.
 * The textarea keeps focus and drives the popup from the keyboard (see Suggestions.tsx).
 */
import { useMemo, useState, type MutableRef } from "preact/hooks";
import type { Attachment } from "../../protocol/webview/messages";
import { t } from "../l10n";
import {
  completedSlashText,
  insertSkill,
  matchingSkills,
  mentionAt,
  removeMention,
  skillTokenAt,
  slashSuggestions,
  type MentionToken,
} from "./composerTokens";
import { useSkills } from "./useSkills";
import { optionId, Suggestions, type Suggestion } from "./Suggestions";
import { useMentionSearch } from "./useMentionSearch";
import { mentionEntries, mentionPick, mentionSuggestion } from "./mentionItems";
import { request } from "../host";

const SUGGESTIONS_ID = "composer-suggestions";

type Popup = { kind: "mention" | "skill" | "slash"; items: Suggestion[] };

const SCOPE_ICONS: Record<string, string> = {
  user: "account",
  repo: "repo",
  system: "gear",
  admin: "shield",
};

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
  // The `$` token being typed, for the skill menu.
  const [skillToken, setSkillToken] = useState<MentionToken | null>(null);
  const skills = useSkills(skillToken !== null);
  const skillItems = useMemo(
    () => (skills && skillToken ? matchingSkills(skills, skillToken.query) : []),
    [skills, skillToken],
  );
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const mentionResults = useMentionSearch(mention ? mention.query : null);
  // Until the first answer, keep showing nothing rather than another query's files.
  const mentionRows = useMemo(
    () =>
      mentionResults.query === null
        ? []
        : mentionEntries(mentionResults.contexts, mentionResults.files),
    [mentionResults],
  );
  // Why a picked `@terminal` / `@changes` attached nothing, or what a long range left out.
  const [note, setNote] = useState<string | null>(null);
  const slashItems = useMemo(() => slashSuggestions(text), [text]);

  const popup: Popup | null = (() => {
    if (mention && dismissed !== `@${mention.start}`) {
      return { kind: "mention", items: mentionRows.map(mentionSuggestion) };
    }
    // A `$` that matches no skill (`$5`) is just text: the menu stays closed.
    if (
      skillToken &&
      dismissed !== `$${skillToken.start}` &&
      (skills === null || skillItems.length > 0 || skillToken.query === "")
    ) {
      return {
        kind: "skill",
        items: skillItems.map((skill) => ({
          key: skill.name,
          label: `$${skill.name}`,
          description: skill.description,
          icon: SCOPE_ICONS[skill.scope] ?? "symbol-event",
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
    const skill = caret === null ? null : skillTokenAt(value, caret);
    setSkillToken((current) =>
      current?.start === skill?.start && current?.query === skill?.query ? current : skill,
    );
    if (token?.query !== mention?.query || skill?.query !== skillToken?.query) setActive(0);
    // A dismissal belongs to the token it closed: once that token is gone (deleted, or the box
    // cleared), a new `@` or `$` typed where it stood opens its menu again.
    if (!token) setDismissed((closed) => (closed?.startsWith("@") ? null : closed));
    if (!skill) setDismissed((closed) => (closed?.startsWith("$") ? null : closed));
    setNote(null);
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
      const entry = mentionRows[index];
      if (!entry) return;
      // Greyed: its row already says why there is nothing to attach.
      if (entry.kind === "context" && !entry.candidate.available) return;
      const { text: next, caret } = removeMention(textRef.current, mention);
      onText(next);
      setMention(null);
      const action = mentionPick(entry);
      if ("attach" in action) onAttach([action.attach]);
      else {
        request("composer/resolveContext", action.resolve)
          .then(({ attachment, reason }) => {
            if (attachment) onAttach([attachment]);
            setNote(reason ?? null);
          })
          .catch(() => setNote(t("composer.mentions.contextFailed")));
      }
      focusAt(caret);
    } else if (popup.kind === "skill" && skillToken) {
      const skill = skillItems[index];
      if (!skill) return;
      const { text: next, caret } = insertSkill(textRef.current, skillToken, skill.name);
      onText(next);
      setSkillToken(null);
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
      setDismissed(
        popup.kind === "mention" && mention
          ? `@${mention.start}`
          : popup.kind === "skill" && skillToken
            ? `$${skillToken.start}`
            : text,
      );
      return true;
    }
    return false;
  };

  const open = popup !== null && popup.items.length > 0;
  const shown = popup !== null && (popup.items.length > 0 || popup.kind !== "slash");
  return {
    onKeyDown,
    updateMention,
    closeMention: () => {
      setMention(null);
      setSkillToken(null);
    },
    inputProps: {
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": open ? "true" : "false",
      "aria-controls": popup ? SUGGESTIONS_ID : undefined,
      "aria-activedescendant": open ? optionId(SUGGESTIONS_ID, activeIndex) : undefined,
    },
    popup: !shown ? (
      note ? (
        <div class="composer-note muted" role="status">
          {note}
        </div>
      ) : null
    ) : (
      <Suggestions
        id={SUGGESTIONS_ID}
        label={
          popup.kind === "mention"
            ? t("composer.mentions.label")
            : popup.kind === "skill"
              ? t("composer.skills.label")
              : t("composer.slash.label")
        }
        items={popup.items}
        active={activeIndex}
        onPick={pick}
        onHover={setActive}
        busy={
          (popup.kind === "mention" && mentionResults.busy) ||
          (popup.kind === "skill" && skills === null)
        }
        emptyText={
          popup.kind === "mention"
            ? mentionResults.busy || mentionResults.query === null
              ? t("composer.mentions.searching")
              : t("composer.mentions.none")
            : popup.kind === "skill"
              ? skills === null
                ? t("composer.skills.loading")
                : t("composer.skills.none")
              : undefined
        }
      />
    ),
  };
}
