/**
 * Auto-review: with `approvalsReviewer: "auto_review"` codex sends eligible approvals to its
 * reviewer sub-agent instead of asking the user. Its decisions arrive as
 * `item/autoApprovalReview/started|completed` and are shown in the transcript; a denied action
 * can be approved by the user anyway (`thread/approveGuardianDeniedAction`): codex then tells the
 * model, in the thread, that the user approved exactly that action (verified with 0.169.0 in
 * test/protocol/autoReview.test.ts), so it may retry it.
 *
 * The override carries codex's own assessment event back (snake_case, as codex serialises
 * `GuardianAssessmentEvent`), built from the completed notification the host kept; the webview
 * only names the review.
 */
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import type { ItemGuardianApprovalReviewCompletedNotification } from "../../protocol/codex/v2/ItemGuardianApprovalReviewCompletedNotification";
import type { JsonValue } from "../../protocol/codex/serde_json/JsonValue";
import type { GuardianApprovalReviewAction } from "../../protocol/codex/v2/GuardianApprovalReviewAction";
import { revealInline, revealMultiline } from "../../protocol/webview/revealHidden";
import { reviewedAction, type ReviewedActionLabel } from "../../protocol/webview/reviewedAction";
import type { AutoReviewView } from "../../protocol/webview/viewModel";
import { describeError } from "../appServer/errors";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";
import { UnsupportedMethodError } from "../connection/unsupportedMethods";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import { UserFacingError } from "./userFacingError";

type ReviewNotification = Extract<
  ServerNotification,
  { method: "item/autoApprovalReview/started" | "item/autoApprovalReview/completed" }
>["params"];

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** codex's wire form of an action: snake_case keys, and `type`/`source` values. */
function wireAction(action: ItemGuardianApprovalReviewCompletedNotification["action"]): JsonValue {
  const wire: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(action)) {
    wire[snake(key)] =
      (key === "type" || key === "source") && typeof value === "string"
        ? snake(value)
        : (value as JsonValue);
  }
  return wire;
}

/** The `GuardianAssessmentEvent` codex serialised for this review (its wire form). */
export function assessmentEvent(done: ItemGuardianApprovalReviewCompletedNotification): JsonValue {
  return {
    id: done.reviewId,
    target_item_id: done.targetItemId,
    turn_id: done.turnId,
    started_at_ms: done.startedAtMs,
    completed_at_ms: done.completedAtMs,
    status: snake(done.review.status),
    risk_level: done.review.riskLevel,
    user_authorization: done.review.userAuthorization,
    rationale: done.review.rationale,
    decision_source: snake(done.decisionSource),
    action: wireAction(done.action),
  };
}

function viewOf(params: ReviewNotification): AutoReviewView {
  return {
    id: params.reviewId,
    threadId: params.threadId,
    turnId: params.turnId,
    targetItemId: params.targetItemId,
    status: params.review.status,
    riskLevel: params.review.riskLevel,
    userAuthorization: params.review.userAuthorization,
    rationale: params.review.rationale,
    action: params.action,
  };
}

/** What the user confirms before a denied action is approved anyway (host-language text). */
export interface DeniedActionQuestion {
  /** The action, in a line or a few: the command, the files, the host... */
  action: string;
  /** The reviewer's reason for the denial. */
  rationale: string | null;
}

function labelText(label: ReviewedActionLabel): string {
  switch (label.kind) {
    case "stdin":
      return l10n.t("Input to a running command");
    case "patch":
      return l10n.t("Edit {0} file(s)", label.files);
    case "network":
      return l10n.t("Network access to {0}", label.target);
    case "mcp":
      return l10n.t("MCP tool {1} on {0}", label.server, label.tool);
    case "permissions":
      return label.reason ?? l10n.t("More permissions");
    case "unknown":
      return l10n.t("An action Codex did not describe");
  }
}

/**
 * The reviewed action in words, for the native confirmation: what the transcript's card shows
 * (the command without codex's shell wrapper), with hidden, bidi and control characters marked.
 */
export function describeReviewedAction(action: GuardianApprovalReviewAction): string {
  const { code, label } = reviewedAction(action);
  return [label && revealInline(labelText(label)), code !== null && revealMultiline(code)]
    .filter((part): part is string => Boolean(part))
    .join("\n");
}

export interface AutoReviewsOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
}

/** Completed reviews kept for an override (denied ones matter; the newest win). */
const MAX_KEPT = 100;

export class AutoReviews {
  private readonly completed = new Map<string, ItemGuardianApprovalReviewCompletedNotification>();

  constructor(private readonly options: AutoReviewsOptions) {}

  readonly notifications: NotificationHandlers = {
    "item/autoApprovalReview/started": (params) => this.options.state.upsertReview(viewOf(params)),
    "item/autoApprovalReview/completed": (params) => {
      this.completed.set(params.reviewId, params);
      if (this.completed.size > MAX_KEPT) {
        this.completed.delete(this.completed.keys().next().value!);
      }
      this.options.logger.info(
        `auto-review ${params.reviewId}: ${params.review.status} (${params.action.type})`,
      );
      this.options.state.upsertReview(viewOf(params));
    },
  };

  /**
   * "Approve anyway" on a denied action, sent only once `confirm` (the host's native modal) says
   * yes: a click in the webview alone must not override the reviewer.
   */
  async approve(
    reviewId: string,
    confirm: (question: DeniedActionQuestion) => Promise<boolean>,
  ): Promise<void> {
    const { port, state, logger } = this.options;
    const done = this.completed.get(reviewId);
    if (!done || !state.findReview(reviewId) || done.review.status !== "denied") {
      throw new UserFacingError(l10n.t("Only an action the auto-reviewer denied can be approved."));
    }
    if (state.findReview(reviewId)?.overridden) return;
    const { rationale } = done.review;
    const question = {
      action: describeReviewedAction(done.action),
      rationale: rationale && revealMultiline(rationale),
    };
    if (!(await confirm(question))) return;
    // Read again after the modal: the thread may have moved on, or a second click approved it.
    const view = state.findReview(reviewId);
    if (!view || view.overridden) return;
    try {
      await port.request("thread/approveGuardianDeniedAction", {
        threadId: done.threadId,
        event: assessmentEvent(done),
      });
    } catch (error) {
      if (error instanceof UnsupportedMethodError) throw new UserFacingError(error.message);
      throw new UserFacingError(l10n.t("Could not approve the action: {0}", describeError(error)));
    }
    logger.info(`auto-review ${reviewId}: the user approved the denied action`);
    state.upsertReview({ ...view, overridden: true });
  }
}
