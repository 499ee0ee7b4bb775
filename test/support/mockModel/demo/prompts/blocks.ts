/**
 * The demo scripts' building blocks: streamed text, a command call, fenced output, a patch's
 * outcome in words, and the small parsers of what the tools sent back.
 */
import { shellCall, text, type Step } from "../../script";
import { wasDeclined, type ToolResult } from "../turn";

/** Streamed text: about a dozen characters per delta, a little apart, as a model streams. */
export function say(str: string, delayMs = 20): Step {
  return text(str, { chunks: Math.max(1, Math.ceil(str.length / 12)), delayMs });
}

/** A sandboxed command; with `justification`, one that asks to run outside the sandbox. */
export function run(
  cmd: string,
  justification: string | null = null,
  extra?: Record<string, unknown>,
) {
  return shellCall({ cmd, justification, extraArgs: extra });
}

export const fence = (body: string): string =>
  "```\n" + (body.trimEnd() || "(no output)") + "\n```";

export function firstLines(body: string, max = 30): string {
  const lines = body.trimEnd().split("\n");
  return lines.length <= max
    ? lines.join("\n")
    : [...lines.slice(0, max), `… ${lines.length - max} more lines`].join("\n");
}

/** The outcome of an `apply_patch` call, in words. */
export function patchOutcome(result: ToolResult | undefined, done: string): string {
  const output = result?.output ?? "";
  if (wasDeclined(result)) return "You declined the change, so no file was touched.";
  if (/Success\. Updated the following files/.test(output)) return done;
  return `The patch did not apply:\n\n${fence(firstLines(output))}`;
}

/** The `file:line:text` lines of grep's output (not the shell's own noise around them). */
export function grepHits(output: string): string[] {
  return output.split("\n").filter((line) => /^[^:\s]+:\d+:/.test(line));
}

/** `str` as one shell word. */
export const shellWord = (str: string): string =>
  /^[\w./-]+$/.test(str) ? str : `'${str.replace(/'/g, "'\\''")}'`;

/** The names `ls` printed, without a shell profile's warnings (`pyenv: …`) among them. */
export function listing(output: string): string[] {
  return output.split("\n").filter((line) => line && !/^[\w.-]+: /.test(line));
}

/** A file name in `str` (`hello.txt`, `src/a.ts`), without quotes or backticks. */
export const FILE = String.raw`[\x60"']?([\w.\-/]*\w\.\w+)[\x60"']?`;
