/**
 * Realistic codex notification streams, generated from the recorded real-codex fixtures in
 * test/fixtures/streams: every message is a recorded message with fresh ids, times and text, in
 * the order codex 0.169.0 sends them. Turns mix reasoning, commands with output, diffs and
 * answers; deltas dominate, as in real streams.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { answerTokens, commandOutputLines, prng, tokenize, markdownAnswer } from "./text";

export interface RawNotification {
  method: string;
  params: Record<string, unknown>;
  emittedAtMs?: number;
}

interface Fixture {
  notifications: RawNotification[];
}

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/streams");

function load(name: string): RawNotification[] {
  return (JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as Fixture)
    .notifications;
}

/** One recorded message of each kind the generator needs. */
function templates() {
  const text = load("text");
  const reasoning = load("reasoning");
  const command = load("commandApproval");
  const patch = load("patchApproval");
  const find = (
    list: RawNotification[],
    method: string,
    predicate = (_n: RawNotification) => true,
  ) => {
    const found = list.find((n) => n.method === method && predicate(n));
    if (!found) throw new Error(`fixture has no ${method}`);
    return found;
  };
  const itemType = (type: string) => (n: RawNotification) =>
    (n.params.item as { type?: string } | undefined)?.type === type;
  return {
    threadStarted: find(text, "thread/started"),
    statusActive: find(
      text,
      "thread/status/changed",
      (n) => (n.params.status as { type: string }).type === "active",
    ),
    statusIdle: find(
      text,
      "thread/status/changed",
      (n) => (n.params.status as { type: string }).type === "idle",
    ),
    turnStarted: find(text, "turn/started"),
    userStarted: find(text, "item/started", itemType("userMessage")),
    userCompleted: find(text, "item/completed", itemType("userMessage")),
    agentStarted: find(text, "item/started", itemType("agentMessage")),
    agentDelta: find(text, "item/agentMessage/delta"),
    agentCompleted: find(text, "item/completed", itemType("agentMessage")),
    reasoningStarted: find(reasoning, "item/started", itemType("reasoning")),
    reasoningPart: find(reasoning, "item/reasoning/summaryPartAdded"),
    reasoningDelta: find(reasoning, "item/reasoning/summaryTextDelta"),
    reasoningCompleted: find(reasoning, "item/completed", itemType("reasoning")),
    commandStarted: find(command, "item/started", itemType("commandExecution")),
    commandCompleted: find(command, "item/completed", itemType("commandExecution")),
    diffUpdated: find(patch, "turn/diff/updated"),
    tokenUsage: find(text, "thread/tokenUsage/updated"),
    rateLimits: find(text, "account/rateLimits/updated"),
    turnCompleted: find(text, "turn/completed"),
  };
}

type Templates = ReturnType<typeof templates>;

/** The thread every generated notification belongs to (UUID-shaped, like codex's). */
export const BENCH_THREAD_ID = "019a7c3e-5b2d-7f10-9c4e-2b8d6f1a3e57";

const clone = <T>(value: T): T => structuredClone(value);

class Builder {
  readonly out: RawNotification[] = [];
  private clock = 1_795_282_462_000;
  private counter = 0;

  constructor(
    readonly t: Templates,
    readonly random: () => number,
    readonly threadId: string,
  ) {}

  id(prefix: string): string {
    return `${prefix}_${(++this.counter).toString(36)}_${Math.floor(this.random() * 1e9).toString(36)}`;
  }

  /** A UUID-shaped id, like codex's thread and turn ids. */
  uuid(): string {
    const hex = () =>
      Math.floor(this.random() * 0x10000)
        .toString(16)
        .padStart(4, "0");
    return `${hex()}${hex()}-${hex()}-7${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`;
  }

  /** Copies a template with `params` overridden and a fresh emittedAtMs. */
  emit(template: RawNotification, params: Record<string, unknown>): void {
    this.clock += 1 + Math.floor(this.random() * 20);
    this.out.push({
      method: template.method,
      params: { ...clone(template.params), threadId: this.threadId, ...params },
      emittedAtMs: this.clock,
    });
  }

  /** A delta: built directly in codex's key order (no template copy; there are many). */
  delta(method: string, params: Record<string, unknown>): void {
    this.clock += Math.floor(this.random() * 3);
    this.out.push({
      method,
      params: { threadId: this.threadId, ...params },
      emittedAtMs: this.clock,
    });
  }

  item(template: RawNotification, patch: Record<string, unknown>): Record<string, unknown> {
    return { ...clone(template.params.item as Record<string, unknown>), ...patch };
  }
}

export interface TurnShape {
  /** Agent message deltas. */
  answerTokens: number;
  reasoningTokens: number;
  /** Output lines of one command (0: no command). */
  commandLines: number;
  diff: boolean;
}

function turn(b: Builder, shape: TurnShape): void {
  const { t } = b;
  const turnId = b.uuid();
  const turnObject = (status: string, items: unknown[]) => ({
    ...clone(t.turnStarted.params.turn as Record<string, unknown>),
    id: turnId,
    rootTurnId: turnId,
    status,
    items,
  });
  b.emit(t.statusActive, {});
  b.emit(t.turnStarted, { turn: turnObject("inProgress", []) });
  const userId = b.id("user");
  const userText = markdownAnswer(b.random, 80).split("\n")[0]!;
  const content = [{ type: "text", text: userText, text_elements: [] }];
  b.emit(t.userStarted, { turnId, item: b.item(t.userStarted, { id: userId, content }) });
  b.emit(t.userCompleted, { turnId, item: b.item(t.userCompleted, { id: userId, content }) });

  if (shape.reasoningTokens > 0) {
    const itemId = b.id("rs");
    b.emit(t.reasoningStarted, { turnId, item: b.item(t.reasoningStarted, { id: itemId }) });
    b.emit(t.reasoningPart, { turnId, itemId, summaryIndex: 0 });
    const tokens = answerTokens(b.random, shape.reasoningTokens);
    for (const delta of tokens) {
      b.delta(t.reasoningDelta.method, { turnId, itemId, delta, summaryIndex: 0 });
    }
    b.emit(t.reasoningCompleted, {
      turnId,
      item: b.item(t.reasoningCompleted, { id: itemId, summary: [tokens.join("")], content: [] }),
    });
  }

  if (shape.commandLines > 0) {
    const itemId = b.id("call");
    b.emit(t.commandStarted, { turnId, item: b.item(t.commandStarted, { id: itemId }) });
    const lines = commandOutputLines(b.random, shape.commandLines);
    for (const delta of lines) {
      b.delta("item/commandExecution/outputDelta", { turnId, itemId, delta });
    }
    b.emit(t.commandCompleted, {
      turnId,
      item: b.item(t.commandCompleted, { id: itemId, aggregatedOutput: lines.join("") }),
    });
    b.emit(t.tokenUsage, { turnId });
    b.emit(t.rateLimits, {});
  }
  if (shape.diff) b.emit(t.diffUpdated, { turnId });

  const itemId = b.id("msg");
  b.emit(t.agentStarted, { turnId, item: b.item(t.agentStarted, { id: itemId }) });
  const tokens = answerTokens(b.random, shape.answerTokens);
  for (const delta of tokens) b.delta(t.agentDelta.method, { turnId, itemId, delta });
  const agentItem = b.item(t.agentCompleted, { id: itemId, text: tokens.join("") });
  b.emit(t.agentCompleted, { turnId, item: agentItem });
  b.emit(t.tokenUsage, { turnId });
  b.emit(t.rateLimits, {});
  if (shape.diff) b.emit(t.diffUpdated, { turnId });
  b.emit(t.statusIdle, {});
  b.emit(t.turnCompleted, { turn: turnObject("completed", [agentItem]) });
}

/** Sizes of generated turns: [min, max) tokens or lines. */
export interface StreamShape {
  answer: [number, number];
  reasoning: [number, number];
  commandLines: [number, number];
}

/** Answers of 100–700 tokens: a busy session's streaming mix. */
export const STREAMING_SHAPE: StreamShape = {
  answer: [100, 700],
  reasoning: [20, 100],
  commandLines: [5, 65],
};

/** Shorter turns, for building long transcripts quickly. */
export const TRANSCRIPT_SHAPE: StreamShape = {
  answer: [20, 160],
  reasoning: [5, 40],
  commandLines: [2, 20],
};

/**
 * About `count` notifications (exactly `count`: the last turn is cut) of one thread: turns of
 * `shape.answer` answer tokens, half with reasoning, a third with a command, some with a diff.
 */
export function generateStream(
  count: number,
  seed = 1,
  shape: StreamShape = STREAMING_SHAPE,
): RawNotification[] {
  const random = prng(seed);
  const b = new Builder(templates(), random, BENCH_THREAD_ID);
  b.emit(b.t.threadStarted, {
    thread: { ...clone(b.t.threadStarted.params.thread as object), id: BENCH_THREAD_ID },
  });
  delete b.out[0]!.params.threadId;
  while (b.out.length < count) {
    const range = ([min, max]: [number, number]) => min + Math.floor(random() * (max - min));
    turn(b, {
      answerTokens: range(shape.answer),
      reasoningTokens: random() < 0.5 ? range(shape.reasoning) : 0,
      commandLines: random() < 0.33 ? range(shape.commandLines) : 0,
      diff: random() < 0.2,
    });
  }
  return b.out.slice(0, count);
}

/** One turn whose answer streams as exactly `deltas` agent-message deltas. */
export function generateLongTurn(deltas: number, seed = 3): RawNotification[] {
  const random = prng(seed);
  const b = new Builder(templates(), random, BENCH_THREAD_ID);
  turn(b, { answerTokens: deltas, reasoningTokens: 0, commandLines: 0, diff: false });
  return b.out;
}

/** JSONL bytes exactly as codex writes them: one JSON object per line. */
export function toJsonl(notifications: readonly RawNotification[]): Buffer {
  return Buffer.from(notifications.map((n) => JSON.stringify(n)).join("\n") + "\n", "utf8");
}

/** Counts by method, for reports. */
export function methodMix(notifications: readonly RawNotification[]): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const n of notifications) mix[n.method] = (mix[n.method] ?? 0) + 1;
  return mix;
}

export { tokenize };
