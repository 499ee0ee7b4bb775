/**
 * A long codex thread written as the rollout file codex itself would have written: the lines of a
 * short thread the real codex recorded (bench/lib/rolloutTemplate.ts, marker texts in its turns)
 * repeated turn after turn, seeded and deterministic. Each generated turn is a copy of one of the
 * template's turns with fresh ids, renumbered ordinals and history sequences, and generated
 * texts in place of the markers; the first turn keeps the template's session context lines.
 */
import { markdownAnswer, prng, sentence, commandOutputLines } from "./text";

/** The texts the template's turns carry, replaced in every generated turn. */
export const ROLLOUT_MARKERS = {
  question: "benchquestionmark",
  answer: "benchanswermark",
  reasoning: "benchreasoningmark",
  command: "echo benchcommandmark",
  output: "benchcommandmark\n",
} as const;

/** The short thread the real codex wrote (its rollout lines) and what to replace in it. */
export interface RolloutTemplate {
  lines: readonly string[];
  threadId: string;
  /** Paths of the recording run (its workspace, its CODEX_HOME), replaced by the bench's. */
  paths: { workspace: string; home: string };
}

export interface GeneratedTurn {
  id: string;
  question: string;
  answer: string;
}

export interface GeneratedRollout {
  threadId: string;
  /** `rollout-<time>-<threadId>.jsonl`, under sessions/YYYY/MM/DD/ of CODEX_HOME. */
  relativePath: string;
  text: string;
  turns: GeneratedTurn[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** The mock model's per-response ids (msg_3_1, rs_2_1, fc_2_1, call_2_1, resp_3). */
const MOCK_IDS = /\b(msg|rs|fc|call)_\d+_(\d+)\b/g;
const RESPONSE_IDS = /\bresp_\d+\b/g;
const ORDINAL = /"ordinal":\d+/;
const SEQUENCE = /"(history_sequence|sampled_through_sequence)":(\d+)/g;

/** A JSON string's contents (what a text looks like inside a serialised line). */
export const inJson = (text: string): string => JSON.stringify(text).slice(1, -1);

function replaceAll(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}

/** Splits the template into its lines before the first turn and its turns (task_started…task_complete). */
function turnBlocks(lines: readonly string[]): { head: string[]; turns: string[][] } {
  const head: string[] = [];
  const turns: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.includes('"type":"task_started"')) current = [];
    if (current) current.push(line);
    else head.push(line);
    if (current && line.includes('"type":"task_complete"')) {
      turns.push(current);
      current = null;
    }
  }
  if (current) throw new Error("the template's last turn did not complete");
  return { head, turns };
}

function uuidFrom(random: () => number, prefix: number): string {
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join("");
  const time = prefix.toString(16).padStart(12, "0").slice(-12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

/**
 * `turns` turns after the template's: turn 1 is the template's first turn (with its session
 * context), the others its later turns in a seeded mix (the one with a command about a third of
 * the time). Every turn's question starts "Question <n>:" and its answer "Answer <n>.".
 */
export function generateRollout(
  template: RolloutTemplate,
  options: { turns: number; seed: number; workspace: string; home: string; startMs: number },
): GeneratedRollout {
  const random = prng(options.seed);
  const threadId = uuidFrom(random, options.startMs);
  const rebase = (text: string) =>
    replaceAll(
      replaceAll(
        replaceAll(text, template.threadId, threadId),
        template.paths.workspace,
        options.workspace,
      ),
      template.paths.home,
      options.home,
    );
  const { head, turns: blocks } = turnBlocks(template.lines.map(rebase));
  if (blocks.length < 2) throw new Error("the template needs a first turn and a later one");
  const withCommand = blocks.findIndex(
    (b, i) => i > 0 && b.some((l) => l.includes(ROLLOUT_MARKERS.command)),
  );
  const plain = blocks.findIndex(
    (b, i) => i > 0 && !b.some((l) => l.includes(ROLLOUT_MARKERS.command)),
  );

  const out: string[] = [];
  let ordinal = 0;
  let sequence = 0;
  const push = (line: string) => out.push(line.replace(ORDINAL, `"ordinal":${ordinal++}`));
  head.forEach(push);
  const generated: GeneratedTurn[] = [];
  for (let n = 1; n <= options.turns; n++) {
    const pickIndex =
      n === 1 ? 0 : withCommand > 0 && (plain < 0 || random() < 0.35) ? withCommand : plain;
    const block = blocks[pickIndex]!;
    const question = `Question ${n}: ${sentence(random)}`;
    const answer = `Answer ${n}. ${sentence(random)}\n\n${markdownAnswer(random, 200 + Math.floor(random() * 1_200))}`;
    const reasoning = sentence(random);
    const command = `npm test -- --grep turn${n}`;
    const output = commandOutputLines(random, 2 + Math.floor(random() * 10)).join("");
    // Fresh ids for this turn: the turn's and items' UUIDs, the mock's per-response ids.
    const ids = new Map<string, string>();
    let text = block.join("\n");
    text = text.replace(UUID, (id) => {
      if (id === threadId) return id;
      let fresh = ids.get(id);
      if (!fresh) ids.set(id, (fresh = uuidFrom(random, options.startMs + n * 1_000)));
      return fresh;
    });
    text = text.replace(MOCK_IDS, (_, kind: string, index: string) => `${kind}_${n}_${index}`);
    text = text.replace(RESPONSE_IDS, `resp_${n}`);
    text = replaceAll(text, ROLLOUT_MARKERS.command, command);
    text = replaceAll(text, inJson(ROLLOUT_MARKERS.output), inJson(output));
    text = replaceAll(text, ROLLOUT_MARKERS.question, inJson(question));
    text = replaceAll(text, ROLLOUT_MARKERS.answer, inJson(answer));
    text = replaceAll(text, ROLLOUT_MARKERS.reasoning, inJson(reasoning));
    // The model-history sequence numbers go on from the previous turn's.
    const lines = text.split("\n");
    let lowest = Infinity;
    let highest = -Infinity;
    for (const line of lines) {
      for (const match of line.matchAll(SEQUENCE)) {
        if (match[1] === "history_sequence") {
          lowest = Math.min(lowest, Number(match[2]));
          highest = Math.max(highest, Number(match[2]));
        }
      }
    }
    const shift = Number.isFinite(lowest) ? sequence + 1 - lowest : 0;
    for (const line of lines) {
      push(
        line.replace(
          SEQUENCE,
          (_, key: string, value: string) => `"${key}":${Math.max(0, Number(value) + shift)}`,
        ),
      );
    }
    if (Number.isFinite(highest)) sequence = highest + shift;
    const turnId = /"turn_id":"([^"]+)"/.exec(lines[0]!)?.[1];
    if (!turnId) throw new Error("a template turn without turn_id");
    generated.push({ id: turnId, question, answer });
  }
  const started = new Date(options.startMs).toISOString();
  const day = started.slice(0, 10).split("-").join("/");
  const stamp = started.slice(0, 19).replace(/:/g, "-");
  return {
    threadId,
    relativePath: `sessions/${day}/rollout-${stamp}-${threadId}.jsonl`,
    text: out.join("\n") + "\n",
    turns: generated,
  };
}
