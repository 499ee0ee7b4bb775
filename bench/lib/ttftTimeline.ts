/**
 * Bench 6's model of one sidebar turn: the page's times, completed with what the codex tap
 * (codexTap.cjs), the extension host's wire probe (extHost/wireProbe.cjs) and the mock model
 * noted, on one clock (performance.timeOrigin + now() in each process), and the stages between
 * them with who owns each.
 */
import type { TapNote } from "./codexTap";

/** Bytes the wire probe saw on one of the extension host's sockets or pipes. */
export interface WireNote {
  t: number;
  wire: string;
  text: string;
}

/** When the mock model was asked for the answer to `marker`. */
export interface ModelAsk {
  t: number;
  marker: string;
}

/** What the page measures of one send (absolute ms). */
export interface PageTimes {
  /** The Send click (a capturing listener, before the composer's handler). */
  click: number;
  /** The click's listeners done, with the render the composer queued (a bubbling listener). */
  clickHandled: number;
  /** The answer's first post began its task in the webview (the message event's timeStamp). */
  webviewReceived: number;
  /** The answer's text is in the transcript's DOM (MutationObserver). */
  inDom: number;
  /** A task queued from the next animation frame: that frame is painted. */
  painted: number;
}

/** One sidebar turn's times: the page's, the tap's, the probe's and the mock model's. */
export interface Timeline extends PageTimes {
  hostReadSend?: number;
  hostWroteTurnStart?: number;
  codexReadTurnStart?: number;
  modelAsked?: number;
  codexWroteDelta?: number;
  hostReadDelta?: number;
  hostPosted?: number;
}

/** Who a stage's time belongs to. */
export type Owner = "extension" | "VS Code" | "codex" | "bench tap";

/** The stages between consecutive timeline points. */
export const STAGES: [string, keyof Timeline, keyof Timeline, Owner][] = [
  ["webview: click handled", "click", "clickHandled", "extension"],
  ["webview → host", "clickHandled", "hostReadSend", "VS Code"],
  ["host: send → turn/start written", "hostReadSend", "hostWroteTurnStart", "extension"],
  ["pipe to codex", "hostWroteTurnStart", "codexReadTurnStart", "bench tap"],
  ["codex: turn/start → model request", "codexReadTurnStart", "modelAsked", "codex"],
  ["codex: model request → first delta", "modelAsked", "codexWroteDelta", "codex"],
  ["pipe to host", "codexWroteDelta", "hostReadDelta", "bench tap"],
  ["host: delta → post", "hostReadDelta", "hostPosted", "extension"],
  ["host → webview", "hostPosted", "webviewReceived", "VS Code"],
  ["webview: message → text in DOM", "webviewReceived", "inDom", "extension"],
];

/** ms from `a` to `b` in `t`; NaN when either is missing. */
export const stage = (t: Timeline, a: keyof Timeline, b: keyof Timeline): number =>
  (t[b] ?? NaN) - (t[a] ?? NaN);

/** The sum of the stages `owner` owns in `t` (ms). */
export const ownerMs = (t: Timeline, owner: Owner): number =>
  STAGES.filter((s) => s[3] === owner).reduce((sum, [, a, b]) => sum + stage(t, a, b), 0);

/** The baseline: the sidebar's own codex from reading turn/start to writing the first delta. */
export const sameCodex = (t: Timeline): number => stage(t, "codexReadTurnStart", "codexWroteDelta");

/**
 * How far another process's clock may read behind this one's: each process fixes its
 * performance.timeOrigin when it starts, and two of them can disagree by a few ms or more. A
 * turn's turn/start comes seconds after the one before, so this slack cannot take the wrong one.
 */
export const CLOCK_SLACK_MS = 200;

/** The first note at or after `from` (within the clock slack) that `match` accepts. */
export function firstAfter<T extends { t: number }>(
  notes: readonly T[],
  from: number,
  match: (note: T) => boolean,
): number | undefined {
  return notes.find((n) => n.t >= from - CLOCK_SLACK_MS && match(n))?.t;
}

/** One turn at codex's pipes: when it read turn/start (absolute), and ms from there on. */
export interface CodexTimes {
  turnStart: number;
  modelAsked: number;
  firstDelta: number;
}

/** The first turn/start codex read after `from` and the first delta of the answer to `mark`. */
export function codexTimes(notes: readonly TapNote[], mark: string, from: number): CodexTimes {
  const since = from - CLOCK_SLACK_MS;
  const turnStart =
    notes.find((n) => n.t >= since && n.dir === "in" && n.method === "turn/start")?.t ?? NaN;
  const delta = notes.find(
    (n) =>
      n.t >= since && n.method === "item/agentMessage/delta" && (n.text ?? "").startsWith(mark),
  );
  return { turnStart, modelAsked: NaN, firstDelta: (delta?.t ?? NaN) - turnStart };
}

/** What the other processes noted, for completing the page's times of a turn. */
export interface TurnNotes {
  /** The sidebar's codex tap. */
  tap: readonly TapNote[];
  wire: readonly WireNote[];
  modelAsked: readonly ModelAsk[];
}

/** The page's times of the turn answering `mark`, completed with the tap's, probe's and mock's. */
export function timelineOf(mark: string, page: PageTimes, notes: TurnNotes): Timeline {
  const { click } = page;
  const codex = codexTimes(notes.tap, mark, click);
  const answer = `"${mark}`; // the answer's first text, not the question ("for <mark>")
  const hostReadDelta = firstAfter(
    notes.wire,
    click,
    (n) => n.wire === "socket.data" && n.text.includes(answer),
  );
  return {
    ...page,
    // The send itself: the draft and the view state carry the same text, before the click.
    hostReadSend: firstAfter(
      notes.wire,
      click,
      (n) => n.text.includes("chat/send") && n.text.includes(`for ${mark}`),
    ),
    hostWroteTurnStart: firstAfter(
      notes.wire,
      click,
      (n) => n.wire.endsWith(".write") && n.text.includes('"turn/start"'),
    ),
    codexReadTurnStart: codex.turnStart,
    modelAsked: notes.modelAsked.find((r) => r.marker === mark)?.t,
    codexWroteDelta: codex.turnStart + codex.firstDelta,
    hostReadDelta,
    hostPosted: firstAfter(
      notes.wire,
      hostReadDelta ?? click,
      (n) => n.wire.endsWith(".write") && n.text.includes(answer),
    ),
  };
}
