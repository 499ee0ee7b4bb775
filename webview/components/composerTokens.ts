/**
 * What the composer text means for its popups: an `@` mention being typed at the caret, or a
 * slash command being typed as the whole message. Pure, so it is tested without a DOM.
 */
import { completeSlashCommand, type SlashCommandSpec } from "../../protocol/webview/slashCommands";

export interface MentionToken {
  /** Index of the `@`. */
  start: number;
  /** The caret (the token ends there). */
  end: number;
  /** What follows the `@`, up to the caret. */
  query: string;
}

const MAX_MENTION_QUERY = 256;

/**
 * The `@word` the caret is in (or right after), if any: the `@` starts the text or follows
 * whitespace or an opening bracket, and nothing between it and the caret is whitespace. An
 * e-mail address (`a@b`) is not a mention.
 */
export function mentionAt(text: string, caret: number): MentionToken | null {
  return tokenAt(text, caret, "@");
}

/** The `$skill` being typed at the caret (as `mentionAt`): the composer's skill menu. */
export function skillTokenAt(text: string, caret: number): MentionToken | null {
  return tokenAt(text, caret, "$");
}

function tokenAt(text: string, caret: number, trigger: "@" | "$"): MentionToken | null {
  if (caret < 1 || caret > text.length) return null;
  let at = caret - 1;
  while (at >= 0 && !/\s/.test(text[at]!) && text[at] !== trigger) at--;
  if (at < 0 || text[at] !== trigger) return null;
  const before = at === 0 ? "" : text[at - 1]!;
  if (before !== "" && !/[\s([{"'`]/.test(before)) return null;
  const query = text.slice(at + 1, caret);
  if (query.length > MAX_MENTION_QUERY) return null;
  return { start: at, end: caret, query };
}

/** `text` with the `$query` token replaced by the picked skill's `$name ` (and the caret after it). */
export function insertSkill(
  text: string,
  token: MentionToken,
  name: string,
): { text: string; caret: number } {
  const mention = `$${name} `;
  const rest = text.slice(token.end).replace(/^ /, "");
  return { text: text.slice(0, token.start) + mention + rest, caret: token.start + mention.length };
}

/** The skills matching `query`, in menu order: name prefix matches first, then the others. */
export function matchingSkills<T extends { name: string }>(
  skills: readonly T[],
  query: string,
): T[] {
  const typed = query.toLowerCase();
  const starts = skills.filter((skill) => skill.name.toLowerCase().startsWith(typed));
  const contains = skills.filter(
    (skill) =>
      !skill.name.toLowerCase().startsWith(typed) && skill.name.toLowerCase().includes(typed),
  );
  return [...starts, ...contains];
}

/** `text` without the mention token (and the caret where it was). */
export function removeMention(text: string, token: MentionToken): { text: string; caret: number } {
  return { text: text.slice(0, token.start) + text.slice(token.end), caret: token.start };
}

/**
 * The slash commands to offer while a command name is being typed as the whole message, or `[]`
 * (plain text, an argument being typed, or the name typed out in full).
 */
export function slashSuggestions(text: string): SlashCommandSpec[] {
  if (!text.startsWith("/")) return [];
  const matches = completeSlashCommand(text);
  const only = matches.length === 1 ? matches[0]! : undefined;
  if (only && [only.name, ...(only.aliases ?? [])].some((name) => `/${name}` === text)) return [];
  return matches;
}

/** The composer text after picking `spec`: ready for an argument when it takes one. */
export function completedSlashText(spec: SlashCommandSpec): string {
  return spec.maxArgs > 0 ? `/${spec.name} ` : `/${spec.name}`;
}
