/**
 * Composer slash commands: parsing and autocomplete. Free of `vscode` and Node imports so both the
 * host and the webview can use it. Descriptions come as l10n keys (the webview's bundles) with
 * the English text beside them.
 */

export type SlashCommandName =
  | "review"
  | "status"
  | "compact"
  | "init"
  | "mcp"
  | "feedback"
  | "new"
  | "fork"
  | "model"
  | "reasoning"
  | "approvals"
  | "skills"
  | "fast"
  | "auto-context"
  | "plan"
  | "goal";

/**
 * Commands the webview carries out itself (they open its own pickers and menus); they never reach
 * the host as `chat/slashCommand`.
 */
export const VIEW_SLASH_COMMANDS = [
  "model",
  "reasoning",
  "approvals",
  "skills",
  "auto-context",
] as const;
export type ViewSlashCommandName = (typeof VIEW_SLASH_COMMANDS)[number];
export type HostSlashCommandName = Exclude<SlashCommandName, ViewSlashCommandName>;

export function isViewSlashCommand(name: SlashCommandName): name is ViewSlashCommandName {
  return (VIEW_SLASH_COMMANDS as readonly string[]).includes(name);
}

export interface SlashCommandSpec {
  name: SlashCommandName;
  /** How it is typed, for the menu: `/review [base-branch]`. */
  usage: string;
  /** The webview l10n key of its description. */
  descriptionKey: `slash.${SlashCommandName}`;
  /** The English description (the key's value in the English bundle). */
  description: string;
  /** The most arguments it takes (all optional). */
  maxArgs: number;
  /** The rest of the line is one free-text argument (`/plan <task>`), not words. */
  freeText?: boolean;
  /** Other names it answers to (the codex CLI's newer `/permissions` for `/approvals`). */
  aliases?: readonly string[];
}

export const SLASH_COMMANDS: readonly SlashCommandSpec[] = [
  {
    name: "review",
    usage: "/review [base-branch]",
    descriptionKey: "slash.review",
    description: "Review the current changes, or the diff against a base branch",
    maxArgs: 1,
  },
  {
    name: "status",
    usage: "/status",
    descriptionKey: "slash.status",
    description: "Show the session's model, account, sandbox and token usage",
    maxArgs: 0,
  },
  {
    name: "compact",
    usage: "/compact",
    descriptionKey: "slash.compact",
    description: "Summarise the conversation to free up context",
    maxArgs: 0,
  },
  {
    name: "init",
    usage: "/init",
    descriptionKey: "slash.init",
    description: "Create an AGENTS.md file with instructions for Codex",
    maxArgs: 0,
  },
  {
    name: "mcp",
    usage: "/mcp",
    descriptionKey: "slash.mcp",
    description: "List the configured MCP servers and their tools",
    maxArgs: 0,
  },
  {
    name: "feedback",
    usage: "/feedback",
    descriptionKey: "slash.feedback",
    description: "Send feedback and logs to the Codex maintainers",
    maxArgs: 0,
  },
  {
    name: "new",
    usage: "/new",
    descriptionKey: "slash.new",
    description: "Start a new thread",
    maxArgs: 0,
  },
  {
    name: "plan",
    usage: "/plan [task]",
    descriptionKey: "slash.plan",
    description: "Switch to Plan mode; with a task, plan it right away",
    maxArgs: 1,
    freeText: true,
  },
  {
    name: "goal",
    usage: "/goal <objective> | clear",
    descriptionKey: "slash.goal",
    description: "Set the thread's goal, or clear it",
    maxArgs: 1,
    freeText: true,
  },
  {
    name: "fork",
    usage: "/fork",
    descriptionKey: "slash.fork",
    description: "Fork this thread: continue in a copy, the original stays as it is",
    maxArgs: 0,
  },
  {
    name: "model",
    usage: "/model",
    descriptionKey: "slash.model",
    description: "Choose the model",
    maxArgs: 0,
  },
  {
    name: "reasoning",
    usage: "/reasoning",
    descriptionKey: "slash.reasoning",
    description: "Choose how hard the model thinks (reasoning effort)",
    maxArgs: 0,
  },
  {
    name: "approvals",
    usage: "/approvals",
    descriptionKey: "slash.approvals",
    description: "Choose what Codex may do without asking (the mode)",
    maxArgs: 0,
    aliases: ["permissions"],
  },
  {
    name: "skills",
    usage: "/skills",
    descriptionKey: "slash.skills",
    description: "List the skills Codex knows here; pick one to mention it",
    maxArgs: 0,
  },
  {
    name: "fast",
    usage: "/fast",
    descriptionKey: "slash.fast",
    description: "Turn the model's fast service tier on or off (uses more of your plan)",
    maxArgs: 0,
  },
  {
    name: "auto-context",
    usage: "/auto-context",
    descriptionKey: "slash.auto-context",
    description: "Turn sending the active editor's selection or file with each message on or off",
    maxArgs: 0,
  },
];

const names = (spec: SlashCommandSpec): string[] => [spec.name, ...(spec.aliases ?? [])];

const BY_NAME = new Map<string, SlashCommandSpec>(
  SLASH_COMMANDS.flatMap((spec) => names(spec).map((name) => [name, spec] as const)),
);

export interface ParsedSlashCommand {
  command: SlashCommandName;
  args: string[];
}

/** A git ref name as `/review` takes it: no spaces, no control characters, no `..`, no leading `-`. */
function isBranchName(value: string): boolean {
  return (
    value.length <= 255 &&
    !value.startsWith("-") &&
    !value.includes("..") &&
    // eslint-disable-next-line no-control-regex
    !/[\s\x00-\x1f\x7f~^:?*[\\]/.test(value) &&
    !value.endsWith("/") &&
    !value.endsWith(".lock")
  );
}

/**
 * The slash command the composer text is, or null when it is an ordinary message: an unknown
 * command, more arguments than the command takes, or text on further lines.
 */
export function parseSlashCommand(text: string): ParsedSlashCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("/") || trimmed.includes("\n")) return null;
  const [head, ...words] = trimmed.slice(1).split(/[ \t]+/);
  const spec = BY_NAME.get(head ?? "");
  const rest = trimmed.slice(1 + (head ?? "").length).trim();
  const args = spec?.freeText ? (rest ? [rest] : []) : words;
  if (!spec || args.length > spec.maxArgs) return null;
  if (spec.name === "review" && args.length === 1 && !isBranchName(args[0]!)) return null;
  return { command: spec.name, args };
}

/**
 * The commands matching what has been typed so far (`/`, `/re`), in menu order: name prefix
 * matches first, then names that merely contain the text. Empty once an argument is being typed
 * or the text is not a command.
 */
export function completeSlashCommand(prefix: string): SlashCommandSpec[] {
  const typed = prefix.trimStart();
  if (!typed.startsWith("/") || /\s/.test(typed)) return [];
  const query = typed.slice(1).toLowerCase();
  const startsWith = (spec: SlashCommandSpec) => names(spec).some((name) => name.startsWith(query));
  const starts = SLASH_COMMANDS.filter(startsWith);
  const contains = SLASH_COMMANDS.filter(
    (spec) => !startsWith(spec) && names(spec).some((name) => name.includes(query)),
  );
  return [...starts, ...contains];
}
