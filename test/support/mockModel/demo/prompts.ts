/**
 * The demo model's table: plain requests → scripted answers that drive codex through real tool
 * calls (`exec_command`, `apply_patch`, `update_plan`, `request_user_input`) in the demo
 * workspace. A script is called once per model request of a turn; `turn.results` holds what
 * codex sent back from the tools so far, so `turn.results.length` is the script's step.
 * Unknown prompts get the list of demo prompts.
 */
import {
  addFilePatch,
  applyPatch,
  deleteFilePatch,
  functionCall,
  httpError,
  reasoning,
  reply,
  shellCall,
  text,
  updateFilePatch,
  type ReplyLike,
  type Step,
} from "../script";
import { commandOutput, exitCode, wasDeclined, type DemoTurn, type ToolResult } from "./turn";
import { DEMO_TODO } from "./workspace";

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

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Streamed text: about a dozen characters per delta, a little apart, as a model streams. */
function say(str: string, delayMs = 20): Step {
  return text(str, { chunks: Math.max(1, Math.ceil(str.length / 12)), delayMs });
}

/** A sandboxed command; with `justification`, one that asks to run outside the sandbox. */
function run(cmd: string, justification: string | null = null, extra?: Record<string, unknown>) {
  return shellCall({ cmd, justification, extraArgs: extra });
}

const fence = (body: string): string => "```\n" + (body.trimEnd() || "(no output)") + "\n```";

function firstLines(body: string, max = 30): string {
  const lines = body.trimEnd().split("\n");
  return lines.length <= max
    ? lines.join("\n")
    : [...lines.slice(0, max), `… ${lines.length - max} more lines`].join("\n");
}

/** The sandbox stopped a command from writing (Chat mode is read-only). */
function blockedBySandbox(result: ToolResult | undefined): boolean {
  return (
    (exitCode(result) ?? 0) !== 0 &&
    /Read-only file system|Permission denied|Operation not permitted/i.test(result?.output ?? "")
  );
}

const asked = (result: ToolResult | undefined): boolean =>
  (result?.args ?? "").includes("require_escalated");

/**
 * Runs `cmd` and reports its output. A command the sandbox stops from writing is asked again
 * outside the sandbox (an approval card), as codex's models do; a declined one is left alone.
 */
function commandScript(
  cmd: string,
  turn: DemoTurn,
  options: { intro?: string; justification?: string; after?: (result: ToolResult) => string } = {},
): ReplyLike {
  const last = turn.results.at(-1);
  if (!last) {
    const call = run(cmd, options.justification ?? null, { yield_time_ms: 20_000 });
    return reply(say(options.intro ?? `Running \`${cmd}\`.`), call);
  }
  if (wasDeclined(last)) return say(`You declined \`${cmd}\`, so it did not run.`);
  if (blockedBySandbox(last) && !asked(last)) {
    return reply(
      say("The sandbox is read-only here (Chat mode), so I'm asking to run it outside."),
      run(cmd, "It writes to the workspace, which the read-only sandbox blocks."),
    );
  }
  const code = exitCode(last);
  const status = code === undefined ? "finished" : `exited with code ${code}`;
  const extra = options.after?.(last);
  return say(
    `\`${cmd}\` ${status}:\n\n${fence(firstLines(commandOutput(last)))}` +
      (extra ? `\n\n${extra}` : ""),
  );
}

/** The outcome of an `apply_patch` call, in words. */
function patchOutcome(result: ToolResult | undefined, done: string): string {
  const output = result?.output ?? "";
  if (wasDeclined(result)) return "You declined the change, so no file was touched.";
  if (/Success\. Updated the following files/.test(output)) return done;
  return `The patch did not apply:\n\n${fence(firstLines(output))}`;
}

/** A reasonable first content for a new file, by its extension. */
export function starterContent(file: string): string {
  const name = file.split("/").at(-1) ?? file;
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  switch (ext) {
    case "ts":
      return "export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}\n";
    case "js":
    case "mjs":
      return "export function hello(name) {\n  return `Hello, ${name}!`;\n}\n";
    case "md":
      return `# ${name.replace(/\.md$/i, "")}\n\nWritten by the Codex demo.\n`;
    case "py":
      return 'print("Hello from the Codex demo!")\n';
    case "json":
      return '{\n  "hello": "world"\n}\n';
    default:
      return "Hello from the Codex demo!\n";
  }
}

/** The `file:line:text` lines of grep's output (not the shell's own noise around them). */
function grepHits(output: string): string[] {
  return output.split("\n").filter((line) => /^[^:\s]+:\d+:/.test(line));
}

/** `str` as one shell word. */
const shellWord = (str: string): string =>
  /^[\w./-]+$/.test(str) ? str : `'${str.replace(/'/g, "'\\''")}'`;

/** The names `ls` printed, without a shell profile's warnings (`pyenv: …`) among them. */
function listing(output: string): string[] {
  return output.split("\n").filter((line) => line && !/^[\w.-]+: /.test(line));
}

/** A file name in `str` (`hello.txt`, `src/a.ts`), without quotes or backticks. */
const FILE = String.raw`[\x60"']?([\w.\-/]*\w\.\w+)[\x60"']?`;

// ---------------------------------------------------------------------------------------------
// Scripts

function createFile(turn: DemoTurn, file: string): ReplyLike {
  if (turn.results.length === 0) {
    return reply(
      say(`Creating \`${file}\`.`),
      applyPatch(addFilePatch(file, starterContent(file))),
    );
  }
  return say(
    patchOutcome(
      turn.results.at(-1),
      `Created \`${file}\`. Its diff is in the turn's changes: open it from the file card, ` +
        "review it, or use **Undo turn** to take it back.",
    ),
  );
}

function deleteFile(turn: DemoTurn, file: string): ReplyLike {
  if (turn.results.length === 0) {
    return reply(say(`Deleting \`${file}\`.`), applyPatch(deleteFilePatch(file)));
  }
  return say(
    patchOutcome(turn.results.at(-1), `Deleted \`${file}\`. **Undo turn** brings it back.`),
  );
}

function fixTodo(turn: DemoTurn, file: string): ReplyLike {
  const [found, patched, checked] = turn.results;
  if (!found) {
    return reply(
      reasoning(`**Finding the TODO**\n\nI'll look for the TODO comment in ${file} first.`),
      say("Let me find the TODO first."),
      run(`grep -n TODO ${shellWord(file)}`),
    );
  }
  const hit = /^(\d+):(.*)$/m.exec(commandOutput(found));
  if (!hit) {
    return say(
      `There is no TODO left in \`${file}\`. If you fixed it in an earlier turn, ` +
        "**Undo turn** on that turn brings it back.",
    );
  }
  const line = hit[2] ?? "";
  if (!patched) {
    const fixed =
      line === DEMO_TODO.comment ? DEMO_TODO.fix : line.replace(/\bTODO\b:?\s*/, "Done: ");
    return reply(
      reasoning(`**Fixing it**\n\nLine ${hit[1]} says what to do; a one-line change does it.`),
      say(`Found it on line ${hit[1]}. Changing it:`),
      applyPatch(updateFilePatch(file, line, fixed)),
    );
  }
  const outcome = patchOutcome(patched, `Fixed the TODO in \`${file}\`.`);
  if (!/^Fixed/.test(outcome)) return say(outcome);
  if (file === DEMO_TODO.file && !checked) {
    return reply(say(`${outcome} Now the test:`), run("node check.mjs"));
  }
  const test = checked ? `\n\n${fence(commandOutput(checked))}` : "";
  return say(
    `${outcome}${test}\n\nThe diff is in the turn's changes; **Undo turn** restores the file ` +
      "exactly as it was.",
  );
}

const PLAN_STEPS: ReadonlyArray<readonly [step: string, cmd: string]> = [
  ["List the files in the workspace", "ls -A"],
  ["Find the open TODOs", "grep -rn TODO --include=*.ts ."],
  ["Run the test", "node check.mjs"],
];

/** update_plan as codex's models call it: every step, exactly one `in_progress` until done. */
function planUpdate(done: number, explanation?: string): Step {
  const steps = [...PLAN_STEPS.map(([step]) => step), "Say what to do next"];
  return functionCall("update_plan", {
    ...(explanation ? { explanation } : {}),
    plan: steps.map((step, index) => ({
      step,
      status: index < done ? "completed" : index === done ? "in_progress" : "pending",
    })),
  });
}

/**
 * "plan …" outside Plan mode: a checklist (`update_plan`) worked through step by step, one
 * read-only command each, the plan updated as each step completes.
 */
function planAndWork(turn: DemoTurn, goal: string): ReplyLike {
  const step = turn.results.length;
  if (step === 0) {
    return reply(
      reasoning("**Breaking it down**\n\nA few small steps, each checked before the next."),
      say(`Here's my plan for ${goal ? `“${goal}”` : "this"}:`),
      planUpdate(0, "Look before changing anything."),
    );
  }
  // Odd steps: the plan was just updated, run the command of the step in progress.
  // Even steps: a command finished, mark its step done.
  const current = Math.floor((step - 1) / 2);
  if (current < PLAN_STEPS.length) {
    const entry = PLAN_STEPS[current]!;
    return step % 2 === 1 ? run(entry[1]) : planUpdate(current + 1);
  }
  if (step === PLAN_STEPS.length * 2 + 1) return planUpdate(PLAN_STEPS.length + 1);
  const outputs = turn.results.filter((result) => result.tool === "exec_command");
  const todos = grepHits(commandOutput(outputs[1])).length;
  const testPasses = exitCode(outputs[2]) === 0;
  return say(
    [
      "Done. What I found:",
      "",
      `- ${listing(commandOutput(outputs[0])).length} entries in the workspace.`,
      `- ${todos === 0 ? "No open TODOs" : `${todos} open TODO${todos === 1 ? "" : "s"}`}.`,
      `- The test ${testPasses ? "passes" : "fails"}.`,
      "",
      testPasses
        ? "Nothing to do next: try **delete hello.txt** or **run ls**."
        : "Next: say **fix the TODO in foo.ts**.",
    ].join("\n"),
  );
}

/** Plan mode (codex's Plan collaboration mode): look around read-only, then propose a plan. */
function proposePlan(turn: DemoTurn): ReplyLike {
  const [listed, todos] = turn.results;
  if (!listed) {
    return reply(
      reasoning("**Planning**\n\nPlan mode: I may read, not change. First, what is here."),
      run("ls"),
    );
  }
  if (!todos) return run("grep -rn TODO --include=*.ts .");
  const found = grepHits(commandOutput(todos));
  return reply(
    reasoning("**Writing the plan**\n\nEnough context; the plan can be concrete."),
    say(
      [
        `A plan for “${turn.prompt}”, from what is in the workspace:`,
        "",
        "<proposed_plan>",
        "# Plan",
        "",
        `1. Read the ${found.length} open TODO${found.length === 1 ? "" : "s"}` +
          (found[0] ? ` (first: \`${found[0].replace(/^\.\//, "")}\`).` : "."),
        "2. Fix them one file at a time with small patches.",
        "3. Run `npm test` after each change.",
        "4. Summarize the diff for review.",
        "</proposed_plan>",
      ].join("\n"),
    ),
  );
}

function thinkHard(subject: string): ReplyLike {
  const topic = subject || "this";
  return reply(
    reasoning(`**Understanding the question**\n\nWhat is really being asked about ${topic}?`, {
      chunks: 8,
      delayMs: 120,
    }),
    reasoning("**Weighing options**\n\nTwo or three approaches, each with a cost and a risk.", {
      chunks: 8,
      delayMs: 120,
    }),
    reasoning("**Deciding**\n\nThe simplest one that can be checked wins.", {
      chunks: 6,
      delayMs: 120,
    }),
    say(
      [
        `I thought about ${topic}. The reasoning summaries above are what codex shows of a model's`,
        "thinking (a real model writes them; these are scripted). My answer, as a real one would",
        "be shaped:",
        "",
        "1. **Start small**: the smallest change that can be tested.",
        "2. **Check it**: a test or a command that proves it works.",
        "3. **Then widen**: only what the check did not cover.",
      ].join("\n"),
    ),
  );
}

const LONG_ANSWER = [
  "# A long answer",
  "",
  "This answer streams slowly on purpose, so you can watch it arrive and **stop** it: press the",
  "Stop button while it is still writing. Everything you see is real: the extension renders",
  "codex's `item/agentMessage/delta` notifications as they come.",
  "",
  "## Markdown",
  "",
  "- **Bold**, *italic*, `inline code` and [links](https://github.com/openai/codex).",
  "- Lists, nested:",
  "  - one",
  "  - two",
  "- Tables:",
  "",
  "| Mode | Sandbox | Asks before |",
  "| --- | --- | --- |",
  "| Chat | read-only | every write and command outside the sandbox |",
  "| Agent | workspace-write | anything outside the workspace |",
  "| Full access | none | nothing |",
  "",
  "## Code",
  "",
  "```ts",
  "export function average(values: number[]): number {",
  "  if (values.length === 0) return 0;",
  "  return values.reduce((sum, value) => sum + value, 0) / values.length;",
  "}",
  "```",
  "",
  "## Why streaming matters",
  "",
  ...Array.from(
    { length: 6 },
    (_, i) =>
      `${i + 1}. A long answer is read while it is written: the view keeps up with each delta, ` +
      "keeps the scroll position when you scroll up, and follows the end when you are at the end.",
  ),
  "",
  "That is the end of the long answer.",
].join("\n");

function askQuestion(turn: DemoTurn): ReplyLike {
  const answer = turn.results.at(-1);
  if (!answer) {
    return reply(
      say("One question first:"),
      functionCall("request_user_input", {
        questions: [
          {
            id: "greeting_language",
            header: "Language",
            question: "Which language should the greeting in hello.txt be in?",
            options: [
              { label: "English (Recommended)", description: "Hello from the Codex demo!" },
              { label: "French", description: "Bonjour de la démo Codex !" },
            ],
          },
        ],
      }),
    );
  }
  let picked: string | undefined;
  try {
    const parsed = JSON.parse(answer.output) as {
      answers?: Record<string, { answers?: string[] }>;
    };
    picked = Object.values(parsed.answers ?? {})[0]?.answers?.[0];
  } catch {
    // not JSON: codex answered the call itself (e.g. the tool is off)
  }
  return say(
    picked
      ? `You picked **${picked}**. A real model would go on from your answer.`
      : `No answer came back (${answer.output.slice(0, 200)}).`,
  );
}

function explainFile(turn: DemoTurn, file: string): ReplyLike {
  const name = file.split("/").at(-1) ?? file;
  const read = turn.results.at(-1);
  if (!read) return reply(say(`Reading \`${name}\`.`), run(`cat ${shellWord(file)}`));
  if ((exitCode(read) ?? 0) !== 0)
    return say(`I could not read \`${name}\`:\n\n${fence(commandOutput(read))}`);
  const source = commandOutput(read);
  const exports = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|class)\s+(\w+)/g)];
  const todos = source.split("\n").filter((line) => /\bTODO\b/.test(line));
  return say(
    [
      `\`${name}\` has ${source.trimEnd().split("\n").length} lines.`,
      exports.length ? `It exports ${exports.map((m) => `\`${m[1]}\``).join(", ")}.` : "",
      todos.length
        ? `It has a TODO: \`${todos[0]!.trim()}\` — say **fix the TODO in ${name}**.`
        : "It has no TODO.",
    ]
      .filter(Boolean)
      .join(" "),
  );
}

function failOnce(turn: DemoTurn): ReplyLike {
  if (turn.attempt % 2 === 1) {
    return httpError(
      400,
      "The demo model failed this request on purpose, to show how an error looks. " +
        "Press Retry: the second try works.",
    );
  }
  return say("The retry worked: the same message, sent again as a new turn.");
}

/** Backticks or quotes around a command the user typed. */
const unquote = (str: string): string => str.trim().replace(/^([`"'])(.*)\1$/s, "$2");

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

function review(turn: DemoTurn): ReplyLike {
  const diff = turn.results.at(-1);
  if (!diff) return reply(say("Reviewing the changes."), run("git --no-pager diff HEAD"));
  const output = commandOutput(diff);
  if ((exitCode(diff) ?? 0) !== 0) {
    return say(`I could not read the changes (is this a git repository?):\n\n${fence(output)}`);
  }
  const files = [...output.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => `\`${m[1]}\``);
  if (files.length === 0) return say("No changes to review: the working tree is clean.");
  return say(
    [
      `Reviewed ${files.length} changed file${files.length === 1 ? "" : "s"}: ${files.join(", ")}.`,
      "",
      output.includes(DEMO_TODO.fix.trim())
        ? "- **Looks right**: `average([])` returns 0 now, and `node check.mjs` covers it."
        : "- **No issues found** in what changed (the demo model reads the diff, not the code).",
      "- **Suggestion**: a test for a one-element list would pin the division down too.",
    ].join("\n"),
  );
}

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
