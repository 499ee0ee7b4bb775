/**
 * What `thread/start` and `turn/start` carry from the view's choices: model and effort, the mode
 * (approval policy and sandbox), `/fast`'s service tier and who answers approvals. codex keeps the
 * mode and the tier per thread, so a turn carries them only when they changed since the thread's
 * last turn.
 */
import type { ApprovalsReviewer } from "../../protocol/codex/v2/ApprovalsReviewer";
import type { ThreadStartParams } from "../../protocol/codex/v2/ThreadStartParams";
import type { TurnStartParams } from "../../protocol/codex/v2/TurnStartParams";
import type { ChatMode, ChatViewState } from "../../protocol/webview/viewModel";
import { activeServiceTier } from "./fastTier";
import { effectiveMode, modeParams, sandboxPolicyFor, turnModelParams } from "./models";

/** The view's choices the params are made of. */
export type TurnChoices = Pick<ChatViewState, "modelChoice" | "workspaceTrusted">;

/** `chatgpt.approvalsReviewer`, read when a start goes out (absent or undefined: codex decides). */
type Reviewer = (() => ApprovalsReviewer | undefined) | undefined;

/** `turn/start`'s params other than the thread and the message. */
export type TurnSettings = Omit<TurnStartParams, "threadId" | "input">;

/** What a thread's last turn (or its start) went out with. */
export interface ThreadRunsWith {
  mode: ChatMode | undefined;
  serviceTier: string | null;
}

/**
 * The reviewer setting, sent on every thread and turn start (it may change in between). In
 * Restricted Mode the user answers every approval, whatever the setting or config.toml say.
 */
function reviewerParams(
  view: TurnChoices,
  reviewerSetting: Reviewer,
): { approvalsReviewer?: ApprovalsReviewer } {
  if (!view.workspaceTrusted) return { approvalsReviewer: "user" };
  const reviewer = reviewerSetting?.();
  return reviewer ? { approvalsReviewer: reviewer } : {};
}

/** `thread/start`'s params, and the mode the thread starts with. */
export function threadStartParams(
  view: TurnChoices,
  cwd: string | undefined,
  reviewer: Reviewer,
): { params: ThreadStartParams; mode: ChatMode } {
  const mode = effectiveMode(view);
  const model = view.modelChoice.model;
  const params: ThreadStartParams = {
    ...(cwd ? { cwd } : {}),
    ...modeParams(mode),
    ...(model !== null ? { model } : {}),
    ...reviewerParams(view, reviewer),
  };
  return { params, mode };
}

/**
 * What `turn/start` carries besides the thread and the message, and what the thread runs with
 * once codex accepted it.
 */
export function turnSettings(
  view: TurnChoices,
  reviewer: Reviewer,
  thread: ThreadRunsWith,
): { settings: TurnSettings; next: ThreadRunsWith & { mode: ChatMode } } {
  const choice = view.modelChoice;
  const settings: TurnSettings = {
    ...turnModelParams(choice),
    ...reviewerParams(view, reviewer),
  };
  const serviceTier = activeServiceTier(choice);
  if (serviceTier !== thread.serviceTier) settings.serviceTier = serviceTier;
  const mode = effectiveMode(view);
  if (mode !== thread.mode) {
    const policy = modeParams(mode);
    settings.approvalPolicy = policy.approvalPolicy;
    settings.sandboxPolicy = sandboxPolicyFor(policy.sandbox);
  }
  return { settings, next: { mode, serviceTier } };
}
