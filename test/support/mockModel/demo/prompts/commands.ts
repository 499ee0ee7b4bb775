/**
 * The command prompts (`run …`, `install …`, a slow command, a line appended by the shell): one
 * command, asked again outside the sandbox when the read-only sandbox stopped it.
 */
import { reply, type ReplyLike } from "../../script";
import { commandOutput, exitCode, wasDeclined, type DemoTurn, type ToolResult } from "../turn";
import { fence, firstLines, run, say } from "./blocks";

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
export function commandScript(
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

/** Backticks or quotes around a command the user typed. */
export const unquote = (str: string): string => str.trim().replace(/^([`"'])(.*)\1$/s, "$2");
