/**
 * The demo model's table: plain requests → scripted answers that drive codex through real tool
 * calls (`exec_command`, `apply_patch`, `update_plan`, `request_user_input`) in the demo
 * workspace. A script is called once per model request of a turn; `turn.results` holds what
 * codex sent back from the tools so far, so `turn.results.length` is the script's step.
 * Unknown prompts get the list of demo prompts. The table and the matching are here; the scripts
 * are in one module per family (files, todo, commands, plans, answers, review; blocks.ts the
 * pieces they share).
 */
import { text, type ReplyLike } from "../../script";
import { exitCode, type DemoTurn } from "../turn";
import { DEMO_TODO } from "../workspace";
import { askQuestion, failOnce, LONG_ANSWER, thinkHard } from "./answers";
import { FILE, say } from "./blocks";
import { commandScript, unquote } from "./commands";
import { createFile, deleteFile, explainFile } from "./files";
import { planAndWork, proposePlan } from "./plans";
import { review } from "./review";
import { fixTodo } from "./todo";

export interface DemoPrompt {
  /** Stable name, for tests and logs. */
  id: string;
  /** What to type, as the README and the help answer list it. */
  example: string;
  /** What it shows in the UI. */
  shows: string;
  /** Matched against the user's latest message (trimmed). */
  pattern: RegExp;
  script(turn: DemoTurn, match: RegExpExecArray): ReplyLike;
}

export const DEMO_PROMPTS: readonly DemoPrompt[] = [
  {
    id: "fixTodo",
    example: "fix the TODO in foo.ts",
    shows: "reasoning, a command that reads, a file edit with its diff, a test run; Undo turn",
    pattern: new RegExp(String.raw`\bfix\b.*\btodos?\b(?:.*?\b(?:in|of)\s+${FILE})?`, "i"),
    script: (turn, m) => fixTodo(turn, m[1] ?? turn.attached[0] ?? DEMO_TODO.file),
  },
  {
    id: "createFile",
    example: "create hello.txt",
    shows: "a new file (asks first in Chat mode) and its diff",
    pattern: new RegExp(
      String.raw`^(?:please\s+)?(?:create|add|make|write)\s+(?:a\s+)?(?:new\s+)?(?:file\s+)?(?:called\s+|named\s+)?${FILE}$`,
      "i",
    ),
    script: (turn, m) => createFile(turn, m[1]!),
  },
  {
    id: "deleteFile",
    example: "delete hello.txt",
    shows: "a deleted file; Undo turn brings it back",
    pattern: new RegExp(
      String.raw`^(?:please\s+)?(?:delete|remove)\s+(?:the\s+)?(?:file\s+)?${FILE}$`,
      "i",
    ),
    script: (turn, m) => deleteFile(turn, m[1]!),
  },
  {
    id: "appendLine",
    example: "append a line to README.md",
    shows: "a shell command that edits a file (asks first in Chat mode); Undo turn restores it",
    pattern: new RegExp(
      String.raw`^(?:please\s+)?(?:append|add)\s+(?:a\s+)?line\s+(?:to|in)\s+(?:the\s+)?(?:${FILE}|readme)$`,
      "i",
    ),
    script: (turn, m) =>
      commandScript(`echo 'A line added by a shell command.' >> ${m[1] ?? "README.md"}`, turn, {
        intro: "A shell command this time, not a patch:",
        after: () =>
          "The file changed through a shell command, which no patch records: the turn's " +
          "checkpoint caught it anyway, so **Undo turn** restores it.",
      }),
  },
  {
    id: "install",
    example: "install the dependencies",
    shows: "an approval card for a command outside the sandbox (Chat and Agent mode)",
    pattern: /\b(?:npm\s+)?install\b/i,
    script: (turn) =>
      commandScript("npm install --no-audit --no-fund", turn, {
        intro: "npm install writes node_modules and may need the network:",
        justification: "npm install writes node_modules and needs the network.",
      }),
  },
  {
    id: "slowCommand",
    example: "run a slow command",
    shows: "a command's output streaming for ten seconds; Stop interrupts it",
    pattern: /\b(?:slow|long[- ]running)\s+command\b/i,
    script: (turn) =>
      commandScript('for i in $(seq 1 10); do echo "step $i of 10"; sleep 1; done', turn, {
        intro: "This one takes ten seconds; press Stop to interrupt it.",
      }),
  },
  {
    id: "runCommand",
    example: "run ls",
    shows: "a command and its output (any command: `run npm test`, `run git status`)",
    pattern: /^(?:please\s+)?run\s+(.+)$/is,
    script: (turn, m) =>
      commandScript(unquote(m[1]!), turn, {
        after: (result) =>
          /check\.mjs/.test(result.args) && exitCode(result) !== 0
            ? "The test fails until the TODO is fixed: say **fix the TODO in foo.ts**."
            : "",
      }),
  },
  {
    id: "explain",
    example: "explain foo.ts",
    shows:
      "a command that reads a file, then an answer about it (also: attach a file, say explain this)",
    pattern: new RegExp(
      String.raw`^(?:please\s+)?(?:explain|read|what(?:'s| is) in)\s+(?:${FILE}|this(?:\s+file)?|it)\??$`,
      "i",
    ),
    script: (turn, m) => explainFile(turn, m[1] ?? turn.attached[0] ?? DEMO_TODO.file),
  },
  {
    id: "implementPlan",
    example: "Implement the plan.",
    shows:
      "what the extension sends for Implement this plan after Plan mode: the plan carried out (the TODO fix)",
    pattern: /^implement\s+the\s+plan\b/i,
    script: (turn) => fixTodo(turn, DEMO_TODO.file),
  },
  {
    id: "plan",
    example: "plan the cleanup",
    shows: "a plan (update_plan) whose steps complete one by one",
    pattern: /^(?:please\s+)?(?:make\s+a\s+)?plan\b\s*(?:for|to)?\s*(.*)$/is,
    script: (turn, m) => planAndWork(turn, (m[1] ?? "").trim()),
  },
  {
    id: "think",
    example: "think hard about caching",
    shows: "reasoning summaries streaming before the answer",
    pattern: /^(?:please\s+)?think\b(?:\s+(?:hard|deeply|carefully))?(?:\s+about)?\s*(.*)$/is,
    script: (_turn, m) => thinkHard((m[1] ?? "").trim().replace(/[.?!]+$/, "")),
  },
  {
    id: "longAnswer",
    example: "a long answer",
    shows: "a long markdown answer streaming slowly; Stop interrupts it",
    pattern: /\blong\s+(?:answer|reply|story|text)\b/i,
    script: () => text(LONG_ANSWER, { chunks: 160, delayMs: 80 }),
  },
  {
    id: "question",
    example: "ask me a question",
    shows: "a question with options for you to answer",
    pattern: /\bask\s+me\b/i,
    script: (turn) => askQuestion(turn),
  },
  {
    id: "error",
    example: "show an error",
    shows: "a failed turn with Retry (the retry succeeds)",
    pattern: /\b(?:error|fail)\b/i,
    script: (turn) => failOnce(turn),
  },
];

/**
 * codex's own requests to the model (not typed by the user): `/review`'s review prompt and
 * `/compact`'s summary request.
 */
export const CODEX_REQUESTS: ReadonlyArray<Pick<DemoPrompt, "id" | "pattern" | "script">> = [
  {
    id: "review",
    pattern: /^Review the (?:current )?code changes\b/,
    script: (turn) => review(turn),
  },
  {
    id: "compact",
    pattern: /You are performing a CONTEXT CHECKPOINT COMPACTION/,
    script: () =>
      say(
        "Summary for the next turn: this is the Codex demo (`npm start -- --mock`); the user " +
          "tried the demo prompts in the scratch demo project. Nothing is pending.",
      ),
  },
];

/** The help answer: every demo prompt and what it shows. */
export function helpText(prompt: string): string {
  return [
    !prompt || /^(?:help|hi|hello|hey|\?)\b/i.test(prompt)
      ? "Hi! I'm the demo model of `npm start -- --mock`."
      : `I'm the demo model, and I don't know “${prompt.slice(0, 120)}”.`,
    "I answer these requests (or close variants) with real tool calls in this demo workspace:",
    "",
    "| Say | Shows |",
    "| --- | --- |",
    ...DEMO_PROMPTS.map((entry) => `| ${entry.example} | ${entry.shows} |`),
    "",
    "Switch the mode under the composer (Chat, Agent, Full access) to see what asks for approval.",
    "Run `npm start` without `--mock` to chat with real Codex.",
  ].join("\n");
}

/** The demo prompt a message matches, first in table order, with its match. */
export function matchDemoPrompt(
  prompt: string,
): { entry: DemoPrompt; match: RegExpExecArray } | undefined {
  for (const entry of DEMO_PROMPTS) {
    const match = entry.pattern.exec(prompt.trim());
    if (match) return { entry, match };
  }
  return undefined;
}

/** The first text part of the message that is a demo prompt (the extension adds other parts). */
function matchTurn(turn: DemoTurn): ReturnType<typeof matchDemoPrompt> {
  for (const part of turn.parts) {
    const found = matchDemoPrompt(part);
    if (found) return found;
  }
  return matchDemoPrompt(turn.prompt);
}

/** The demo model's answer to one request codex sent. */
export function demoReply(turn: DemoTurn): ReplyLike {
  for (const request of CODEX_REQUESTS) {
    const match = turn.parts.map((part) => request.pattern.exec(part)).find(Boolean);
    if (match) return request.script(turn, match);
  }
  if (turn.planMode && !/^help\b/i.test(turn.prompt)) return proposePlan(turn);
  const found = matchTurn(turn);
  if (found) return found.entry.script(turn, found.match);
  return turn.results.length === 0 ? say(helpText(turn.prompt), 8) : say("Done.");
}
