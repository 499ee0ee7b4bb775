/**
 * The note the host adds to a message to tell codex what the user undid or kept since its last
 * turn. It is recognised by its start, so the transcript shows it as a small row of its own and
 * Edit and resend leaves it out of the message it puts back.
 */
export const REVIEW_NOTE_PREFIX = "Note: the user ";

export function isReviewNote(text: string): boolean {
  return text.startsWith(REVIEW_NOTE_PREFIX);
}
