/**
 * The supervisor's typed events. vscode-jsonrpc has an Emitter too, but importing it would load
 * the JSON-RPC library at activation, and the app-server (its only user) starts lazily.
 */
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  /** Entries, not bare listeners: the same function may subscribe twice and unsubscribe once. */
  private readonly entries = new Set<{ listener: (value: T) => void }>();

  /** @param onListenerError a throwing listener must not keep the others from hearing the event */
  constructor(private readonly onListenerError: (error: unknown) => void) {}

  readonly event: Event<T> = (listener) => {
    const entry = { listener };
    this.entries.add(entry);
    return { dispose: () => this.entries.delete(entry) };
  };

  fire(value: T): void {
    for (const entry of [...this.entries]) {
      // Unsubscribed by an earlier listener during this very fire: it must not hear it.
      if (!this.entries.has(entry)) continue;
      try {
        entry.listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.entries.clear();
  }
}
