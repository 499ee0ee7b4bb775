/**
 * Text for the composer from elsewhere in the view (Edit and resend puts a message back), without
 * a round trip through the host: the composer subscribes, a row publishes.
 */
type Listener = (text: string) => void;

const listeners = new Set<Listener>();

/** Replaces the composer's text with `text` and focuses it. */
export function putInComposer(text: string): void {
  for (const listener of [...listeners]) listener(text);
}

export function onComposerText(listener: Listener): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}
