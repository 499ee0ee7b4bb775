/**
 * The text item that names a message's attached files for the model (codex 0.169.0 does not pass
 * a file `mention` on to it; see extension/bridge/userInput.ts). The transcript already shows
 * those files as chips, so the webview hides this text in the user's message.
 */
const HEADER = "Attached files (read them as needed):";

/** The text that tells the model which files were attached (null for none). */
export function attachedFilesText(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  return [HEADER, ...paths.map((file) => `- ${file}`)].join("\n");
}

/** True for a text part that is exactly {@link attachedFilesText} of `paths`. */
export function isAttachedFilesText(text: string, paths: readonly string[]): boolean {
  return paths.length > 0 && text === attachedFilesText(paths);
}
