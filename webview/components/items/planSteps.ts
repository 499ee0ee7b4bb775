/**
 * A proposed plan (codex's `plan` item, Markdown) cut into the parts the plan document shows:
 * its top-level list items are the steps the user can comment on one by one, numbered through
 * the whole plan; everything else (headings, prose, nested lists inside a step) stays Markdown.
 */

export type PlanBlock =
  | { kind: "text"; markdown: string }
  | {
      kind: "step";
      /** 0-based, through the whole plan. */
      index: number;
      /** The step's Markdown without its list marker. */
      markdown: string;
      /** Its first line as plain text: what a comment quotes. */
      summary: string;
    };

const STEP_START = /^(?:\d{1,3}[.)]|[-*+])[ \t]+(.*)$/;
const FENCE = /^\s*(```|~~~)/;

/** The longest quote of a step in a comment. */
const MAX_SUMMARY = 160;

function plainSummary(line: string): string {
  const plain = line
    .replace(/\*\*|__|`/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\[[ xX]\][ \t]+/, "")
    .trim();
  return plain.length > MAX_SUMMARY ? `${plain.slice(0, MAX_SUMMARY - 1)}…` : plain;
}

/** Removes the common leading indentation of a step's continuation lines. */
function dedent(lines: string[]): string[] {
  const indents = lines
    .filter((line) => line.trim())
    .map((line) => /^[ \t]*/.exec(line)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(cut, /^[ \t]*/.exec(line)![0].length)));
}

export function splitPlan(markdown: string): PlanBlock[] {
  const blocks: PlanBlock[] = [];
  let text: string[] = [];
  let step: { first: string; rest: string[] } | null = null;
  let fenced = false;
  let steps = 0;

  const flushText = () => {
    const joined = text.join("\n").trim();
    if (joined) blocks.push({ kind: "text", markdown: joined });
    text = [];
  };
  const flushStep = () => {
    if (!step) return;
    const rest = dedent(step.rest).join("\n").trimEnd();
    blocks.push({
      kind: "step",
      index: steps++,
      markdown: rest ? `${step.first}\n${rest}` : step.first,
      summary: plainSummary(step.first),
    });
    step = null;
  };

  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (FENCE.test(line)) fenced = !fenced;
    const start = !fenced && !FENCE.test(line) ? STEP_START.exec(line) : null;
    if (start) {
      flushText();
      flushStep();
      step = { first: start[1]!.trim(), rest: [] };
      continue;
    }
    // A step goes on over its indented lines, blank lines and fences; an unindented line ends it.
    if (step && (fenced || FENCE.test(line) || !line.trim() || /^[ \t]/.test(line))) {
      step.rest.push(line);
      continue;
    }
    flushStep();
    text.push(line);
  }
  flushText();
  flushStep();
  return blocks;
}
