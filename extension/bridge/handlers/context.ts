/**
 * What a webview request handler may use. Handlers stay free of `vscode`: editor actions go
 * through EditorPort (implemented with the VS Code API in extension/views/editorPort.ts), so each
 * handler is unit-tested with fakes.
 */
import { ChannelRequestError, type HostChannel } from "../../../protocol/webview/channel";
import type {
  Attachment,
  ContextCandidate,
  WebviewRequestMethod,
  WebviewRequestParams,
  WebviewRequestResult,
} from "../../../protocol/webview/messages";
import type { DeniedActionQuestion } from "../autoReviews";
import type { ChatBridge } from "../bridge";
import { UserFacingError } from "../userFacingError";
import type { Disposable } from "../../connection/port";
import type { TurnActions, TurnActionsView } from "../../review/turnActions";

/** One file to review: its text before, and its text after (or the file on disk). */
export interface ReviewFile {
  path: string;
  before: string;
  after: string | "disk";
}

export interface EditorPort {
  /** Opens an http(s) URL outside VS Code. */
  openExternal(url: string): Promise<boolean>;
  writeClipboard(text: string): Promise<void>;
  /** Absolute paths of the workspace folders (file scheme only). */
  workspaceFolders(): readonly string[];
  /** Opens a file the handler has checked is inside a workspace folder. */
  openFile(absolutePath: string, line?: number): Promise<void>;
  /** The file's text now; undefined when it does not exist or cannot be read. */
  readText(absolutePath: string): Promise<string | undefined>;
  /** VS Code's diff editor, both sides read-only unless `after` is the file on disk. */
  openDiff(file: ReviewFile, title: string): Promise<void>;
  /** VS Code's multi-file diff editor, one entry per file. */
  openChanges(files: readonly ReviewFile[], title: string): Promise<void>;
  /**
   * The editor context as an attachment, read now: the (last) active editor's selection, or its
   * file when nothing is selected; undefined without a text editor on a saved file.
   */
  editorContextAttachment(): Promise<Attachment | undefined>;
  /** `chatgpt.exportThread` for one thread (asks where the Markdown goes). */
  exportThread?(threadId: string): Promise<void>;
}

/** A workspace file as the @-mention index ranks it. */
export interface MentionMatchLike {
  /** `/`-separated, relative to the workspace (multi-root: prefixed with the folder's name). */
  path: string;
}

/** The @-mention file index (`FileMentionIndex` from extension/editor). */
export interface MentionIndex {
  search(query: string, limit: number): Promise<MentionMatchLike[]>;
}

/** The editor's context as `@` mentions (extension/editor/contextMentions.ts over VS Code). */
export interface ContextMentions {
  /** The sources whose name starts with `query`, each with what it would attach now. */
  describe(query: string): Promise<ContextCandidate[]>;
  resolve(
    params: WebviewRequestParams<"composer/resolveContext">,
  ): Promise<WebviewRequestResult<"composer/resolveContext">>;
}

/** The user's consent to `/feedback`, with what they chose to send. */
export interface FeedbackConsent {
  classification: "bug" | "bad_result" | "good_result" | "other";
  reason: string | null;
  includeLogs: boolean;
}

/** Host-side pieces the slash commands need (dialogs and settings; vscode in the extension). */
export interface SlashHost {
  /** `chatgpt.reviewDelivery`. */
  reviewDelivery(): "inline" | "detached";
  /** A modal that says what is uploaded; null when the user declines. */
  confirmFeedback(): Promise<FeedbackConsent | null>;
  /** Tells the user the feedback was sent (with codex's id for it). */
  feedbackSent(id: string): void;
}

/**
 * What only the user, through VS Code's own UI, may decide: the webview asks, the host confirms
 * natively. An injected script in the webview must not be able to swap the account or grant
 * itself trust.
 */
export interface HostGuard {
  /** A native modal; true when the user confirms. */
  confirmAccountChange(change: "replaceSignIn" | "signOut"): Promise<boolean>;
  /** Opens VS Code's Workspace Trust dialog (the user grants trust there, or not). */
  manageWorkspaceTrust(): Promise<void>;
  /** A native modal before "Approve anyway" overrides the auto-reviewer; true when confirmed. */
  confirmApproveDenied(question: DeniedActionQuestion): Promise<boolean>;
}

export interface HandlerContext {
  bridge: Pick<
    ChatBridge,
    | "threads"
    | "history"
    | "approvals"
    | "account"
    | "models"
    | "state"
    | "port"
    | "skills"
    | "goals"
    | "mcp"
    | "autoReviews"
  >;
  editor: EditorPort;
  restartAppServer(): Promise<void>;
  /** Workspace files for @-mentions; absent where there is no workspace index. */
  fileMentions?: MentionIndex;
  /** `@problems`, `@terminal`, `@changes`, `@selection`, line ranges; absent: files only. */
  contextMentions?: ContextMentions;
  /** Absolute paths of the workspace folders by name, to resolve the index's relative paths. */
  workspaceFolders?: () => readonly { name: string; path: string }[];
  slash: SlashHost;
  guard: HostGuard;
  /** Review, undo and rewind of the view's turns from their checkpoints; absent: off. */
  turns?: (view: TurnActionsView) => Pick<TurnActions, "review" | "undo" | "restoreTo">;
}

export interface WebviewHandler<M extends WebviewRequestMethod> {
  readonly method: M;
  handle(
    context: HandlerContext,
    params: WebviewRequestParams<M>,
  ): Promise<WebviewRequestResult<M>> | WebviewRequestResult<M>;
}

/** A handler with its method bound, ready to register on a channel. */
export interface RegisterableHandler {
  readonly method: WebviewRequestMethod;
  register(channel: HostChannel, context: HandlerContext): Disposable;
}

export function defineHandler<M extends WebviewRequestMethod>(
  method: M,
  handle: WebviewHandler<M>["handle"],
): WebviewHandler<M> & RegisterableHandler {
  return {
    method,
    handle,
    register: (channel, context) =>
      channel.handle(method, async (params) => {
        try {
          return await handle(context, params);
        } catch (error) {
          // Domain code speaks to the user with UserFacingError; the channel has its own type.
          throw error instanceof UserFacingError ? new ChannelRequestError(error.message) : error;
        }
      }),
  };
}
