/**
 * The state the sidebar renders. The host owns it (it is the source of truth); the webview
 * receives it whole on `state/hydrate` and keeps it current from `thread/events` and
 * `state/patch`. Item shapes are codex's own generated types, so nothing is re-modelled.
 */
import type { Account } from "../codex/v2/Account";
import type { CommandExecutionRequestApprovalParams } from "../codex/v2/CommandExecutionRequestApprovalParams";
import type { FileChangeRequestApprovalParams } from "../codex/v2/FileChangeRequestApprovalParams";
import type { McpAuthStatus } from "../codex/v2/McpAuthStatus";
import type { McpServerConnectionStatus } from "../codex/v2/McpServerConnectionStatus";
import type { McpServerStartupState } from "../codex/v2/McpServerStartupState";
import type { GuardianApprovalReviewAction } from "../codex/v2/GuardianApprovalReviewAction";
import type { GuardianApprovalReviewStatus } from "../codex/v2/GuardianApprovalReviewStatus";
import type { GuardianRiskLevel } from "../codex/v2/GuardianRiskLevel";
import type { GuardianUserAuthorization } from "../codex/v2/GuardianUserAuthorization";
import type { McpServerElicitationRequestParams } from "../codex/v2/McpServerElicitationRequestParams";
import type { PermissionsRequestApprovalParams } from "../codex/v2/PermissionsRequestApprovalParams";
import type { RateLimitSnapshot } from "../codex/v2/RateLimitSnapshot";
import type { ThreadGoal } from "../codex/v2/ThreadGoal";
import type { HookRunSummary } from "../codex/v2/HookRunSummary";
import type { ThreadItem } from "../codex/v2/ThreadItem";
import type { ThreadTokenUsage } from "../codex/v2/ThreadTokenUsage";
import type { ToolRequestUserInputParams } from "../codex/v2/ToolRequestUserInputParams";
import type { TurnError } from "../codex/v2/TurnError";
import type { TurnPlanStep } from "../codex/v2/TurnPlanStep";
import type { TurnStatus } from "../codex/v2/TurnStatus";

export type {
  Account,
  RateLimitSnapshot,
  ThreadGoal,
  ThreadItem,
  ThreadTokenUsage,
  TurnError,
  TurnPlanStep,
};

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

/**
 * Chat: read-only, asks. Agent: workspace-write, asks outside. Full access: no sandbox, never asks.
 * Plan: codex's plan collaboration mode, read-only like Chat; it ends with a plan to implement.
 */
export type ChatMode = "chat" | "agent" | "agentFullAccess" | "plan";

export interface ModelOption {
  model: string;
  displayName: string;
  description: string;
  efforts: { effort: string; description: string }[];
  defaultEffort: string;
  isDefault: boolean;
  /** The model's fast service tier (`serviceTiers` in `model/list`), if it offers one. */
  fastTier?: string;
}

export interface ModelChoiceView {
  models: ModelOption[];
  /** null: codex's configured default (a custom provider's model is never overridden silently). */
  model: string | null;
  effort: string | null;
  mode: ChatMode;
  /** `/fast`: the fast service tier goes with every turn (absent or false: the default tier). */
  fast?: boolean;
  /** In Plan mode: the mode "Implement this plan" and "Leave plan mode" return to. */
  modeBeforePlan?: Exclude<ChatMode, "plan">;
  /** False when the running codex has no plan collaboration mode (`collaborationMode/list`). */
  planModeSupported?: boolean;
}

export interface TurnView {
  id: string;
  status: TurnStatus;
  error: TurnError | null;
  items: ThreadItem[];
  /** The turn's aggregated unified diff (`turn/diff/updated`). */
  diff: string | null;
  plan: { explanation: string | null; steps: TurnPlanStep[] } | null;
  /** The hooks from config.toml that ran in this turn (`hook/started`, `hook/completed`). */
  hooks?: HookRunView[];
  /**
   * What the turn did to the workspace, from its checkpoint (including changes made by shell
   * commands), once the turn ended. Absent: no checkpoint (checkpoints off, or not yet known).
   */
  checkpoint?: TurnCheckpointView;
}

/** A hook run, placed after the items the turn had when it started. */
export interface HookRunView {
  run: HookRunSummary;
  afterItems: number;
}

/** One file a turn changed, as its checkpoint saw it. */
export interface CheckpointFileView {
  path: string;
  /** For a rename: where the file was before the turn. */
  previousPath: string | null;
  kind: "added" | "modified" | "deleted" | "renamed";
  added: number;
  removed: number;
  binary: boolean;
}

/** What undoing the turn did to one file (the host decided; see extension/review). */
export interface CheckpointUndoView {
  path: string;
  outcome:
    | "restored"
    | "unchanged"
    | "kept-user-edit"
    | "overwrote-user-edit"
    | "not-restorable"
    | "failed";
}

export interface TurnCheckpointView {
  files: CheckpointFileView[];
  /** Something the turn changed was not captured, or the checkpoint failed: no exact undo. */
  incomplete: boolean;
  /** Set once the turn was undone (or rewound), per file. */
  undone: CheckpointUndoView[] | null;
}

export interface QueuedMessageView {
  id: string;
  text: string;
  /** Kept after Stop: it waits until the user sends it (or removes it), never goes by itself. */
  held?: boolean;
}

/** A skill codex knows (`skills/list`), as the composer's `$` menu offers it. */
export interface SkillView {
  name: string;
  description: string;
  /** Where it comes from: the user's CODEX_HOME, the repository, codex itself, an admin. */
  scope: "user" | "repo" | "system" | "admin";
}

export interface ThreadView {
  id: string;
  name: string | null;
  cwd: string;
  turns: TurnView[];
  /** codex has turns before the first one shown (a resumed thread starts at its latest page). */
  olderTurns?: boolean;
  /**
   * codex still loads the thread (shown early from its stored turns): a message sent meanwhile
   * waits for it, and the composer says so.
   */
  loading?: boolean;
  tokenUsage: ThreadTokenUsage | null;
  /** Follow-ups typed while a turn ran, waiting for it to end (`chatgpt.followUpQueueMode: queue`). */
  queued: QueuedMessageView[];
  /** The thread's goal (`/goal`); absent or null: none. */
  goal?: ThreadGoal | null;
  /** Comments on single steps of a plan, sent with the next message. */
  planComments?: PlanCommentView[];
}

/** A comment on one step of a plan item, waiting for the next message. */
export interface PlanCommentView {
  /** The plan item's id. */
  itemId: string;
  /** The step's index in the plan document (0-based). */
  step: number;
  /** The step as the plan words it (quoted in the message). */
  stepText: string;
  text: string;
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
  /**
   * The workspace folders when codex asked: the card shows paths relative to them and marks
   * paths outside them. Absent: the thread's cwd stands for the workspace.
   */
  workspaceFolders?: WorkspaceFolderView[];
}

/** A workspace folder on disk (`path` is absolute, as the host sees it). */
export interface WorkspaceFolderView {
  name: string;
  path: string;
}

/** What a notice offers besides Dismiss; the host does it (the webview only asks). */
export type NoticeAction =
  /** Never show this notice again (remembered by the host, across sessions). */
  | { kind: "dontShowAgain" }
  /** Open the file (a broken config.toml) at `line` (1-based) when known. */
  | { kind: "openFile"; path: string; line: number | null };

export interface NoticeView {
  id: string;
  level: "error" | "warning" | "info";
  message: string;
  details: string | null;
  /** How many times the same notice arrived (shown as a count above 1). Absent: once. */
  count?: number;
  actions?: NoticeAction[];
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

/**
 * What the composer's "include editor context" toggle would attach: paths and line numbers only.
 * The selected text is read by the host when the message is sent, never posted ahead of time.
 */
export interface EditorContextView {
  /** The active (or last active) text editor's file; `label` is its workspace-relative path. */
  activeFile: { path: string; label: string } | null;
  /** Its non-empty selection (1-based, inclusive lines). */
  selection: { path: string; startLine: number; endLine: number } | null;
}

/** `/status`: the session at a glance. */
export interface StatusCardView {
  id: string;
  kind: "status";
  threadId: string | null;
  cwd: string | null;
  model: string | null;
  mode: ChatMode;
  tokenUsage: ThreadTokenUsage | null;
  rateLimits: RateLimitSnapshot | null;
  account: AccountView;
}

export interface McpServerView {
  name: string;
  /** null: not started for this thread (or the configuration changed). */
  status: McpServerConnectionStatus | null;
  auth: McpAuthStatus;
  tools: { name: string; description: string | null }[];
  toolsError: string | null;
  /** Live, from `mcpServer/startupStatus/updated` for the view's thread (once codex sent one). */
  startup?: { state: McpServerStartupState; error: string | null };
  /** Sign-in (OAuth): waiting for the browser, or how it ended. */
  login?: { state: "waiting" | "succeeded" | "failed"; error: string | null };
}

/** `/mcp`: the configured MCP servers, their tools and auth state. */
export interface McpCardView {
  id: string;
  kind: "mcp";
  servers: McpServerView[];
  /** More servers exist than were listed. */
  truncated: boolean;
  /** Reload is under way. */
  busy?: "reloading" | null;
  /** The last Reload failed (why). */
  error?: string | null;
}

/**
 * An approval codex's auto-reviewer decided (`approvalsReviewer: auto_review`), from
 * `item/autoApprovalReview/started|completed`: shown in the transcript after the item it is about.
 */
export interface AutoReviewView {
  /** codex's reviewId. */
  id: string;
  threadId: string;
  turnId: string;
  targetItemId: string | null;
  status: GuardianApprovalReviewStatus;
  riskLevel: GuardianRiskLevel | null;
  userAuthorization: GuardianUserAuthorization | null;
  rationale: string | null;
  action: GuardianApprovalReviewAction;
  /** The user approved the denied action (`thread/approveGuardianDeniedAction`). */
  overridden?: boolean;
}

/** Informational cards shown under the transcript until dismissed (one per kind). */
export type CardView = StatusCardView | McpCardView;

/** The languages the interface has bundles for (webview/l10n). */
export const UI_LANGUAGES = ["en", "de", "ja"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

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
  /** The interface language; the webview carries the bundles and picks this one. */
  language: UiLanguage;
  /** The active editor, for the composer's context toggle. */
  editorContext: EditorContextView;
  /** Cards from slash commands (`/status`, `/mcp`). */
  cards: CardView[];
  /** The auto-reviewer's decisions in the thread shown (absent: none). */
  reviews?: AutoReviewView[];
  /**
   * VS Code's Workspace Trust. False is Restricted Mode: the host runs codex read-only (Chat
   * mode) whatever the picker says, and the view explains it and offers to trust the folder.
   */
  workspaceTrusted: boolean;
  /**
   * The workspace folders on disk (absent: not known, the thread's cwd stands for them): command
   * rows show paths relative to them, as approval cards do.
   */
  workspaceFolders?: WorkspaceFolderView[];
}
