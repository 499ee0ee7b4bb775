/**
 * Feature detection for the codex the user has: a codex older than the method answers it with
 * -32600 "unknown variant `<method>`". That is a missing feature, not a failure: the connection
 * remembers the method (per app-server process, since the user may upgrade and restart) and
 * throws UnsupportedMethodError, which callers treat as "hide this feature". Optional parts of a
 * flow (rate limits on /status) simply go without it.
 */
import { AppServerRpcError } from "../appServer/errors";
import { CODEX_UPGRADE_COMMAND } from "../appServer/codexVersion";
import { l10n } from "../l10n";

/** JSON-RPC's "invalid request": what codex answers for a method it does not know. */
export const INVALID_REQUEST_CODE = -32600;

/** True for codex's answer to a method it does not have (not for a bad enum value in params). */
export function isUnknownMethodError(error: unknown, method: string): boolean {
  return (
    error instanceof AppServerRpcError &&
    error.code === INVALID_REQUEST_CODE &&
    error.message.includes(`unknown variant \`${method}\``)
  );
}

export class UnsupportedMethodError extends Error {
  override readonly name = "UnsupportedMethodError";
  constructor(readonly method: string) {
    super(
      l10n.t(
        "This codex does not have {0}; upgrade codex (`{1}`) to use it.",
        method,
        CODEX_UPGRADE_COMMAND,
      ),
    );
  }
}

/** The methods the running codex turned down as unknown. */
export class UnsupportedMethods {
  private readonly methods = new Set<string>();
  private readonly listeners = new Set<() => void>();

  has(method: string): boolean {
    return this.methods.has(method);
  }

  list(): string[] {
    return [...this.methods].sort();
  }

  add(method: string): void {
    if (this.methods.has(method)) return;
    this.methods.add(method);
    this.changed();
  }

  /** A new app-server process (maybe another codex): forget what the old one lacked. */
  clear(): void {
    if (this.methods.size === 0) return;
    this.methods.clear();
    this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
