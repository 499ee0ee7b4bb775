/**
 * Newline-delimited JSON framing for vscode-jsonrpc. codex app-server writes one JSON message
 * per line on stdout and reads the same on stdin; vscode-jsonrpc's stream reader/writer expect
 * LSP `Content-Length` headers instead, so these replace them.
 *
 * vscode-jsonrpc classifies messages by `method`/`id`/`result`/`error` only (`Message.isRequest`
 * and friends never look at `"jsonrpc"`), so the reader hands codex's messages on as parsed,
 * without adding the `"jsonrpc": "2.0"` codex omits.
 */
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from "vscode-jsonrpc/node";

import { silentLogger, type Logger } from "../log";

/** Lines longer than this are skipped (codex's largest messages, e.g. big diffs, stay far below). */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const PREVIEW_BYTES = 120;
const NEWLINE = 0x0a;
const CR = 0x0d;

export interface JsonlReaderOptions {
  logger?: Logger;
  maxLineBytes?: number;
}

/**
 * Reads JSONL messages from a byte stream. Bytes are kept until a `\n` arrives and only whole
 * lines are decoded, so multi-byte UTF-8 split across chunks is safe. Empty lines are ignored;
 * lines that are not JSON objects, or longer than `maxLineBytes`, are logged (preview only) and
 * skipped. An oversized line is dropped as it streams in, so memory stays bounded.
 *
 * A final line without `\n` when the stream ends is dropped (logged): codex terminates every
 * message, so an unterminated tail is a message cut off by a dying process.
 */
export class JsonlMessageReader extends AbstractMessageReader implements MessageReader {
  private readonly logger: Logger;
  private readonly maxLineBytes: number;
  private callback: DataCallback | undefined;
  /** Pieces of the current, unterminated line. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** True while dropping the rest of an oversized line up to its `\n`. */
  private discarding = false;
  private closed = false;
  private readonly onData = (chunk: Buffer | string): void => this.handleChunk(chunk);
  private readonly onEnd = (): void => this.finish();
  private readonly onStreamError = (error: unknown): void => {
    this.fireError(error);
    this.finish();
  };

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    options: JsonlReaderOptions = {},
  ) {
    super();
    this.logger = options.logger ?? silentLogger;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  listen(callback: DataCallback): Disposable {
    if (this.callback) throw new Error("JsonlMessageReader: listen() called twice");
    this.callback = callback;
    this.readable.on("data", this.onData);
    this.readable.on("end", this.onEnd);
    this.readable.on("close", this.onEnd);
    this.readable.on("error", this.onStreamError);
    return { dispose: () => this.detach() };
  }

  override dispose(): void {
    this.detach();
    super.dispose();
  }

  private detach(): void {
    this.readable.off("data", this.onData);
    this.readable.off("end", this.onEnd);
    this.readable.off("close", this.onEnd);
    // Keep a no-op error listener: an unhandled 'error' on a child's stdout would crash the host.
    this.readable.off("error", this.onStreamError);
    this.readable.on("error", ignore);
    this.callback = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pendingBytes > 0 && !this.discarding) {
      this.logger.warn(
        `app-server output ended inside an unterminated line (${this.pendingBytes} bytes); dropped`,
      );
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.fireClose();
  }

  private handleChunk(input: Buffer | string): void {
    try {
      const chunk = typeof input === "string" ? Buffer.from(input, "utf8") : input;
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
        this.keep(chunk.subarray(start, nl));
        this.endLine();
        start = nl + 1;
      }
      // Copied: the stream may reuse its chunk buffers.
      if (start < chunk.length) this.keep(Buffer.from(chunk.subarray(start)));
    } catch (error) {
      // Never let a bug here escape into the stream's 'data' emitter.
      this.logger.error(`JSONL reader failed on a chunk: ${String(error)}`);
      this.pending = [];
      this.pendingBytes = 0;
    }
  }

  /** Adds bytes to the current line, or drops the line once it is longer than the limit. */
  private keep(piece: Buffer): void {
    if (this.discarding) return;
    // One byte over the limit may be the `\r` of a CRLF.
    if (this.pendingBytes + piece.length > this.maxLineBytes + 1) {
      const head = this.pending[0] ?? piece;
      this.logger.warn(
        `skipping app-server output line longer than ${this.maxLineBytes} bytes: ${preview(head, 0, head.length)}`,
      );
      this.discarding = true;
      this.pending = [];
      this.pendingBytes = 0;
    } else if (piece.length > 0) {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
    }
  }

  private endLine(): void {
    const pieces = this.pending;
    const line = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const end = line.length > 0 && line[line.length - 1] === CR ? line.length - 1 : line.length;
    if (end > this.maxLineBytes) {
      this.logger.warn(
        `skipping app-server output line of ${end} bytes (max ${this.maxLineBytes}): ${preview(line, 0, end)}`,
      );
    } else if (end > 0) {
      this.deliver(line, 0, end);
    }
  }

  private deliver(line: Buffer, from: number, to: number): void {
    const text = line.toString("utf8", from, to);
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      if (text.trim() === "") return;
      this.logger.warn(`skipping non-JSON app-server output line: ${preview(line, from, to)}`);
      return;
    }
    if (!isMessageShaped(message)) {
      this.logger.warn(
        `skipping app-server output that is not a JSON-RPC message: ${preview(line, from, to)}`,
      );
      return;
    }
    const callback = this.callback;
    if (!callback) return;
    try {
      callback(message);
    } catch (error) {
      this.logger.error(`JSON-RPC dispatch failed: ${String(error)}`);
    }
  }
}

/** An object with a string `method` (request/notification) or an `id` (response). */
function isMessageShaped(value: unknown): value is Message {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const candidate = value as { method?: unknown; id?: unknown };
  return typeof candidate.method === "string" || candidate.id !== undefined;
}

/** A short, escaped, single-line excerpt of a line for logs. Never the whole line. */
function preview(buffer: Buffer, from: number, to: number): string {
  const cut = Math.min(to, from + PREVIEW_BYTES);
  const excerpt = JSON.stringify(buffer.toString("utf8", from, cut));
  return cut < to ? `${excerpt}… (${to - from} bytes)` : excerpt;
}

function ignore(): void {}

export interface JsonlWriterOptions {
  logger?: Logger;
}

/**
 * Writes each message as `JSON.stringify(message) + "\n"`. Writes go to the stream in call order
 * (Node streams keep order), each promise settles when its bytes are flushed or fail. Stream
 * errors (e.g. EPIPE after the child died) are reported through `onError`.
 */
export class JsonlMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;
  private closed = false;
  private readonly onStreamError = (error: unknown): void => {
    this.errorCount++;
    this.fireError(error, undefined, this.errorCount);
  };
  private readonly onStreamClose = (): void => {
    this.closed = true;
    this.fireClose();
  };

  constructor(
    private readonly writable: NodeJS.WritableStream,
    private readonly options: JsonlWriterOptions = {},
  ) {
    super();
    writable.on("error", this.onStreamError);
    writable.on("close", this.onStreamClose);
  }

  write(message: Message): Promise<void> {
    if (this.closed || isEnded(this.writable)) {
      return Promise.reject(new Error("app-server input stream is closed"));
    }
    let payload: string;
    try {
      payload = JSON.stringify(message) + "\n";
    } catch (error) {
      // A message that cannot be serialised fails alone; the stream is fine.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise<void>((resolve, reject) => {
      this.writable.write(payload, "utf8", (error?: Error | null) => {
        if (error) {
          this.options.logger?.debug(`write to app-server failed: ${error.message}`);
          reject(error);
        } else {
          resolve();
        }
      });
    });
  }

  end(): void {
    if (!isEnded(this.writable)) this.writable.end();
  }

  override dispose(): void {
    this.writable.off("error", this.onStreamError);
    this.writable.off("close", this.onStreamClose);
    // Keep a no-op error listener so a late EPIPE cannot crash the host.
    this.writable.on("error", ignore);
    super.dispose();
  }
}

function isEnded(stream: NodeJS.WritableStream): boolean {
  const s = stream as NodeJS.WritableStream & { writableEnded?: boolean; destroyed?: boolean };
  return s.writableEnded === true || s.destroyed === true;
}
