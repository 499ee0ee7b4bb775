/** `/review`'s request to the model: read the diff with git, then review what changed. */
import { reply, type ReplyLike } from "../../script";
import { commandOutput, exitCode, type DemoTurn } from "../turn";
import { DEMO_TODO } from "../workspace";
import { fence, run, say } from "./blocks";

export function review(turn: DemoTurn): ReplyLike {
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
