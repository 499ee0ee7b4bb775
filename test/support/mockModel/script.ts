/**
 * A tiny DSL for scripting what the mock Responses API answers to one `POST /v1/responses`.
 *
 * A {@link Reply} is either a streamed SSE reply (a list of {@link Step}s sent in one response,
 * ending with `response.completed` unless a step cuts the stream), an HTTP error, or a function
 * computing one of those from the request body.
 *
 *   model.enqueue(reply(reasoning("Thinking"), text("Hello", { chunks: 3 })));
 *   model.enqueue(shellCall({ cmd: "echo hi" }));          // a bare step is a one-step reply
 *   model.enqueue(httpError(500));
 *
 * See README.md next to this file for what each step makes codex 0.169.0 do.
 */

/** One Server-Sent Event as the Responses API sends it: `event: <type>\ndata: <json>\n\n`. */
export interface SseEvent {
  type: string;
  [key: string]: unknown;
}

/** What the server does, in order, for one streamed reply. */
export type Frame =
  | { kind: "event"; event: SseEvent }
  | { kind: "delay"; ms: number }
  /** Destroy the socket right now (no `response.completed`, no chunked terminator). */
  | { kind: "cut" };

/** Gives steps fresh ids and output indexes inside one response. */
export interface BuildContext {
  /** `resp_<n>`: the id of the response being built. */
  readonly responseId: string;
  /** Next `output_index` (one per output item). */
  nextOutputIndex(): number;
  /** A unique id with the given prefix, e.g. `msg_3`. */
  nextId(prefix: string): string;
  /** Adds to the `output_tokens` reported in `usage`. */
  countOutput(text: string): void;
}

/** One part of a streamed reply (a message, a reasoning item, a tool call, a cut...). */
export interface Step {
  readonly kind: "step";
  readonly name: string;
  build(ctx: BuildContext): Frame[];
}

export interface Usage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number } | null;
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number } | null;
  total_tokens: number;
}

/** A streamed (SSE, HTTP 200) reply. */
export interface StreamReply {
  readonly kind: "stream";
  readonly steps: readonly Step[];
  /** Append `response.completed` after the steps (false for failures). Default true. */
  readonly complete: boolean;
  /** Override the `usage` of `response.completed`. */
  readonly usage?: Partial<Usage>;
}

/** A non-streamed HTTP error reply. */
export interface HttpErrorReply {
  readonly kind: "httpError";
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The JSON body codex POSTs to `/v1/responses` (only the fields tests commonly read are typed). */
export interface ResponsesRequest {
  model?: string;
  instructions?: string;
  input?: InputItem[];
  tools?: Array<{ type: string; name?: string; [key: string]: unknown }>;
  stream?: boolean;
  [key: string]: unknown;
}

export interface InputItem {
  type: string;
  role?: string;
  call_id?: string;
  name?: string;
  output?: unknown;
  content?: unknown;
  [key: string]: unknown;
}

/** Computes a reply from the request (for dynamic answers). */
export type ReplyFn = (request: ResponsesRequest, index: number) => ReplyLike;

export type Reply = StreamReply | HttpErrorReply | ReplyFn;

/** Anything `enqueue` accepts: a reply, a single step, or a list of steps. */
export type ReplyLike = Reply | Step | readonly Step[];

// ---------------------------------------------------------------------------------------------
// Replies

/** A streamed reply made of `steps`, ending with `response.completed`. */
export function reply(...steps: Step[]): StreamReply {
  return { kind: "stream", steps, complete: true };
}

/** A streamed reply whose `response.completed` carries the given usage numbers. */
export function replyWithUsage(usage: Partial<Usage>, ...steps: Step[]): StreamReply {
  return { kind: "stream", steps, complete: true, usage };
}

/**
 * An HTTP error (not streamed), e.g. `httpError(500)`. The default body is an OpenAI-style error
 * object. With the mock config (`request_max_retries = 0`) codex does not retry it.
 */
export function httpError(
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
): HttpErrorReply {
  return {
    kind: "httpError",
    status,
    body: body ?? {
      error: {
        message: `mock model error (HTTP ${status})`,
        type: status >= 500 ? "server_error" : "invalid_request_error",
        code: null,
        param: null,
      },
    },
    headers,
  };
}

/**
 * A reply that streams `partialText` as a few deltas, then destroys the socket (no
 * `response.completed`). codex sees "stream disconnected before completion".
 */
export function cutStream(
  partialText = "This answer will be cut",
  options: { chunks?: number; delayMs?: number } = {},
): StreamReply {
  return {
    kind: "stream",
    steps: [partialMessage(partialText, options), cut()],
    complete: false,
  };
}

/**
 * A reply that sends a `response.failed` event (an error *inside* a 200 SSE stream) instead of
 * `response.completed`.
 */
export function responseFailed(message = "mock model failure", code = "server_error"): StreamReply {
  return {
    kind: "stream",
    steps: [
      {
        kind: "step",
        name: "responseFailed",
        build: (ctx) => [
          {
            kind: "event",
            event: {
              type: "response.failed",
              response: { id: ctx.responseId, error: { code, message } },
            },
          },
        ],
      },
    ],
    complete: false,
  };
}

/** Normalises anything `enqueue` accepts into a {@link Reply}. */
export function toReply(value: ReplyLike): Reply {
  if (typeof value === "function") return value;
  if (Array.isArray(value)) return reply(...(value as Step[]));
  const v = value as StreamReply | HttpErrorReply | Step;
  if (v.kind === "step") return reply(v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Steps

export interface TextOptions {
  /** How many `response.output_text.delta` events to split the text into. Default 3. */
  chunks?: number;
  /** Pause before each delta, in ms. Default 0. */
  delayMs?: number;
  /** The message item id (default `msg_<n>`). */
  id?: string;
}

/**
 * An assistant message streamed as `chunks` `response.output_text.delta` events, framed by
 * `response.output_item.added` / `response.output_item.done`. app-server turns it into
 * `item/started` (agentMessage), `item/agentMessage/delta` x chunks, `item/completed`.
 */
export function text(str: string, options: TextOptions = {}): Step {
  return {
    kind: "step",
    name: "text",
    build: (ctx) => messageFrames(ctx, str, splitChunks(str, options.chunks ?? 3), options, true),
  };
}

/**
 * A slow assistant message: one delta per word, `delayMs` apart, so a test can interrupt the
 * turn while it streams. The server stops writing as soon as the client disconnects.
 */
export function slow(str: string, options: { delayMs?: number; id?: string } = {}): Step {
  const words = str.match(/\S+\s*/g) ?? [str];
  return {
    kind: "step",
    name: "slow",
    build: (ctx) =>
      messageFrames(ctx, str, words, { delayMs: options.delayMs ?? 200, id: options.id }, true),
  };
}

/**
 * A reasoning item with one summary part, streamed as `response.reasoning_summary_part.added` +
 * `response.reasoning_summary_text.delta` events. app-server emits `item/started` (reasoning),
 * `item/reasoning/summaryPartAdded`, `item/reasoning/summaryTextDelta` x chunks, `item/completed`.
 */
export function reasoning(
  summary: string,
  options: { chunks?: number; delayMs?: number; id?: string } = {},
): Step {
  return {
    kind: "step",
    name: "reasoning",
    build: (ctx) => {
      const id = options.id ?? ctx.nextId("rs");
      const outputIndex = ctx.nextOutputIndex();
      const frames: Frame[] = [
        {
          kind: "event",
          event: {
            type: "response.output_item.added",
            output_index: outputIndex,
            item: { type: "reasoning", id, summary: [] },
          },
        },
        {
          kind: "event",
          event: {
            type: "response.reasoning_summary_part.added",
            item_id: id,
            output_index: outputIndex,
            summary_index: 0,
            part: { type: "summary_text", text: "" },
          },
        },
      ];
      for (const delta of splitChunks(summary, options.chunks ?? 2)) {
        if (options.delayMs) frames.push({ kind: "delay", ms: options.delayMs });
        frames.push({
          kind: "event",
          event: {
            type: "response.reasoning_summary_text.delta",
            item_id: id,
            output_index: outputIndex,
            summary_index: 0,
            delta,
          },
        });
      }
      frames.push(
        {
          kind: "event",
          event: {
            type: "response.reasoning_summary_text.done",
            item_id: id,
            output_index: outputIndex,
            summary_index: 0,
            text: summary,
          },
        },
        {
          kind: "event",
          event: {
            type: "response.output_item.done",
            output_index: outputIndex,
            item: {
              type: "reasoning",
              id,
              summary: [{ type: "summary_text", text: summary }],
            },
          },
        },
      );
      ctx.countOutput(summary);
      return frames;
    },
  };
}

export interface ShellCallOptions {
  /** The shell command line (`exec_command`'s `cmd` argument). */
  cmd: string;
  /**
   * Why escalation is needed. When set (default: a generic sentence) the call asks for
   * `sandbox_permissions: "require_escalated"`, which under `approval_policy = "on-request"`
   * makes codex send `item/commandExecution/requestApproval`. Pass `null` for a plain call that
   * runs inside the sandbox without asking.
   */
  justification?: string | null;
  callId?: string;
  workdir?: string;
  /**
   * Run the shell as a login shell (`-lc`, sources the user's profile). Default false (`-c`):
   * deterministic output, no profile noise.
   */
  login?: boolean;
  /** Extra `exec_command` arguments (e.g. `yield_time_ms`). */
  extraArgs?: Record<string, unknown>;
}

/**
 * A `function_call` to codex's `exec_command` tool. codex runs it (after approval if it asks)
 * and sends the output back as a `function_call_output` with the same `call_id` in the next
 * request.
 */
export function shellCall(options: ShellCallOptions): Step {
  const args: Record<string, unknown> = { cmd: options.cmd };
  if (options.workdir !== undefined) args.workdir = options.workdir;
  args.login = options.login ?? false;
  const justification =
    options.justification === undefined
      ? "The test needs to run this command outside the sandbox."
      : options.justification;
  if (justification !== null) {
    args.sandbox_permissions = "require_escalated";
    args.justification = justification;
  }
  Object.assign(args, options.extraArgs);
  return functionCall("exec_command", args, { callId: options.callId, name: "shellCall" });
}

/**
 * A generic `function_call` output item (`arguments` is JSON-encoded for you unless it is
 * already a string). `namespace` calls a tool inside a namespace tool: codex 0.169.0 offers an
 * MCP server's tools as one namespace, `mcp__<server>` (see `mcpToolCall`).
 */
export function functionCall(
  toolName: string,
  args: Record<string, unknown> | string,
  options: { callId?: string; name?: string; namespace?: string } = {},
): Step {
  return {
    kind: "step",
    name: options.name ?? "functionCall",
    build: (ctx) => {
      const callId = options.callId ?? ctx.nextId("call");
      const id = ctx.nextId("fc");
      const outputIndex = ctx.nextOutputIndex();
      const argumentsText = typeof args === "string" ? args : JSON.stringify(args);
      ctx.countOutput(argumentsText);
      const item = {
        type: "function_call",
        id,
        call_id: callId,
        ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
        name: toolName,
        arguments: argumentsText,
      };
      return [
        {
          kind: "event",
          event: {
            type: "response.output_item.added",
            output_index: outputIndex,
            item: { ...item, arguments: "" },
          },
        },
        {
          kind: "event",
          event: {
            type: "response.function_call_arguments.done",
            item_id: id,
            output_index: outputIndex,
            arguments: argumentsText,
          },
        },
        {
          kind: "event",
          event: { type: "response.output_item.done", output_index: outputIndex, item },
        },
      ];
    },
  };
}

/**
 * A call of the tool `tool` of the MCP server `[mcp_servers.<server>]`: codex 0.169.0 offers each
 * server's tools inside one namespace tool, `mcp__<server>`, and answers a plain
 * `mcp__<server>__<tool>` call "unsupported call".
 */
export function mcpToolCall(
  server: string,
  tool: string,
  args: Record<string, unknown>,
  options: { callId?: string } = {},
): Step {
  return functionCall(tool, args, {
    callId: options.callId,
    name: "mcpToolCall",
    namespace: `mcp__${server}`,
  });
}

/**
 * An `apply_patch` call. codex 0.169.0 offers `apply_patch` to the model as a freeform
 * (`custom`) tool, so the model answers with a `custom_tool_call` whose `input` is the raw patch
 * text; codex replies with a `custom_tool_call_output`. Under `approval_policy = "on-request"`
 * with a read-only sandbox codex sends `item/fileChange/requestApproval` first.
 * Set `as: "function"` to send it as a `function_call` with `{"input": patch}` instead.
 */
export function applyPatch(
  patchText: string,
  options: { callId?: string; as?: "custom" | "function" } = {},
): Step {
  if (options.as === "function") {
    return functionCall(
      "apply_patch",
      { input: patchText },
      {
        callId: options.callId,
        name: "applyPatch",
      },
    );
  }
  return {
    kind: "step",
    name: "applyPatch",
    build: (ctx) => {
      const callId = options.callId ?? ctx.nextId("call");
      const id = ctx.nextId("ctc");
      const outputIndex = ctx.nextOutputIndex();
      ctx.countOutput(patchText);
      const item = {
        type: "custom_tool_call",
        id,
        call_id: callId,
        name: "apply_patch",
        input: patchText,
      };
      return [
        {
          kind: "event",
          event: {
            type: "response.output_item.added",
            output_index: outputIndex,
            item: { ...item, input: "" },
          },
        },
        {
          kind: "event",
          event: { type: "response.output_item.done", output_index: outputIndex, item },
        },
      ];
    },
  };
}

/** Any SSE event, sent as is (escape hatch). */
export function raw(event: SseEvent): Step {
  return { kind: "step", name: "raw", build: () => [{ kind: "event", event }] };
}

/** Waits `ms` before the next step. */
export function pause(ms: number): Step {
  return { kind: "step", name: "pause", build: () => [{ kind: "delay", ms }] };
}

/** Destroys the socket at this point (use inside `reply(...)`; see also {@link cutStream}). */
export function cut(): Step {
  return { kind: "step", name: "cut", build: () => [{ kind: "cut" }] };
}

/** The first part of an assistant message (added + deltas, never done). */
export function partialMessage(str: string, options: TextOptions = {}): Step {
  return {
    kind: "step",
    name: "partialMessage",
    build: (ctx) => messageFrames(ctx, str, splitChunks(str, options.chunks ?? 3), options, false),
  };
}

// ---------------------------------------------------------------------------------------------
// Patch text helpers (codex's `*** Begin Patch` format)

/** A patch adding a new file `path` (relative to the thread cwd, or absolute) with `content`. */
export function addFilePatch(path: string, content: string): string {
  const lines = content.endsWith("\n") ? content.slice(0, -1).split("\n") : content.split("\n");
  return [
    "*** Begin Patch",
    `*** Add File: ${path}`,
    ...lines.map((l) => `+${l}`),
    "*** End Patch",
  ].join("\n");
}

/** A patch replacing the line `oldLine` with `newLine` in the existing file `path`. */
export function updateFilePatch(path: string, oldLine: string, newLine: string): string {
  return [
    "*** Begin Patch",
    `*** Update File: ${path}`,
    "@@",
    `-${oldLine}`,
    `+${newLine}`,
    "*** End Patch",
  ].join("\n");
}

/** A patch deleting the file `path`. */
export function deleteFilePatch(path: string): string {
  return ["*** Begin Patch", `*** Delete File: ${path}`, "*** End Patch"].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Helpers for reading what codex sent

/** The `function_call_output` / `custom_tool_call_output` item for `callId` in a request. */
export function findCallOutput(request: ResponsesRequest, callId: string): InputItem | undefined {
  return (request.input ?? []).find(
    (item) =>
      (item.type === "function_call_output" || item.type === "custom_tool_call_output") &&
      item.call_id === callId,
  );
}

/** The output text of a tool call result (`output` is a string, or a list of content parts). */
export function callOutputText(item: InputItem | undefined): string | undefined {
  if (!item) return undefined;
  const out = item.output;
  if (typeof out === "string") return out;
  if (Array.isArray(out)) {
    return out
      .map((p: unknown) =>
        typeof p === "object" && p !== null && typeof (p as { text?: unknown }).text === "string"
          ? (p as { text: string }).text
          : "",
      )
      .join("");
  }
  if (
    out &&
    typeof out === "object" &&
    typeof (out as { content?: unknown }).content === "string"
  ) {
    return (out as { content: string }).content;
  }
  return out === undefined ? undefined : JSON.stringify(out);
}

/** The text of the user `input_text` parts in a request. */
export function userTexts(request: ResponsesRequest): string[] {
  const texts: string[] = [];
  for (const item of request.input ?? []) {
    if (item.type !== "message" || item.role !== "user" || !Array.isArray(item.content)) continue;
    for (const part of item.content as Array<{ type?: string; text?: string }>) {
      if (part.type === "input_text" && typeof part.text === "string") texts.push(part.text);
    }
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** Splits `str` into at most `n` non-empty pieces that concatenate back to `str`. */
export function splitChunks(str: string, n: number): string[] {
  if (str.length === 0) return [""];
  const count = Math.max(1, Math.min(Math.floor(n), str.length));
  const size = Math.ceil(str.length / count);
  const out: string[] = [];
  for (let i = 0; i < str.length; i += size) out.push(str.slice(i, i + size));
  return out;
}

function messageFrames(
  ctx: BuildContext,
  full: string,
  deltas: string[],
  options: TextOptions,
  finish: boolean,
): Frame[] {
  const id = options.id ?? ctx.nextId("msg");
  const outputIndex = ctx.nextOutputIndex();
  const frames: Frame[] = [
    {
      kind: "event",
      event: {
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { type: "message", role: "assistant", id, status: "in_progress", content: [] },
      },
    },
    {
      kind: "event",
      event: {
        type: "response.content_part.added",
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        part: { type: "output_text", text: "", annotations: [] },
      },
    },
  ];
  for (const delta of deltas) {
    if (options.delayMs) frames.push({ kind: "delay", ms: options.delayMs });
    frames.push({
      kind: "event",
      event: {
        type: "response.output_text.delta",
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        delta,
      },
    });
  }
  ctx.countOutput(full);
  if (!finish) return frames;
  frames.push(
    {
      kind: "event",
      event: {
        type: "response.output_text.done",
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        text: full,
      },
    },
    {
      kind: "event",
      event: {
        type: "response.output_item.done",
        output_index: outputIndex,
        item: {
          type: "message",
          role: "assistant",
          id,
          status: "completed",
          content: [{ type: "output_text", text: full, annotations: [] }],
        },
      },
    },
  );
  return frames;
}
