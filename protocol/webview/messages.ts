/**
 * Every message between the host and the webview, declared once with its runtime schema.
 *
 * - `webviewRequests`: the webview asks, the host answers (params checked by the host, results
 *   checked by the webview).
 * - `webviewNotifications`: the webview tells the host.
 * - `hostNotifications`: the host tells the webview.
 *
 * Schemas on what the webview sends are strict (unknown keys, wrong types and oversized strings
 * are rejected): an injected script in the webview must not be able to drive the host. Schemas on
 * what the host sends check structure but let codex's own item payloads through loosely; the
 * renderer treats those defensively.
 *
 * Over 400 lines on purpose: one table of every message is what makes the channel checkable.
 */
import * as v from "valibot";
import { CONTEXT_MENTIONS, CONTEXT_SOURCES, MAX_CONTEXT_TEXT } from "./contextMentions";
import { SLASH_COMMANDS } from "./slashCommands";
import {
  UI_LANGUAGES,
  type ChatViewState,
  type ModelOption,
  type SkillView,
  type WorkspaceFolderView,
} from "./viewModel";
import type { ThreadEvent } from "./threadEvents";

const MAX_TEXT = 200_000;
/** The longest free-text argument of a slash command (`/plan <task>`, `/goal <objective>`). */
const MAX_SLASH_TEXT = 4_000;
const MAX_ID = 512;
const MAX_PATH = 4_096;
const MAX_IMAGE_DATA_URL = 20 * 1024 * 1024;
/** The most @-mention candidates one `composer/searchFiles` returns. */
export const MAX_MENTION_RESULTS = 50;
/** The longest @-mention query the host searches for. */
export const MAX_MENTION_QUERY = 256;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID));
const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max));
const filePath = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_PATH));
const lineNumber = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000_000));
const empty = v.strictObject({});

export const chatModeSchema = v.picklist(["chat", "agent", "agentFullAccess", "plan"]);

export const attachmentSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("file"), path: filePath }),
  v.strictObject({
    kind: v.literal("selection"),
    path: filePath,
    startLine: lineNumber,
    endLine: lineNumber,
    text: text(),
  }),
  /** `@problems`, `@terminal`, `@changes`: text the host built when it was picked. */
  v.strictObject({
    kind: v.literal("context"),
    source: v.picklist(CONTEXT_SOURCES),
    label: text(256),
    text: text(MAX_CONTEXT_TEXT + 1_000),
  }),
  v.strictObject({
    kind: v.literal("image"),
    name: text(256),
    dataUrl: v.pipe(v.string(), v.maxLength(MAX_IMAGE_DATA_URL), v.startsWith("data:image/")),
  }),
]);
export type Attachment = v.InferOutput<typeof attachmentSchema>;

export const approvalAnswerSchema = v.variant("kind", [
  v.strictObject({
    kind: v.literal("decision"),
    decision: v.picklist(["accept", "acceptForSession", "decline", "cancel"]),
  }),
  v.strictObject({
    kind: v.literal("userInput"),
    answers: v.record(id, v.pipe(v.array(text(10_000)), v.maxLength(50))),
  }),
  v.strictObject({
    kind: v.literal("elicitation"),
    action: v.picklist(["accept", "decline", "cancel"]),
    content: v.nullable(v.record(id, v.union([text(10_000), v.number(), v.boolean()]))),
  }),
  v.strictObject({
    kind: v.literal("permissions"),
    grant: v.boolean(),
    scope: v.picklist(["turn", "session"]),
  }),
  /**
   * "Always allow commands like this": the command prefix the card showed. The host accepts it
   * only when it is exactly the rule codex proposed (`proposedExecpolicyAmendment`).
   */
  v.strictObject({
    kind: v.literal("execpolicyAmendment"),
    prefix: v.pipe(v.array(text(4_096)), v.minLength(1), v.maxLength(256)),
  }),
  /** "Always allow/deny this host": one of codex's `proposedNetworkPolicyAmendments`. */
  v.strictObject({
    kind: v.literal("networkPolicyAmendment"),
    host: v.pipe(v.string(), v.minLength(1), v.maxLength(1_024)),
    action: v.picklist(["allow", "deny"]),
  }),
]);
export type ApprovalAnswer = v.InferOutput<typeof approvalAnswerSchema>;

const threadSummarySchema = v.strictObject({
  id,
  name: v.nullable(v.string()),
  /** What the host calls the thread everywhere (extension/threads/listedThreadTitle.ts). */
  title: v.string(),
  preview: v.string(),
  cwd: v.string(),
  updatedAt: v.number(),
  modelProvider: v.string(),
});
export type ThreadSummary = v.InferOutput<typeof threadSummarySchema>;

/** A loosely checked object typed as `T`: for payloads the host builds from codex's own types. */
function shaped<T>(check: (value: Record<string, unknown>) => boolean = () => true) {
  return v.custom<T>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      check(value as Record<string, unknown>),
    "malformed payload",
  );
}

const mentionCandidateSchema = v.strictObject({
  /** Absolute path: what the file attachment carries. */
  path: filePath,
  /** The file name. */
  label: text(1_024),
  /** Its folder, relative to the workspace. */
  description: text(MAX_PATH),
  /** A line range typed after the path (`@app.ts:10-40`): picking attaches those lines. */
  startLine: v.optional(lineNumber),
  endLine: v.optional(lineNumber),
});
export type MentionCandidate = v.InferOutput<typeof mentionCandidateSchema>;

const contextCandidateSchema = v.strictObject({
  source: v.picklist(CONTEXT_MENTIONS),
  /** What picking it attaches now ("2 problems in app.ts") or why it cannot ("Not a Git repository"). */
  description: text(1_000),
  available: v.boolean(),
});
export type ContextCandidate = v.InferOutput<typeof contextCandidateSchema>;

export const slashCommandNameSchema = v.picklist(SLASH_COMMANDS.map((spec) => spec.name));

export const webviewRequests = {
  "chat/send": {
    params: v.strictObject({
      text: text(),
      attachments: v.pipe(v.array(attachmentSchema), v.maxLength(100)),
      /**
       * Attach the editor context the composer shows (`ChatViewState.editorContext`): the
       * selection when there is one, else the active file. The host reads the text on send.
       */
      includeEditorContext: v.optional(v.boolean()),
      /**
       * While a turn runs: queue or steer this one message, whatever `chatgpt.followUpQueueMode`
       * says (Ctrl/Cmd+Shift+Enter flips it).
       */
      followUp: v.optional(v.picklist(["queue", "steer"])),
    }),
    result: v.strictObject({ queued: v.boolean() }),
  },
  /** A composer slash command (`/review main`), already parsed by the webview; checked again. */
  "chat/slashCommand": {
    params: v.strictObject({
      command: slashCommandNameSchema,
      // One argument at most; `/plan` and `/goal` take the rest of the line as one.
      args: v.pipe(
        v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SLASH_TEXT))),
        v.maxLength(1),
      ),
    }),
    result: empty,
  },
  /** @-mention candidates: workspace files ranked for `query` (best first). */
  "composer/searchFiles": {
    params: v.strictObject({ query: text(MAX_MENTION_QUERY) }),
    result: v.strictObject({
      files: v.pipe(v.array(mentionCandidateSchema), v.maxLength(MAX_MENTION_RESULTS)),
      /** The editor's context sources whose name starts with the query, first in the menu. */
      contexts: v.optional(v.array(contextCandidateSchema)),
    }),
  },
  /** Builds the attachment for a picked `@problems`, `@terminal`, `@changes`, `@selection` or line range. */
  "composer/resolveContext": {
    params: v.variant("source", [
      v.strictObject({ source: v.picklist(CONTEXT_MENTIONS) }),
      v.strictObject({
        source: v.literal("lines"),
        path: filePath,
        startLine: lineNumber,
        endLine: lineNumber,
      }),
    ]),
    result: v.strictObject({
      attachment: v.nullable(attachmentSchema),
      /** Why there is nothing to attach ("Not a Git repository"), for the user. */
      reason: v.optional(text(1_000)),
    }),
  },
  "chat/interrupt": { params: empty, result: empty },
  "chat/newThread": { params: empty, result: empty },
  "chat/cancelQueued": { params: v.strictObject({ queuedId: id }), result: empty },
  /** Sends a follow-up held after Stop (queued again while a turn runs). */
  "chat/sendQueued": {
    params: v.strictObject({ queuedId: id }),
    result: v.strictObject({ queued: v.boolean() }),
  },
  /** Replaces a queued follow-up's text (its attachments stay). */
  "chat/editQueued": { params: v.strictObject({ queuedId: id, text: text() }), result: empty },
  /** Moves a queued follow-up one place up (-1) or down (1). */
  "chat/moveQueued": {
    params: v.strictObject({ queuedId: id, offset: v.picklist([-1, 1]) }),
    result: empty,
  },
  /** The skills codex knows for this workspace (`skills/list`), for the composer's `$` menu. */
  "composer/listSkills": {
    params: empty,
    result: v.strictObject({ skills: v.array(shaped<SkillView>()) }),
  },
  "approval/answer": {
    params: v.strictObject({ approvalId: id, answer: approvalAnswerSchema }),
    result: empty,
  },
  "history/list": {
    params: v.strictObject({
      cursor: v.nullable(id),
      searchTerm: v.nullable(text(1_000)),
      /** Every project's threads, not only this workspace's. */
      allProjects: v.optional(v.boolean()),
    }),
    result: v.strictObject({
      threads: v.array(threadSummarySchema),
      nextCursor: v.nullable(v.string()),
    }),
  },
  "history/resume": { params: v.strictObject({ threadId: id }), result: empty },
  "history/loadOlder": { params: v.strictObject({ threadId: id }), result: empty },
  "history/export": { params: v.strictObject({ threadId: id }), result: empty },
  "history/rename": { params: v.strictObject({ threadId: id, name: text(500) }), result: empty },
  "history/fork": { params: v.strictObject({ threadId: id }), result: empty },
  "history/archive": { params: v.strictObject({ threadId: id }), result: empty },
  "models/refresh": {
    params: empty,
    result: v.strictObject({ models: v.array(shaped<ModelOption>()) }),
  },
  "models/choose": {
    params: v.strictObject({
      model: v.optional(v.nullable(id)),
      effort: v.optional(v.nullable(id)),
      mode: v.optional(chatModeSchema),
    }),
    /** `applied: false` when the user declined the full-access confirmation. */
    result: v.strictObject({ applied: v.boolean() }),
  },
  /** A comment on one step of a plan (empty text removes it); it goes with the next message. */
  "plan/comment": {
    params: v.strictObject({
      itemId: id,
      step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000)),
      stepText: text(2_000),
      text: text(MAX_SLASH_TEXT),
    }),
    result: empty,
  },
  /** "Implement this plan": back to the mode before Plan, then "Implement the plan." is sent. */
  "plan/implement": {
    params: empty,
    result: v.strictObject({ applied: v.boolean() }),
  },
  "account/login": {
    params: v.variant("method", [
      v.strictObject({
        method: v.literal("apiKey"),
        apiKey: v.pipe(v.string(), v.minLength(1), v.maxLength(4_096)),
      }),
      v.strictObject({ method: v.literal("chatgpt") }),
      v.strictObject({ method: v.literal("deviceCode") }),
    ]),
    result: empty,
  },
  "account/cancelLogin": { params: empty, result: empty },
  "account/logout": { params: empty, result: empty },
  "editor/openFileDiff": {
    params: v.strictObject({ turnId: id, itemId: id, path: filePath }),
    result: empty,
  },
  /** Every file of one `fileChange` item in the multi-file diff editor. */
  "editor/openItemDiff": { params: v.strictObject({ turnId: id, itemId: id }), result: empty },
  "editor/openTurnDiff": { params: v.strictObject({ turnId: id }), result: empty },
  /** The turn's checkpoint, whole files before and after, in the multi-file diff editor. */
  "turn/review": { params: v.strictObject({ turnId: id }), result: empty },
  /** Undo the turn's changes; the host previews, asks when the user's edits would be lost. */
  "turn/undo": {
    params: v.strictObject({ turnId: id }),
    result: v.strictObject({ undone: v.boolean() }),
  },
  /**
   * Files and conversation back to before the turn's message (Restore to here, Edit and
   * resend). `text`: the message, for the composer; null when the user cancelled.
   */
  "turn/restoreTo": {
    params: v.strictObject({ turnId: id }),
    result: v.strictObject({ text: v.nullable(v.string()) }),
  },
  "editor/openLink": { params: v.strictObject({ href: text(8_192) }), result: empty },
  "editor/openFile": {
    params: v.strictObject({ path: filePath, line: v.optional(lineNumber) }),
    result: empty,
  },
  "clipboard/write": { params: v.strictObject({ text: text(5_000_000) }), result: empty },
  "appServer/restart": { params: empty, result: empty },
  /** `forever`: "Don't show again" (the host remembers the notice's key). */
  "notice/dismiss": {
    params: v.strictObject({ noticeId: id, forever: v.optional(v.boolean()) }),
    result: empty,
  },
  /** Opens the file a notice names (a broken config.toml); the host knows which file. */
  "notice/openFile": { params: v.strictObject({ noticeId: id }), result: empty },
  /** Sends a failed turn's message again, as a new turn. */
  "turn/retry": { params: v.strictObject({ turnId: id }), result: empty },
  "card/dismiss": { params: v.strictObject({ cardId: id }), result: empty },
  /** "Approve anyway" on an action codex's auto-reviewer denied (the host has the review). */
  "autoReview/approve": { params: v.strictObject({ reviewId: id }), result: empty },
  /** The MCP panel's Reload: codex re-reads config.toml and restarts the servers. */
  "mcp/reload": { params: empty, result: empty },
  /** Sign in to an OAuth MCP server the panel lists (codex's browser flow). */
  "mcp/login": { params: v.strictObject({ server: id }), result: empty },
  /** Opens the config.toml that declares the server, at its table; the host finds the file. */
  "mcp/openConfig": { params: v.strictObject({ server: id }), result: empty },
  /** Opens VS Code's own Workspace Trust dialog; the user, not the webview, grants trust. */
  "workspace/manageTrust": { params: empty, result: empty },
} as const;

export const webviewNotifications = {
  /** Sent once the webview has rendered and can take `state/hydrate`. */
  ready: v.strictObject({}),
  "composer/draftChanged": v.strictObject({ text: text() }),
  /** An error inside the webview, for the host's log. */
  "webview/error": v.strictObject({ message: text(10_000) }),
} as const;

const connectionSchema = shaped<ChatViewState["connection"]>(
  (value) => typeof value.kind === "string",
);

export const hostNotifications = {
  "state/hydrate": shaped<ChatViewState>(
    (value) =>
      typeof value.connection === "object" &&
      typeof value.account === "object" &&
      typeof value.modelChoice === "object" &&
      typeof value.settings === "object" &&
      Array.isArray(value.approvals) &&
      Array.isArray(value.notices),
  ),
  "state/patch": v.strictObject({
    connection: v.optional(connectionSchema),
    account: v.optional(
      shaped<ChatViewState["account"]>((value) => typeof value.status === "string"),
    ),
    thread: v.optional(
      v.nullable(
        shaped<NonNullable<ChatViewState["thread"]>>(
          (value) => typeof value.id === "string" && Array.isArray(value.turns),
        ),
      ),
    ),
    approvals: v.optional(
      v.array(shaped<ChatViewState["approvals"][number]>((value) => typeof value.id === "string")),
    ),
    notices: v.optional(
      v.array(shaped<ChatViewState["notices"][number]>((value) => typeof value.id === "string")),
    ),
    modelChoice: v.optional(
      shaped<ChatViewState["modelChoice"]>((value) => Array.isArray(value.models)),
    ),
    rateLimits: v.optional(v.nullable(shaped<NonNullable<ChatViewState["rateLimits"]>>())),
    settings: v.optional(shaped<ChatViewState["settings"]>()),
    language: v.optional(v.picklist(UI_LANGUAGES)),
    editorContext: v.optional(
      shaped<ChatViewState["editorContext"]>(
        (value) => "activeFile" in value && "selection" in value,
      ),
    ),
    cards: v.optional(
      v.array(shaped<ChatViewState["cards"][number]>((value) => typeof value.id === "string")),
    ),
    reviews: v.optional(
      v.array(
        shaped<NonNullable<ChatViewState["reviews"]>[number]>(
          (value) => typeof value.id === "string",
        ),
      ),
    ),
    workspaceTrusted: v.optional(v.boolean()),
    workspaceFolders: v.optional(
      v.array(
        shaped<WorkspaceFolderView>(
          (value) => typeof value.name === "string" && typeof value.path === "string",
        ),
      ),
    ),
  }),
  "thread/events": v.strictObject({
    threadId: id,
    events: v.array(shaped<ThreadEvent>((value) => typeof value.type === "string")),
  }),
  /** From "Add to thread" and friends: put this into the composer. */
  "composer/insert": v.strictObject({
    text: v.optional(text()),
    attachments: v.optional(v.array(attachmentSchema)),
  }),
  "composer/focus": v.strictObject({}),
} as const;

export type WebviewRequests = typeof webviewRequests;
export type WebviewRequestMethod = keyof WebviewRequests;
export type WebviewRequestParams<M extends WebviewRequestMethod> = v.InferOutput<
  WebviewRequests[M]["params"]
>;
export type WebviewRequestResult<M extends WebviewRequestMethod> = v.InferOutput<
  WebviewRequests[M]["result"]
>;

export type WebviewNotificationMethod = keyof typeof webviewNotifications;
export type WebviewNotificationParams<M extends WebviewNotificationMethod> = v.InferOutput<
  (typeof webviewNotifications)[M]
>;

export type HostNotificationMethod = keyof typeof hostNotifications;
export type HostNotificationParams<M extends HostNotificationMethod> = v.InferOutput<
  (typeof hostNotifications)[M]
>;
