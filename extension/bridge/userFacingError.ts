/**
 * An error whose message is written for the user (what failed, and codex's reason). Domain code
 * (threads, history, models, approvals) throws it and knows nothing of the webview channel; the
 * webview request handlers turn it into the channel's error (`defineHandler` in
 * handlers/context.ts), any other error into the channel's generic "see the log" answer.
 */
import { describeError } from "../appServer/errors";
import { l10n } from "../l10n";

export class UserFacingError extends Error {
  override readonly name = "UserFacingError";
}

/** Throws `action: reason` for the user; a UserFacingError passes through unchanged. */
export function failWith(action: string, error: unknown): never {
  if (error instanceof UserFacingError) throw error;
  throw new UserFacingError(l10n.t("{0}: {1}", action, describeError(error)));
}
