/**
 * codex's stderr: every line goes to the log at codex's own level, and the last lines are kept
 * for the message shown when the app-server fails.
 */
import type { Readable } from "node:stream";

import type { Logger } from "../log";

export class StderrTail {
  /** The last lines, ANSI colours removed, oldest first. */
  readonly lines: string[] = [];
  /** Resolves when the stream has been read to its end. */
  readonly done: Promise<void>;

  constructor(
    stderr: Readable | null,
    private readonly maxLines: number,
    private readonly logger: Logger,
  ) {
    this.done = stderr ? this.read(stderr) : Promise.resolve();
  }

  /** The line that best says why codex stopped (see `summarizeStderr`). */
  get summary(): string | undefined {
    return summarizeStderr(this.lines);
  }

  private read(stderr: Readable): Promise<void> {
    let partial = "";
    return new Promise((resolve) => {
      stderr.setEncoding("utf8");
      stderr.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) this.take(line);
      });
      const finish = (): void => {
        if (partial) this.take(partial);
        partial = "";
        resolve();
      };
      stderr.once("end", finish);
      stderr.once("close", finish);
      stderr.on("error", () => finish());
    });
  }

  private take(line: string): void {
    const clean = stripAnsi(line).replace(/\r$/, "");
    if (clean === "") return;
    this.lines.push(clean);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
    logStderrLine(this.logger, clean);
  }
}

/**
 * The stderr line that best says why codex stopped: its last `Error: ...` (anyhow's fatal
 * format) or `ERROR` log line, else the last line that is not part of a backtrace.
 */
export function summarizeStderr(lines: readonly string[]): string | undefined {
  const reversed = [...lines].reverse();
  const error = reversed.find((line) => /^\s*error\b|\bERROR\b/i.test(line));
  if (error) return error.trim();
  const backtrace = /^\s*(\d+:|at\s|Stack backtrace:|note: run with)/;
  return reversed.find((line) => line.trim() !== "" && !backtrace.test(line))?.trim();
}

/** codex logs the user's own Decline as a tool error; for us it is what the user chose. */
const USER_DECLINED = /rejected by user|declined by (?:the )?user/i;

/** codex logs through `tracing` (`<time>  WARN target: message`); keep its level in our log. */
function logStderrLine(logger: Logger, line: string): void {
  const message = `[app-server] ${line}`;
  if (USER_DECLINED.test(line)) logger.info(message);
  else if (/\bERROR\b|^Error:/.test(line)) logger.error(message);
  else if (/\bWARN\b/.test(line)) logger.warn(message);
  else logger.info(message);
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}
