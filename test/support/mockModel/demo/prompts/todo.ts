/**
 * "fix the TODO in foo.ts" (and "Implement the plan." after Plan mode): find the TODO with grep,
 * patch it, run the demo workspace's test.
 */
import { applyPatch, reasoning, reply, updateFilePatch, type ReplyLike } from "../../script";
import { commandOutput, type DemoTurn } from "../turn";
import { DEMO_TODO } from "../workspace";
import { fence, patchOutcome, run, say, shellWord } from "./blocks";

export function fixTodo(turn: DemoTurn, file: string): ReplyLike {
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
