/**
 * The WSL path translation of every message that crosses the connection: outgoing cwds and user
 * inputs become Linux paths; incoming items, approval cwds and thread history come back as paths
 * the Windows editor can open. With a native app-server the mapper is the identity and
 * `CodexConnection` does not call these at all (no copies on the hot path).
 *
 * Which fields carry paths is checked against the generated protocol types:
 * test/unit/connection/pathFields.test.ts walks the messages the extension exchanges and fails
 * when one has a path-like field that is neither in PATH_FIELDS below nor explained in
 * UNMAPPED_PATH_FIELDS, e.g. after a codex update adds one.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { SkillsListResponse } from "../../protocol/codex/v2/SkillsListResponse";
import type { Thread } from "../../protocol/codex/v2/Thread";
import type { Turn } from "../../protocol/codex/v2/Turn";
import type { UserInput } from "../../protocol/codex/v2/UserInput";
import type { ClientRequestMethod, ServerRequestMethod } from "../../protocol/codexRpc";
import type { PathMapper } from "../wsl/wslPaths";

type Params = Record<string, unknown>;

/**
 * The path fields translated here (and by the PathMapper's item and input mapping), named as the
 * field walk in pathFields.test.ts names them: the declaring type, its union variant, the field.
 */
export const PATH_FIELDS: readonly string[] = [
  // Outgoing: host → server.
  "ThreadStartParams.cwd",
  "ThreadResumeParams.cwd",
  "ThreadForkParams.cwd",
  "ThreadListParams.cwd",
  "TurnStartParams.cwd",
  "UserInput.localImage.path",
  "UserInput.localAudio.path",
  "UserInput.skill.path",
  "UserInput.mention.path",
  // Incoming: server → host (threads, their turns' items, approvals).
  "Thread.cwd",
  "ThreadStartResponse.cwd",
  "ThreadResumeResponse.cwd",
  "ThreadForkResponse.cwd",
  "ThreadItem.commandExecution.cwd",
  "CommandAction.read.path",
  "CommandAction.listFiles.path",
  "CommandAction.search.path",
  "FileUpdateChange.path",
  "PatchChangeKind.update.move_path",
  "ThreadItem.imageView.path",
  "ThreadItem.imageGeneration.savedPath",
  "ImageGenerationInputImage.path",
  "CommandExecutionRequestApprovalParams.cwd",
  "PermissionsRequestApprovalParams.cwd",
  "FileChangeRequestApprovalParams.grantRoot",
  // The `$` menu's skills: their SKILL.md paths come back in `skill` inputs (mapped above).
  "SkillsListEntry.cwd",
  "SkillMetadata.path",
  "SkillErrorInfo.path",
];

/** Path-like fields of messages the extension uses that are deliberately not translated, and why. */
export const UNMAPPED_PATH_FIELDS: Readonly<Record<string, string>> = {
  "Thread.path": "codex's rollout file: the extension never reads or opens it",
  "SubAgentSource.thread_spawn.agent_path": "an agent's address in codex's agent tree, not a file",
  "ThreadItem.subAgentActivity.agentPath": "an agent's address in codex's agent tree, not a file",
  "ThreadItem.commandExecution.scriptPath": "relative to its plugin, not a host path",
  "MemoryCitationEntry.path": "a memory file under CODEX_HOME, cited by name, never opened",
  "SandboxPolicy.workspaceWrite.writableRoots":
    "the extension sends none (sandboxPolicyFor) and shows none of codex's",
  "CommandExecParams.cwd":
    "command/exec is never sent (it is named only in the rpc client's long-running list)",
  "FileSystemPath.path.path":
    "a permissions request's paths go back to codex in the grant, so they stay codex's",
  "FileSystemSpecialPath.path":
    "a permissions request's paths go back to codex in the grant, so they stay codex's",
  "ConfigWarningNotification.path": "codex's config file, shown as text in a notice, never opened",
  "ConfigReadParams.cwd": "the MCP panel sends null (config/read for codex's own layers)",
  "ThreadSettings.cwd": "plan mode reads only the model and collaboration mode of these settings",
  "HookRunSummary.sourcePath":
    "the hook's file, its name shown as text (full path as a tooltip), never opened",
  "GuardianApprovalReviewAction.command.cwd":
    "Approve anyway sends the reviewed action back to codex as it came, so it stays codex's",
  "GuardianApprovalReviewAction.execve.cwd":
    "Approve anyway sends the reviewed action back to codex as it came, so it stays codex's",
  "GuardianApprovalReviewAction.writeStdin.cwd":
    "Approve anyway sends the reviewed action back to codex as it came, so it stays codex's",
  "GuardianApprovalReviewAction.applyPatch.cwd":
    "Approve anyway sends the reviewed action back to codex as it came, so it stays codex's",
};

/** Requests whose `cwd` is a host path. */
const CWD_REQUESTS: ReadonlySet<ClientRequestMethod> = new Set([
  "thread/start",
  "thread/resume",
  "thread/fork",
  "thread/list",
  "turn/start",
] as const satisfies readonly ClientRequestMethod[]);
/** Requests that carry user input (attachments and mentions with local paths). */
const INPUT_REQUESTS: ReadonlySet<ClientRequestMethod> = new Set([
  "turn/start",
  "turn/steer",
] as const satisfies readonly ClientRequestMethod[]);
/** Responses that carry a whole thread with its turns (and the thread's cwd). */
const THREAD_RESPONSES: ReadonlySet<ClientRequestMethod> = new Set([
  "thread/start",
  "thread/resume",
  "thread/fork",
  "thread/read",
] as const satisfies readonly ClientRequestMethod[]);
/** Server requests with top-level fields that hold a server path. */
const SERVER_REQUEST_PATHS: Partial<Record<ServerRequestMethod, readonly string[]>> = {
  "item/commandExecution/requestApproval": ["cwd"],
  "item/permissions/requestApproval": ["cwd"],
  "item/fileChange/requestApproval": ["grantRoot"],
};

export function mapRequestParams(method: string, params: unknown, paths: PathMapper): unknown {
  if (typeof params !== "object" || params === null) return params;
  let mapped = params as Params;
  if (CWD_REQUESTS.has(method as ClientRequestMethod) && typeof mapped.cwd === "string") {
    // An unreachable folder (another distro, a network share) is left for codex to reject loudly.
    mapped = { ...mapped, cwd: paths.toServer(mapped.cwd) ?? mapped.cwd };
  }
  // The Threads view filters `thread/list` by the workspace folders (one path or several).
  if (method === "thread/list" && Array.isArray(mapped.cwd)) {
    mapped = {
      ...mapped,
      cwd: (mapped.cwd as string[]).map((cwd) => paths.toServer(cwd) ?? cwd),
    };
  }
  // The `$` menu asks for the skills of the workspace folder (`cwds`, a list).
  if (method === "skills/list" && Array.isArray(mapped.cwds)) {
    mapped = {
      ...mapped,
      cwds: (mapped.cwds as string[]).map((cwd) => paths.toServer(cwd) ?? cwd),
    };
  }
  if (INPUT_REQUESTS.has(method as ClientRequestMethod) && Array.isArray(mapped.input)) {
    mapped = { ...mapped, input: (mapped.input as UserInput[]).map(paths.userInputToServer) };
  }
  return mapped;
}

function mapSkills(result: SkillsListResponse, paths: PathMapper): SkillsListResponse {
  if (!Array.isArray(result.data)) return result;
  return {
    ...result,
    data: result.data.map((entry) => ({
      ...entry,
      cwd: paths.toHost(entry.cwd),
      skills: entry.skills.map((skill) => ({ ...skill, path: paths.toHost(skill.path) })),
      errors: entry.errors.map((error) => ({ ...error, path: paths.toHost(error.path) })),
    })),
  };
}

function mapTurn(turn: Turn, paths: PathMapper): Turn {
  return { ...turn, items: turn.items.map(paths.itemToHost) };
}

function mapThread(thread: Thread, paths: PathMapper): Thread {
  return {
    ...thread,
    cwd: paths.toHost(thread.cwd),
    turns: thread.turns.map((turn) => mapTurn(turn, paths)),
  };
}

export function mapResult(method: string, result: unknown, paths: PathMapper): unknown {
  if (typeof result !== "object" || result === null) return result;
  if (method === "thread/turns/list") {
    const page = result as { data?: Turn[] };
    if (!Array.isArray(page.data)) return result;
    return { ...page, data: page.data.map((turn) => mapTurn(turn, paths)) };
  }
  if (method === "skills/list") return mapSkills(result as SkillsListResponse, paths);
  if (!THREAD_RESPONSES.has(method as ClientRequestMethod)) return result;
  let mapped = result as { thread?: Thread; cwd?: unknown };
  if (mapped.thread) mapped = { ...mapped, thread: mapThread(mapped.thread, paths) };
  if (typeof mapped.cwd === "string") mapped = { ...mapped, cwd: paths.toHost(mapped.cwd) };
  return mapped;
}

export function mapNotification(
  notification: ServerNotification,
  paths: PathMapper,
): ServerNotification {
  if (notification.method === "item/started" || notification.method === "item/completed") {
    const item = paths.itemToHost(notification.params.item);
    return { ...notification, params: { ...notification.params, item } } as ServerNotification;
  }
  if (notification.method === "thread/started") {
    const thread = mapThread(notification.params.thread, paths);
    return { ...notification, params: { ...notification.params, thread } };
  }
  return notification;
}

export function mapServerRequestParams(
  method: ServerRequestMethod,
  params: unknown,
  paths: PathMapper,
): unknown {
  const fields = SERVER_REQUEST_PATHS[method];
  if (!fields || typeof params !== "object" || params === null) return params;
  let mapped = params as Params;
  for (const field of fields) {
    const value = mapped[field];
    if (typeof value === "string") mapped = { ...mapped, [field]: paths.toHost(value) };
  }
  return mapped;
}
