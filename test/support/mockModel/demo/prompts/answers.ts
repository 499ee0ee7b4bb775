/**
 * The prompts that need no tool but a shape of answer: reasoning before it, a long streamed
 * answer, a question with options (`request_user_input`), a failed request with Retry.
 */
import { functionCall, httpError, reasoning, reply, type ReplyLike } from "../../script";
import type { DemoTurn } from "../turn";
import { say } from "./blocks";

export function thinkHard(subject: string): ReplyLike {
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

export const LONG_ANSWER = [
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

export function askQuestion(turn: DemoTurn): ReplyLike {
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

export function failOnce(turn: DemoTurn): ReplyLike {
  if (turn.attempt % 2 === 1) {
    return httpError(
      400,
      "The demo model failed this request on purpose, to show how an error looks. " +
        "Press Retry: the second try works.",
    );
  }
  return say("The retry worked: the same message, sent again as a new turn.");
}
