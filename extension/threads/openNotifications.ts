/**
 * Which threads have a notification the user has not dealt with yet ("never more than one per
 * thread"). VS Code cannot close an extension's notification, and one that moved to the
 * notification center stays open until the user clears it there, so a mark also ends when the
 * user deals with the thread some other way: looks at it, answers its approval in the chat, or
 * starts a turn. Otherwise one stale notification would silence that thread for good.
 */
export class OpenNotifications {
  /** Per thread, the notification counted as open (a newer one replaces an older one's mark). */
  private readonly open = new Map<string, symbol>();

  has(threadId: string): boolean {
    return this.open.has(threadId);
  }

  /** A notification was shown; pass the result to `closed` when VS Code says it closed. */
  opened(threadId: string): symbol {
    const token = Symbol(threadId);
    this.open.set(threadId, token);
    return token;
  }

  /** That notification closed (clicked or dismissed); a newer one's mark stays. */
  closed(threadId: string, token: symbol): void {
    if (this.open.get(threadId) === token) this.open.delete(threadId);
  }

  /** The user dealt with the thread elsewhere: its next news may notify again. */
  seen(threadId: string): boolean {
    return this.open.delete(threadId);
  }
}
