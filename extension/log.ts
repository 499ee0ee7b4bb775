/**
 * The logging surface every host module takes. A `vscode.LogOutputChannel` satisfies it, so
 * production code passes the "Codex" channel while tests pass a recorder, and modules below
 * `extension/appServer` never import `vscode`.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** A logger that drops everything; for call sites that log optionally. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
