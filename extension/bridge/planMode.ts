/**
 * Plan mode: codex's `plan` collaboration mode, and the comments on plan steps that go with the
 * next message. It adds to each turn before it goes out (ThreadSession calls `prepare`):
 *
 * - In Plan mode the turn carries `collaborationMode: { mode: "plan" }`: codex gives the model its
 *   plan-mode instructions and turns the model's `<proposed_plan>` block into a `plan` item.
 * - The first turn after Plan carries `mode: "default"`, which codex tells the model as a
 *   developer message: plan mode is over. A thread never stays in plan mode unseen (#14029).
 * - Comments on single steps are prepended to the message as text, then cleared.
 *
 * `collaborationMode` is experimental in codex 0.169.0 (the client opts in at initialize, see
 * appServer/clientCapabilities.ts), so the stable bindings do not type it; the shapes used here
 * are the generated `CollaborationMode` and `CollaborationModeMask`.
 */
import type { CollaborationMode } from "../../protocol/codex/CollaborationMode";
import type { ModeKind } from "../../protocol/codex/ModeKind";
import type { ReasoningEffort } from "../../protocol/codex/ReasoningEffort";
import type { CollaborationModeMask } from "../../protocol/codex/v2/CollaborationModeMask";
import type { TurnStartParams } from "../../protocol/codex/v2/TurnStartParams";
import type { ChatMode, PlanCommentView } from "../../protocol/webview/viewModel";
import { AppServerRpcError, describeError } from "../appServer/errors";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";
import { UnsupportedMethodError } from "../connection/unsupportedMethods";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";

/** What a turn about to start gets from plan mode, and what to do once codex answered. */
export interface TurnHook {
  /** A thread codex just started, resumed or forked: its model, and its mode when codex says. */
  threadLoaded(threadId: string, model: string, mode?: ModeKind): void;
  /** Adds to `params` (in place) for a turn in `mode`; `sent`/`failed` report the outcome. */
  prepare(params: TurnStartParams, mode: ChatMode): { sent(): void; failed(): void };
}

/** `turn/start` with codex's experimental `collaborationMode`. */
export type PlanTurnStartParams = TurnStartParams & { collaborationMode?: CollaborationMode };

/** The message the comments go in, one line per step; null without comments. */
export function planCommentsText(comments: readonly PlanCommentView[]): string | null {
  if (comments.length === 0) return null;
  const lines = [...comments]
    .sort((a, b) => a.step - b.step)
    .map((comment) =>
      l10n.t('- Step {0} ("{1}"): {2}', comment.step + 1, comment.stepText, comment.text),
    );
  return [l10n.t("My comments on the plan:"), ...lines].join("\n");
}

/** `comments` with the comment on (`itemId`, `step`) replaced; an empty text removes it. */
export function withPlanComment(
  comments: readonly PlanCommentView[],
  comment: PlanCommentView,
): PlanCommentView[] {
  const others = comments.filter(
    (entry) => entry.itemId !== comment.itemId || entry.step !== comment.step,
  );
  return comment.text.trim() ? [...others, { ...comment, text: comment.text.trim() }] : others;
}

interface ThreadCollaboration {
  model?: string;
  mode?: ModeKind;
}

export interface PlanModeOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
}

export class PlanModeController implements TurnHook {
  /** What codex last said each thread runs with (model, collaboration mode). */
  private readonly threads = new Map<string, ThreadCollaboration>();
  /** The plan preset's reasoning effort, from `collaborationMode/list`. */
  private planEffort: ReasoningEffort | null = null;

  constructor(private readonly options: PlanModeOptions) {}

  readonly notifications: NotificationHandlers = {
    // Sent after thread/start (and when settings change); a resumed thread's come with its
    // thread/resume answer (threadLoaded). One left in plan mode is known as such, so the next
    // default-mode turn ends it.
    "thread/settings/updated": ({ threadId, threadSettings }) => {
      this.remember(threadId, threadSettings.model, threadSettings.collaborationMode?.mode);
    },
  };

  /** Asks codex for its collaboration modes: the picker offers Plan only if codex has it. */
  async refresh(): Promise<void> {
    const { port, state, logger } = this.options;
    let supported: boolean;
    try {
      // Experimental, so not in the generated method map.
      const request = port.request as unknown as (
        method: string,
        params: Record<string, never>,
      ) => Promise<{ data: CollaborationModeMask[] }>;
      const response = await request.call(port, "collaborationMode/list", {});
      const plan = response.data.find((mask) => mask.mode === "plan");
      supported = plan !== undefined;
      this.planEffort = plan?.reasoning_effort ?? null;
    } catch (error) {
      // A codex without the method, or without the experimental opt-in; anything else (codex
      // not running) leaves it unknown.
      if (!(error instanceof UnsupportedMethodError || error instanceof AppServerRpcError)) return;
      logger.info(`no plan mode: ${describeError(error)}`);
      supported = false;
    }
    const choice = state.snapshot.modelChoice;
    if (choice.planModeSupported === supported) return;
    state.setModelChoice({ ...choice, planModeSupported: supported });
  }

  threadLoaded(threadId: string, model: string, mode?: ModeKind): void {
    this.remember(threadId, model, mode);
  }

  prepare(params: PlanTurnStartParams, mode: ChatMode): { sent(): void; failed(): void } {
    const { state } = this.options;
    const threadId = params.threadId;
    const thread = state.thread?.id === threadId ? state.thread : null;
    const comments = thread?.planComments ?? [];
    const text = planCommentsText(comments);
    if (text) {
      params.input = [{ type: "text", text, text_elements: [] }, ...params.input];
      state.editThread(threadId, { type: "planCommentsChanged", comments: [] });
    }
    const collaboration = this.collaborationFor(threadId, mode);
    if (collaboration) params.collaborationMode = collaboration;
    return {
      sent: () => {
        if (collaboration)
          this.remember(threadId, collaboration.settings.model, collaboration.mode);
      },
      failed: () => {
        if (comments.length > 0)
          state.editThread(threadId, { type: "planCommentsChanged", comments });
      },
    };
  }

  /** Plan for a plan turn; default once, to leave plan mode; nothing otherwise. */
  private collaborationFor(threadId: string, mode: ChatMode): CollaborationMode | undefined {
    const known = this.threads.get(threadId);
    const planning = mode === "plan";
    if (!planning && known?.mode !== "plan") return undefined;
    const choice = this.options.state.snapshot.modelChoice;
    // codex wants the model spelled out; null in the picker means the thread's own.
    const model = choice.model ?? known?.model;
    if (!model) {
      this.options.logger.warn(`thread ${threadId}: model unknown, collaboration mode not sent`);
      return undefined;
    }
    const effort = (choice.effort as ReasoningEffort | null) ?? (planning ? this.planEffort : null);
    return {
      mode: planning ? "plan" : "default",
      // developer_instructions null: codex's built-in instructions for the mode.
      settings: { model, reasoning_effort: effort, developer_instructions: null },
    };
  }

  private remember(threadId: string, model?: string, mode?: ModeKind): void {
    const known = this.threads.get(threadId) ?? {};
    this.threads.set(threadId, {
      model: model || known.model,
      mode: mode ?? known.mode,
    });
    if (this.threads.size > REMEMBERED_THREADS) {
      this.threads.delete(this.threads.keys().next().value!);
    }
  }
}

/** How many threads' settings are remembered. */
const REMEMBERED_THREADS = 100;
