/**
 * The plan prompts: "plan …" outside Plan mode (an `update_plan` checklist worked through), and
 * Plan mode's answer to anything (look around read-only, then a `<proposed_plan>`).
 */
import { functionCall, reasoning, reply, type ReplyLike, type Step } from "../../script";
import { commandOutput, exitCode, type DemoTurn } from "../turn";
import { grepHits, listing, run, say } from "./blocks";

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
export function planAndWork(turn: DemoTurn, goal: string): ReplyLike {
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
export function proposePlan(turn: DemoTurn): ReplyLike {
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
