/**
 * Text from codex or the model as shown on approval cards and command/file rows: characters that
 * are invisible or change how the rest reads appear as visible `[U+XXXX]` marks instead of acting.
 *
 * - direction controls (U+202E RIGHT-TO-LEFT OVERRIDE and friends): `evil_\u202Etxt.exe` would
 *   read as `evil_exe.txt`;
 * - zero-width and other format characters (U+200B, U+2060, U+FEFF, tag characters...);
 * - C0/C1 controls, ESC included (a terminal sequence such as `\x1b[2K` is shown, not hidden);
 * - spaces that look like U+0020 but are not (no-break, em, ideographic...) and invisible fillers.
 */
const HIDDEN =
  /[\u034f\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0]/gu;

/** Codex's fields are typed, but a malformed value must not break the card that shows it. */
function asText(value: unknown): string {
  return typeof value === "string"
    ? value
    : value === null || value === undefined
      ? ""
      : JSON.stringify(value);
}

function mark(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `[U+${code.toString(16).toUpperCase().padStart(4, "0")}]`;
}

/** For one-line text (paths, a command in a row): line breaks and tabs are marked too. */
export function revealInline(text: string): string {
  return asText(text).replace(HIDDEN, mark);
}

/**
 * For text shown whole in a pre-wrapped block (a command on an approval card): line feeds and
 * tabs stay, so a script reads as lines; every other hidden character is marked (a carriage
 * return too: it could make a terminal overwrite what was printed before it).
 */
export function revealMultiline(text: string): string {
  return asText(text).replace(HIDDEN, (character) =>
    character === "\n" || character === "\t" ? character : mark(character),
  );
}
