/**
 * A scriptable mock of the OpenAI Responses API on 127.0.0.1, for driving the real
 * `codex app-server` in tests. Only the model is mocked: codex itself runs for real.
 *
 *   const model = await startMockModel();
 *   const home = await createCodexHome({ modelUrl: model.url });
 *   model.enqueue(text("Hello there"));
 *   ... run codex with CODEX_HOME=home.dir, start a turn ...
 *   assert.equal(model.requests.length, 1);
 *   await model.close();
 */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import * as zlib from "node:zlib";

import {
  text,
  toReply,
  type BuildContext,
  type Frame,
  type HttpErrorReply,
  type Reply,
  type ReplyLike,
  type ResponsesRequest,
  type SseEvent,
  type StreamReply,
  type Usage,
} from "./script";

export interface MockModelOptions {
  /** What to answer when the queue is empty and no handler answers. Default `text("Done.")`. */
  defaultReply?: ReplyLike;
  /** Called for every request the server handles (and for unknown paths), for debugging. */
  log?: (line: string) => void;
  /**
   * Default true: every `POST /v1/responses` body is kept in `requests`. False keeps none (so a
   * long run, such as the memory bench, does not grow the log); `waitForRequests` then counts
   * arrivals and resolves with an empty list.
   */
  keepRequests?: boolean;
}

export interface UnhandledRequest {
  method: string;
  path: string;
  body: string;
}

/**
 * A dynamic handler: return a reply to answer with it, or undefined to fall through to the queue.
 * A promise holds the answer back until it settles, so a test can answer when a condition holds
 * (another thread is on screen, say) instead of after a guessed pause.
 */
export type RequestHandler = (
  request: ResponsesRequest,
  index: number,
) => ReplyLike | undefined | Promise<ReplyLike | undefined>;

export interface MockModel {
  /** Base URL for codex's `base_url`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every `POST /v1/responses` body, parsed, in arrival order (none with `keepRequests: false`). */
  readonly requests: ResponsesRequest[];
  /** Requests to paths the mock does not serve (answered 404). */
  readonly unhandled: UnhandledRequest[];
  /** Appends scripted replies; each `POST /v1/responses` consumes one, first in first out. */
  enqueue(...replies: ReplyLike[]): void;
  /**
   * Installs a handler asked before the queue for every request; `undefined` from it means "use
   * the queue". Pass `undefined` to remove it.
   */
  onRequest(handler: RequestHandler | undefined): void;
  /** Replies still queued. */
  pending(): number;
  /** SSE responses currently being written (0 once codex got them all or hung up). */
  activeStreams(): number;
  /** How many SSE streams stopped early because the client disconnected. */
  readonly abortedStreams: number;
  /** Resolves once at least `count` requests have arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ResponsesRequest[]>;
  /** Ends all open streams and sockets and stops the server. Safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_REPLY_TEXT = "Done.";

export async function startMockModel(options: MockModelOptions = {}): Promise<MockModel> {
  const queue: Reply[] = [];
  const requests: ResponsesRequest[] = [];
  const unhandled: UnhandledRequest[] = [];
  const sockets = new Set<Socket>();
  const inFlight = new Set<AbortController>();
  const waiters = new Set<() => void>();
  let handler: RequestHandler | undefined;
  let responseCounter = 0;
  let abortedStreams = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  const log = options.log ?? (() => undefined);
  const keepRequests = options.keepRequests ?? true;
  let received = 0;
  const arrived = (): number => (keepRequests ? requests.length : received);
  const defaultReply = toReply(options.defaultReply ?? text(DEFAULT_REPLY_TEXT));

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log(`mock model: handler error: ${String(err)}`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: { message: `mock model crashed: ${String(err)}` } });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 1000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const method = req.method ?? "GET";
    log(`mock model: ${method} ${req.url ?? ""}`);

    if (method === "POST" && /\/responses$/.test(path) && !/\/compact/.test(path)) {
      let parsed: ResponsesRequest;
      try {
        parsed = JSON.parse(body.toString("utf8")) as ResponsesRequest;
      } catch {
        unhandled.push({ method, path, body: body.toString("utf8") });
        sendJson(res, 400, { error: { message: "mock model: body is not JSON" } });
        return;
      }
      const index = arrived();
      received += 1;
      if (keepRequests) requests.push(parsed);
      for (const wake of [...waiters]) wake();
      const chosen = await pickReply(parsed, index);
      await serveReply(chosen, parsed, index, res);
      return;
    }

    if (method === "GET" && /\/models$/.test(path)) {
      sendJson(res, 200, { object: "list", data: [], models: [] });
      return;
    }

    unhandled.push({ method, path: req.url ?? path, body: body.toString("utf8") });
    sendJson(res, 404, { error: { message: `mock model: no route for ${method} ${path}` } });
  }

  async function pickReply(request: ResponsesRequest, index: number): Promise<Reply> {
    if (handler) {
      const fromHandler = await handler(request, index);
      if (fromHandler !== undefined) return toReply(fromHandler);
    }
    return queue.shift() ?? defaultReply;
  }

  async function serveReply(
    replyIn: Reply,
    request: ResponsesRequest,
    index: number,
    res: http.ServerResponse,
  ): Promise<void> {
    let current: Reply = replyIn;
    // Functions may return functions; resolve a few levels.
    for (let depth = 0; typeof current === "function" && depth < 10; depth++) {
      current = toReply(current(request, index));
    }
    if (typeof current === "function") throw new Error("reply function returned a function");
    if (current.kind === "httpError") {
      sendHttpError(res, current);
      return;
    }
    await streamReply(current, request, res);
  }

  async function streamReply(
    streamReply: StreamReply,
    request: ResponsesRequest,
    res: http.ServerResponse,
  ): Promise<void> {
    const abort = new AbortController();
    inFlight.add(abort);
    const onClose = (): void => {
      if (!res.writableFinished && !abort.signal.aborted) {
        abortedStreams += 1;
        log("mock model: client closed the stream early");
      }
      abort.abort();
    };
    res.on("close", onClose);
    try {
      responseCounter += 1;
      const responseId = `resp_${responseCounter}`;
      const counters = new Map<string, number>();
      let outputIndex = 0;
      let outputChars = 0;
      const ctx: BuildContext = {
        responseId,
        nextOutputIndex: () => outputIndex++,
        nextId: (prefix) => {
          const n = (counters.get(prefix) ?? 0) + 1;
          counters.set(prefix, n);
          return `${prefix}_${responseCounter}_${n}`;
        },
        countOutput: (s) => {
          outputChars += s.length;
        },
      };
      const frames: Frame[] = [
        {
          kind: "event",
          event: {
            type: "response.created",
            response: { id: responseId, object: "response", status: "in_progress", output: [] },
          },
        },
      ];
      for (const step of streamReply.steps) frames.push(...step.build(ctx));
      if (streamReply.complete) {
        const inputTokens = Math.max(1, Math.ceil(JSON.stringify(request.input ?? []).length / 4));
        const outputTokens = Math.max(1, Math.ceil(outputChars / 4));
        const usage: Usage = {
          input_tokens: inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: inputTokens + outputTokens,
          ...streamReply.usage,
        };
        if (streamReply.usage && streamReply.usage.total_tokens === undefined) {
          usage.total_tokens = usage.input_tokens + usage.output_tokens;
        }
        frames.push({
          kind: "event",
          event: {
            type: "response.completed",
            response: { id: responseId, object: "response", status: "completed", usage },
          },
        });
      }

      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      res.flushHeaders();

      for (const frame of frames) {
        if (abort.signal.aborted || closed) return;
        if (frame.kind === "delay") {
          await sleep(frame.ms, abort.signal);
        } else if (frame.kind === "cut") {
          // Let what was written reach the client first, so it sees the deltas, then break the
          // connection without the chunked terminator.
          await new Promise<void>((resolve) => res.write("", () => resolve()));
          await sleep(50, abort.signal);
          log(`mock model: cutting ${responseId}`);
          res.socket?.destroy();
          res.destroy();
          return;
        } else {
          res.write(formatSse(frame.event));
        }
      }
      if (!abort.signal.aborted) res.end();
    } finally {
      res.off("close", onClose);
      inFlight.delete(abort);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const model: MockModel = {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    unhandled,
    enqueue(...replies) {
      for (const r of replies) queue.push(toReply(r));
    },
    onRequest(fn) {
      handler = fn;
    },
    pending: () => queue.length,
    activeStreams: () => inFlight.size,
    get abortedStreams() {
      return abortedStreams;
    },
    waitForRequests(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        if (arrived() >= count) {
          resolve(requests.slice());
          return;
        }
        const wake = (): void => {
          if (arrived() < count) return;
          cleanup();
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `mock model: waited ${timeoutMs} ms for ${count} request(s), got ${arrived()}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    close() {
      if (closing) return closing;
      closed = true;
      closing = new Promise<void>((resolve) => {
        for (const abort of inFlight) abort.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
  return model;
}

/** `event: <type>\ndata: <json>\n\n` */
export function formatSse(event: SseEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

function sendHttpError(res: http.ServerResponse, reply: HttpErrorReply): void {
  const payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": typeof reply.body === "string" ? "text/plain" : "application/json",
    "content-length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
  try {
    if (encoding === "gzip") return zlib.gunzipSync(raw);
    if (encoding === "deflate") return zlib.inflateSync(raw);
    if (encoding === "br") return zlib.brotliDecompressSync(raw);
    const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer })
      .zstdDecompressSync;
    if (encoding === "zstd" && zstd) return zstd(raw);
  } catch {
    // fall through: return the raw bytes, the JSON parse will fail and be reported
  }
  return raw;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
