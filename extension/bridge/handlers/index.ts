/** Every webview request handler, one module each, and their registration on a channel. */
import type { HostChannel } from "../../../protocol/webview/channel";
import type { WebviewRequestMethod } from "../../../protocol/webview/messages";
import type { Disposable } from "../../connection/port";
import { accountCancelLogin } from "./accountCancelLogin";
import { accountLogin } from "./accountLogin";
import { accountLogout } from "./accountLogout";
import { appServerRestart } from "./appServerRestart";
import { approvalAnswer } from "./approvalAnswer";
import { cardDismiss } from "./cardDismiss";
import { chatCancelQueued } from "./chatCancelQueued";
import { chatEditQueued } from "./chatEditQueued";
import { chatInterrupt } from "./chatInterrupt";
import { chatMoveQueued } from "./chatMoveQueued";
import { chatNewThread } from "./chatNewThread";
import { chatSend } from "./chatSend";
import { chatSendQueued } from "./chatSendQueued";
import { chatSlashCommand } from "./chatSlashCommand";
import { clipboardWrite } from "./clipboardWrite";
import { composerListSkills } from "./composerListSkills";
import { composerResolveContext } from "./composerResolveContext";
import { composerSearchFiles } from "./composerSearchFiles";
import type { HandlerContext, RegisterableHandler } from "./context";
import { editorOpenFile } from "./editorOpenFile";
import { editorOpenFileDiff, editorOpenItemDiff } from "./editorOpenFileDiff";
import { editorOpenLink } from "./editorOpenLink";
import { editorOpenTurnDiff } from "./editorOpenTurnDiff";
import { historyArchive } from "./historyArchive";
import { historyFork } from "./historyFork";
import { historyExport } from "./historyExport";
import { historyList } from "./historyList";
import { historyLoadOlder } from "./historyLoadOlder";
import { historyRename } from "./historyRename";
import { historyResume } from "./historyResume";
import { autoReviewApprove } from "./autoReviewApprove";
import { mcpLogin } from "./mcpLogin";
import { mcpOpenConfig } from "./mcpOpenConfig";
import { mcpReload } from "./mcpReload";
import { modelsChoose } from "./modelsChoose";
import { modelsRefresh } from "./modelsRefresh";
import { noticeDismiss } from "./noticeDismiss";
import { noticeOpenFile } from "./noticeOpenFile";
import { planComment } from "./planComment";
import { planImplement } from "./planImplement";
import { turnRestoreTo } from "./turnRestoreTo";
import { turnRetry } from "./turnRetry";
import { turnReview } from "./turnReview";
import { turnUndo } from "./turnUndo";
import { workspaceManageTrust } from "./workspaceManageTrust";

export type {
  EditorPort,
  FeedbackConsent,
  HandlerContext,
  HostGuard,
  ContextMentions,
  MentionIndex,
  ReviewFile,
  SlashHost,
} from "./context";

export const webviewHandlers: readonly RegisterableHandler[] = [
  chatSend,
  chatSlashCommand,
  composerSearchFiles,
  composerResolveContext,
  chatInterrupt,
  chatNewThread,
  chatCancelQueued,
  chatSendQueued,
  chatEditQueued,
  chatMoveQueued,
  composerListSkills,
  approvalAnswer,
  historyList,
  historyResume,
  historyLoadOlder,
  historyExport,
  historyRename,
  historyFork,
  historyArchive,
  modelsRefresh,
  modelsChoose,
  autoReviewApprove,
  mcpReload,
  mcpLogin,
  mcpOpenConfig,
  planComment,
  planImplement,
  accountLogin,
  accountCancelLogin,
  accountLogout,
  editorOpenFileDiff,
  editorOpenItemDiff,
  editorOpenTurnDiff,
  turnReview,
  turnUndo,
  turnRestoreTo,
  editorOpenLink,
  editorOpenFile,
  clipboardWrite,
  appServerRestart,
  noticeDismiss,
  noticeOpenFile,
  turnRetry,
  cardDismiss,
  workspaceManageTrust,
];

/** The methods that have a handler (a test checks this covers every webview request). */
export const handledMethods: readonly WebviewRequestMethod[] = webviewHandlers.map((h) => h.method);

export function registerWebviewHandlers(channel: HostChannel, context: HandlerContext): Disposable {
  const registrations = webviewHandlers.map((handler) => handler.register(channel, context));
  return { dispose: () => registrations.forEach((registration) => registration.dispose()) };
}
