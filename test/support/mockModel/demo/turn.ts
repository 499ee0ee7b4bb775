/**
 * What the demo model needs from one request codex sends: the user's latest prompt, the tool
 * results that came back since (a scripted answer is a few model requests: call a tool, read its
 * output, go on), whether Plan mode is on, and how often the same prompt was sent.
 */
import type { InputItem, ResponsesRequest } from "../script";
import { callOutputText } from "../script";

export interface ToolResult {
  /** The tool codex ran (`exec_command`, `apply_patch`, `update_plan`, ...). */
  tool: string;
  /** The call's arguments (function tools) or raw input (freeform tools). */
  args: string;
  /** What codex sent back, as text. */
  output: string;
}

export interface DemoTurn {
  /** The user's latest message (all its text parts, joined by newlines). */
  prompt: string;
  /**
   * Its text parts: what the user typed, and the extension's own parts around it (plan comments
   * before it; the attached-files list, a selection or `@terminal` after it).
   */
  parts: string[];
  /** The files attached to it (the extension's "Attached files" part lists their paths). */
  attached: string[];
  /** Tool results since that message, oldest first; their count is the script's step. */
  results: ToolResult[];
  /** codex's Plan collaboration mode is on (its latest mode instructions are Plan Mode's). */
  planMode: boolean;
  /** How many user messages in the thread so far are this prompt (1 the first time). */
  attempt: number;
}

/** codex's own context (environment, AGENTS.md, ...) comes as user messages in angle brackets. */
function isContext(text: string): boolean {
  const start = text.trimStart();
  return start.startsWith("<") || start.startsWith("# AGENTS.md");
}

function texts(item: InputItem): string[] {
  if (!Array.isArray(item.content)) return [];
  return (item.content as Array<{ type?: string; text?: string }>).flatMap((part) =>
    (part.type === "input_text" || part.type === "output_text") && typeof part.text === "string"
      ? [part.text]
      : [],
  );
}

function userParts(item: InputItem): string[] {
  if (item.type !== "message" || item.role !== "user") return [];
  return texts(item).filter((text) => !isContext(text));
}

/** The paths in extension's attached-files part (protocol/webview/attachedFiles.ts). */
function attachedPaths(parts: readonly string[]): string[] {
  const list = parts.find((part) => part.startsWith("Attached files"));
  return (list ?? "").split("\n").flatMap((line) => (line.startsWith("- ") ? [line.slice(2)] : []));
}

export function readTurn(request: ResponsesRequest): DemoTurn {
  const input = request.input ?? [];
  let promptIndex = -1;
  let parts: string[] = [];
  const prompts: string[] = [];
  let planMode = false;
  input.forEach((item, index) => {
    const found = userParts(item);
    if (found.length > 0) {
      promptIndex = index;
      parts = found;
      prompts.push(found.join("\n").trim());
    }
    if (item.type === "message" && item.role === "developer") {
      for (const part of texts(item)) {
        const mode = /<collaboration_mode>\s*#\s*([^\n]*)/.exec(part);
        if (mode) planMode = /^Plan Mode/i.test(mode[1] ?? "");
      }
    }
  });
  const calls = new Map<string, { tool: string; args: string }>();
  const results: ToolResult[] = [];
  for (const item of input.slice(promptIndex + 1)) {
    if (item.type === "function_call" || item.type === "custom_tool_call") {
      const args = item.type === "function_call" ? item.arguments : item.input;
      calls.set(String(item.call_id), {
        tool: String(item.name),
        args: typeof args === "string" ? args : "",
      });
    } else if (item.type === "function_call_output" || item.type === "custom_tool_call_output") {
      const call = calls.get(String(item.call_id)) ?? { tool: "", args: "" };
      results.push({ ...call, output: callOutputText(item) ?? "" });
    }
  }
  const prompt = parts.join("\n").trim();
  const attempt = prompts.filter((each) => each === prompt).length;
  return { prompt, parts, attached: attachedPaths(parts), results, planMode, attempt };
}

/** The exit code in an `exec_command` result ("Process exited with code N"), if it ended. */
export function exitCode(result: ToolResult | undefined): number | undefined {
  const match = /Process exited with code (-?\d+)/.exec(result?.output ?? "");
  return match ? Number(match[1]) : undefined;
}

/** The command's own output in an `exec_command` result (after codex's "Output:" header). */
export function commandOutput(result: ToolResult | undefined): string {
  const output = result?.output ?? "";
  const at = output.indexOf("Output:\n");
  return at < 0 ? output : output.slice(at + "Output:\n".length);
}

/** The user declined the call in its approval card. */
export function wasDeclined(result: ToolResult | undefined): boolean {
  return /rejected by user/i.test(result?.output ?? "");
}
