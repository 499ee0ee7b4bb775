/**
 * The state the sidebar renders. The host owns it (it is the source of truth); the webview
 * receives it whole on `state/hydrate` and keeps it current from `thread/events` and
 * `state/patch`. Item shapes are codex's own generated types, so nothing is re-modelled.
 */
import type { Account } from "../codex/v2/Account";
import type { CommandExecutionRequestApprovalParams } from "../codex/v2/CommandExecutionRequestApprovalParams";
import type { FileChangeRequestApprovalParams } from "../codex/v2/FileChangeRequestApprovalParams";
import type { McpServerElicitationRequestParams } from "../codex/v2/McpServerElicitationRequestParams";
import type { PermissionsRequestApprovalParams } from "../codex/v2/PermissionsRequestApprovalParams";
import type { RateLimitSnapshot } from "../codex/v2/RateLimitSnapshot";
import type { ThreadItem } from "../codex/v2/ThreadItem";
import type { ThreadTokenUsage } from "../codex/v2/ThreadTokenUsage";
import type { ToolRequestUserInputParams } from "../codex/v2/ToolRequestUserInputParams";
import type { TurnError } from "../codex/v2/TurnError";
import type { TurnPlanStep } from "../codex/v2/TurnPlanStep";
import type { TurnStatus } from "../codex/v2/TurnStatus";

export type { Account, RateLimitSnapshot, ThreadItem, ThreadTokenUsage, TurnError, TurnPlanStep };

export type ConnectionView =
  | { kind: "stopped" }
  | { kind: "starting" }
  | { kind: "ready" }
  | { kind: "restarting"; attempt: number; reason: string }
  | { kind: "failed"; reason: string; details: string[] };

export type LoginFlowView =
  | { kind: "apiKey" }
  | { kind: "browser"; loginId: string; authUrl: string }
  | { kind: "deviceCode"; loginId: string; verificationUrl: string; userCode: string };

export type AccountView =
  | { status: "unknown" }
  /** A custom model provider that needs no OpenAI sign-in: go straight to the chat. */
  | { status: "notRequired" }
  | { status: "signedOut"; error?: string }
  | { status: "signingIn"; flow: LoginFlowView; error?: string }
  | { status: "signedIn"; account: Account };

/** Chat: read-only, asks. Agent: workspace-write, asks outside. Full access: no sandbox, never asks. */
export type ChatMode = "chat" | "agent" | "agentFullAccess";

export interface ModelOption {
  model: string;
  displayName: string;
  description: string;
  efforts: { effort: string; description: string }[];
  defaultEffort: string;
  isDefault: boolean;
}

export interface ModelChoiceView {
  models: ModelOption[];
  /** null: codex's configured default (a custom provider's model is never overridden silently). */
  model: string | null;
  effort: string | null;
  mode: ChatMode;
}

export interface TurnView {
  id: string;
  status: TurnStatus;
  error: TurnError | null;
  items: ThreadItem[];
  /** The turn's aggregated unified diff (`turn/diff/updated`). */
  diff: string | null;
  plan: { explanation: string | null; steps: TurnPlanStep[] } | null;
}

export interface QueuedMessageView {
  id: string;
  text: string;
}

export interface ThreadView {
  id: string;
  name: string | null;
  cwd: string;
  turns: TurnView[];
  tokenUsage: ThreadTokenUsage | null;
  /** Follow-ups typed while a turn ran, waiting for it to end (`chatgpt.followUpQueueMode: queue`). */
  queued: QueuedMessageView[];
}

export type ApprovalRequestView =
  | { kind: "command"; params: CommandExecutionRequestApprovalParams }
  | { kind: "fileChange"; params: FileChangeRequestApprovalParams }
  | { kind: "permissions"; params: PermissionsRequestApprovalParams }
  | { kind: "userInput"; params: ToolRequestUserInputParams }
  | { kind: "elicitation"; params: McpServerElicitationRequestParams };

export interface ApprovalView {
  /** Host-assigned key; codex's own request ids never reach the webview. */
  id: string;
  threadId: string;
  /** `cancelled`: the app-server went away or resolved it without an answer; never silently accepted. */
  status: "pending" | "answered" | "cancelled";
  request: ApprovalRequestView;
}

export interface NoticeView {
  id: string;
  level: "error" | "warning" | "info";
  message: string;
  details: string | null;
}

export type EnterBehavior = "enter" | "cmdIfMultiline" | "cmdAlways";
export type FollowUpQueueMode = "queue" | "steer";

export interface SettingsView {
  composerEnterBehavior: EnterBehavior;
  followUpQueueMode: FollowUpQueueMode;
  /** `chat.fontSize` / `chat.editor.fontSize`, when set. */
  fontSize: number | null;
  editorFontSize: number | null;
  locale: string;
}

export interface ChatViewState {
  connection: ConnectionView;
  account: AccountView;
  thread: ThreadView | null;
  approvals: ApprovalView[];
  notices: NoticeView[];
  modelChoice: ModelChoiceView;
  rateLimits: RateLimitSnapshot | null;
  settings: SettingsView;
  /** The composer draft as last saved, so a reloaded view gets back what the user typed. */
  draft: string;
  /** Localised UI strings, keyed by message id; the webview falls back to its English bundle. */
  strings: Record<string, string>;
}
