/**
 * What a thread is called on screen (the sidebar's header, a Codex panel's tab): its name, else
 * the first words the user wrote in it. Shared so the two never disagree.
 */
import { isAttachedFilesText } from "./attachedFiles";
import { parseEditorContext } from "./contextMentions";
import { isReviewNote } from "./reviewNote";
import { parseSelectionContext } from "./selectionContext";
import type { ThreadItem, ThreadView } from "./viewModel";

type UserMessageItem = Extract<ThreadItem, { type: "userMessage" }>;

/**
 * The text the user typed in a message, without what the host adds for the model (the
 * attached-files list, a selection's code, an `@problems`-style context, the note about what the
 * user undid).
 */
export function userMessageText(item: UserMessageItem, separator = "\n"): string {
  const mentioned = item.content.flatMap((part) => (part.type === "mention" ? [part.path] : []));
  return item.content
    .flatMap((part) =>
      part.type === "text" &&
      !isAttachedFilesText(part.text, mentioned) &&
      !isReviewNote(part.text) &&
      !parseSelectionContext(part.text) &&
      !parseEditorContext(part.text)
        ? [part.text]
        : [],
    )
    .join(separator);
}

/** The thread's name, else its first user message on one line; null for a thread with neither. */
export function threadTitle(thread: Pick<ThreadView, "name" | "turns"> | null): string | null {
  if (!thread) return null;
  const name = thread.name?.trim();
  if (name) return name;
  for (const turn of thread.turns) {
    for (const item of turn.items) {
      if (item.type !== "userMessage") continue;
      const text = userMessageText(item, " ").replace(/\s+/g, " ").trim();
      if (text) return text;
    }
  }
  return null;
}
