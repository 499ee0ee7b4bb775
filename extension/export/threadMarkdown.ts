/**
 * A codex thread as a Markdown document a person can read or share: the messages, the commands
 * with their output, the diffs, and every other item as a short line. Pure (no `vscode`): the
 * export command fetches the turns and picks where the text goes.
 */
import type { ThreadItem } from "../../protocol/codex/v2/ThreadItem";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import { unwrapShell } from "../../protocol/webview/shellCommand";
import { pathContext, showPath } from "../../protocol/webview/workspacePath";
import { l10n } from "../l10n";

export interface ExportedThread {
  id: string;
  title: string;
  cwd: string;
  /** Oldest first, with their full items. */
  turns: readonly Pick<Turn, "id" | "items" | "error" | "status">[];
}

/** Outputs longer than this are cut (from the middle), so a log does not bury the thread. */
const MAX_BLOCK_CHARS = 20_000;

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
}

/** A fenced block whose fence no backtick run in `text` can close early. */
export function fenced(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${clip(text).replace(/\n$/, "")}\n${fence}`;
}

function clip(text: string): string {
  if (text.length <= MAX_BLOCK_CHARS) return text;
  const half = MAX_BLOCK_CHARS / 2;
  const cut = text.length - MAX_BLOCK_CHARS;
  return `${text.slice(0, half)}\n… ${l10n.t("({0} characters left out)", cut)} …\n${text.slice(-half)}`;
}

/** Inline code that survives backticks in the value. */
export function code(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ");
  const ticks = "`".repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? "";
  } catch {
    return String(value);
  }
}

function userInput(part: UserInput): string {
  switch (part.type) {
    case "text":
      return part.text;
    case "localImage":
    case "localAudio":
    case "mention":
    case "skill":
      return `- ${l10n.t("Attached:")} ${code(part.path)}`;
    case "image":
    case "audio":
      return `- ${l10n.t("Attached:")} ${"url" in part ? part.url : part.fileId}`;
    default:
      return "";
  }
}

function duration(ms: number | null): string {
  if (ms === null) return "";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `file` as the transcript shows it: relative to the thread's folder inside it, else absolute. */
function shownPath(file: string, cwd: string): string {
  const { folders, base } = pathContext(undefined, cwd || null);
  return showPath(file, folders, base).text;
}

/**
 * One item as Markdown; every item type of the bindings has a case (checked by the compiler).
 * Paths inside `cwd` are written relative to it.
 */
export function itemMarkdown(item: ThreadItem, cwd = ""): string {
  switch (item.type) {
    case "userMessage":
      return `### ${l10n.t("You")}\n\n${item.content.map(userInput).filter(Boolean).join("\n\n")}`;
    case "agentMessage":
      return `### Codex\n\n${item.text}`;
    case "hookPrompt":
      return item.fragments
        .map((fragment) => `> ${l10n.t("Hook:")} ${fragment.text.replace(/\n/g, "\n> ")}`)
        .join("\n>\n");
    case "reasoning": {
      const summary = item.summary.join("\n\n").trim();
      return summary ? `> _${l10n.t("Reasoning")}_: ${summary.replace(/\n/g, "\n> ")}` : "";
    }
    case "plan":
      return `**${l10n.t("Plan")}**\n\n${item.text}`;
    case "commandExecution": {
      const meta = [
        item.exitCode !== null ? l10n.t("exit code {0}", item.exitCode) : item.status,
        duration(item.durationMs),
      ]
        .filter(Boolean)
        .join(", ");
      const output = item.aggregatedOutput ?? "";
      // The command the model asked for, as the transcript shows it, not codex's shell wrapper.
      const command = unwrapShell(item.command) ?? item.command;
      return [
        `**${l10n.t("Ran")}** ${code(command)} (${meta})`,
        fenced(`$ ${command}\n${output}`, "console"),
      ].join("\n\n");
    }
    case "fileChange":
      return item.changes
        .map((change) => {
          const verb =
            change.kind.type === "add"
              ? l10n.t("Added")
              : change.kind.type === "delete"
                ? l10n.t("Deleted")
                : l10n.t("Edited");
          const status = item.status === "completed" ? "" : ` (${item.status})`;
          const file = shownPath(change.path, cwd);
          return `**${verb}** ${code(file)}${status}\n\n${fenced(change.diff, "diff")}`;
        })
        .join("\n\n");
    case "mcpToolCall":
    case "dynamicToolCall": {
      const name =
        item.type === "mcpToolCall"
          ? `${item.server}.${item.tool}`
          : item.namespace
            ? `${item.namespace}.${item.tool}`
            : item.tool;
      const result =
        item.type === "mcpToolCall"
          ? item.error
            ? item.error.message
            : item.result
              ? json(item.result.content)
              : ""
          : (item.contentItems ?? [])
              .map((part) => (part.type === "inputText" ? part.text : `[${part.type}]`))
              .join("\n");
      return [
        `**${l10n.t("Called")}** ${code(name)} (${item.status})`,
        fenced(json(item.arguments), "json"),
        result ? fenced(result) : "",
      ]
        .filter(Boolean)
        .join("\n\n");
    }
    case "functionCallOutput": {
      const text =
        typeof item.output === "string"
          ? item.output
          : item.output
              .map((part) => (part.type === "input_text" ? part.text : `[${part.type}]`))
              .join("\n");
      return `**${l10n.t("Output of {0}", item.name)}**\n\n${fenced(text)}`;
    }
    case "collabAgentToolCall": {
      const agents = item.receiverThreadIds.map((id) => {
        const state = item.agentsStates[id];
        return `- ${code(id)}${state ? `: ${state.status}${state.message ? ` — ${state.message}` : ""}` : ""}`;
      });
      return [
        `**${l10n.t("Sub-agents")}**: ${item.tool} (${item.status})`,
        item.prompt ? `> ${item.prompt.replace(/\n/g, "\n> ")}` : "",
        agents.join("\n"),
      ]
        .filter(Boolean)
        .join("\n\n");
    }
    case "subAgentActivity":
      return `_${l10n.t("Sub-agent {0}: {1}", item.agentPath || item.agentThreadId, item.kind)}_`;
    case "webSearch":
      return `**${l10n.t("Searched the web")}**: ${item.query}`;
    case "imageView":
      return `**${l10n.t("Viewed image")}** ${code(item.path)}`;
    case "imageGeneration":
      return `**${l10n.t("Generated image")}**${item.revisedPrompt ? `: ${item.revisedPrompt}` : ""}`;
    case "sleep":
      return `_${l10n.t("Waited {0}", duration(item.durationMs))}_`;
    case "enteredReviewMode":
      return `_${l10n.t("Review started")}_`;
    case "exitedReviewMode":
      return `**${l10n.t("Review")}**\n\n${item.review}`;
    case "contextCompaction":
      return `---\n\n_${l10n.t("Context compacted")}_`;
    default:
      return unknownItem(item);
  }
}

/** A type newer than the bindings (the build fails first when the bindings gain one). */
function unknownItem(item: never): string {
  const type = (item as { type?: unknown }).type;
  return `_${String(type)}_`;
}

export function threadMarkdown(thread: ExportedThread): string {
  const blocks = [
    `# ${thread.title.replace(/\n/g, " ")}`,
    [
      `- ${l10n.t("Thread:")} ${code(thread.id)}`,
      `- ${l10n.t("Folder:")} ${code(thread.cwd)}`,
    ].join("\n"),
  ];
  for (const turn of thread.turns) {
    for (const item of turn.items) {
      const block = itemMarkdown(item, thread.cwd).trim();
      if (block) blocks.push(block);
    }
    if (turn.error) blocks.push(`> **${l10n.t("Error:")}** ${turn.error.message}`);
    else if (turn.status === "interrupted") blocks.push(`_${l10n.t("Stopped")}_`);
  }
  return `${blocks.join("\n\n")}\n`;
}
