/**
 * Approvals: codex asks (a server request), the sidebar shows an ApprovalView under a
 * host-assigned id, the user answers, and the answer becomes codex's typed response.
 *
 * - `serverRequest/resolved` (codex settled it elsewhere) removes the view.
 * - The connection closing while the user decides marks it `cancelled`: codex gets nothing and
 *   nothing is ever accepted on the user's behalf.
 * - `acceptForSession` is passed through as codex's own decision, so codex stops asking for the
 *   same thing in that thread.
 * - "Always allow" sends the rule codex proposed, checked by approvalAmendments.ts; codex
 *   persists it, and the extension records it (`onRuleAdded`) to list and remove it later.
 */
import type { CommandExecutionRequestApprovalParams } from "../../protocol/codex/v2/CommandExecutionRequestApprovalParams";
import type { CommandExecutionRequestApprovalResponse } from "../../protocol/codex/v2/CommandExecutionRequestApprovalResponse";
import type { FileChangeRequestApprovalResponse } from "../../protocol/codex/v2/FileChangeRequestApprovalResponse";
import type { GrantedPermissionProfile } from "../../protocol/codex/v2/GrantedPermissionProfile";
import type { McpServerElicitationRequestResponse } from "../../protocol/codex/v2/McpServerElicitationRequestResponse";
import type { PermissionsRequestApprovalParams } from "../../protocol/codex/v2/PermissionsRequestApprovalParams";
import type { PermissionsRequestApprovalResponse } from "../../protocol/codex/v2/PermissionsRequestApprovalResponse";
import type { ToolRequestUserInputAnswer } from "../../protocol/codex/v2/ToolRequestUserInputAnswer";
import type { ToolRequestUserInputResponse } from "../../protocol/codex/v2/ToolRequestUserInputResponse";
import type { ApprovalAnswer } from "../../protocol/webview/messages";
import type {
  ApprovalRequestView,
  ApprovalView,
  WorkspaceFolderView,
} from "../../protocol/webview/viewModel";
import type { Logger } from "../log";
import { l10n } from "../l10n";
import type { ChatState } from "./chatState";
import { UserFacingError } from "./userFacingError";
import { amendmentDecision, type AddedAllowRule } from "./approvalAmendments";
import type { NotificationHandlers } from "../connection/notifications";
import {
  isConnectionLoss,
  type AppServerPort,
  type Disposable,
  type RequestRoute,
} from "../connection/port";

function wrongKind(kind: ApprovalRequestView["kind"], answer: ApprovalAnswer): UserFacingError {
  return new UserFacingError(l10n.t("A {0} answer does not fit a {1} request.", answer.kind, kind));
}

export function commandResponse(
  params: CommandExecutionRequestApprovalParams,
  answer: ApprovalAnswer,
): CommandExecutionRequestApprovalResponse {
  if (answer.kind === "execpolicyAmendment" || answer.kind === "networkPolicyAmendment") {
    return { decision: amendmentDecision(params, answer).decision };
  }
  if (answer.kind !== "decision") throw wrongKind("command", answer);
  return { decision: answer.decision };
}

export function fileChangeResponse(answer: ApprovalAnswer): FileChangeRequestApprovalResponse {
  if (answer.kind !== "decision") {
    throw wrongKind("fileChange", answer);
  }
  return { decision: answer.decision };
}

function grantAll(params: PermissionsRequestApprovalParams): GrantedPermissionProfile {
  const granted: GrantedPermissionProfile = {};
  if (params.permissions.network) granted.network = params.permissions.network;
  if (params.permissions.fileSystem) granted.fileSystem = params.permissions.fileSystem;
  return granted;
}

export function permissionsResponse(
  params: PermissionsRequestApprovalParams,
  answer: ApprovalAnswer,
): PermissionsRequestApprovalResponse {
  let grant: boolean;
  let scope: "turn" | "session";
  if (answer.kind === "permissions") {
    grant = answer.grant;
    scope = answer.scope;
  } else if (answer.kind === "decision") {
    grant = answer.decision === "accept" || answer.decision === "acceptForSession";
    scope = answer.decision === "acceptForSession" ? "session" : "turn";
  } else {
    throw wrongKind("permissions", answer);
  }
  // Denying grants nothing; the turn goes on without the extra permissions.
  return grant ? { permissions: grantAll(params), scope } : { permissions: {}, scope: "turn" };
}

export function userInputResponse(answer: ApprovalAnswer): ToolRequestUserInputResponse {
  if (
    answer.kind === "decision" &&
    (answer.decision === "decline" || answer.decision === "cancel")
  ) {
    return { answers: {} };
  }
  if (answer.kind !== "userInput") {
    throw wrongKind("userInput", answer);
  }
  const answers: Record<string, ToolRequestUserInputAnswer> = {};
  for (const [questionId, values] of Object.entries(answer.answers)) {
    answers[questionId] = { answers: values };
  }
  return { answers };
}

export function elicitationResponse(answer: ApprovalAnswer): McpServerElicitationRequestResponse {
  if (answer.kind === "elicitation") {
    return {
      action: answer.action,
      content: answer.action === "accept" ? answer.content : null,
      _meta: null,
    };
  }
  if (answer.kind === "decision" && answer.decision !== "acceptForSession") {
    return { action: answer.decision, content: null, _meta: null };
  }
  throw wrongKind("elicitation", answer);
}

/** codex's response to `request` for the user's `answer`; throws UserFacingError on a mismatch. */
export function responseFor(request: ApprovalRequestView, answer: ApprovalAnswer): unknown {
  switch (request.kind) {
    case "command":
      return commandResponse(request.params, answer);
    case "fileChange":
      return fileChangeResponse(answer);
    case "permissions":
      return permissionsResponse(request.params, answer);
    case "userInput":
      return userInputResponse(answer);
    case "elicitation":
      return elicitationResponse(answer);
  }
}

/** One line for the log: what was asked and answered (never request payloads). */
function describeAnswer(answer: ApprovalAnswer): string {
  switch (answer.kind) {
    case "decision":
      return answer.decision;
    case "permissions":
      return `${answer.grant ? "grant" : "deny"} (${answer.scope})`;
    case "elicitation":
      return answer.action;
    case "userInput":
      return `${Object.keys(answer.answers).length} answer(s)`;
    case "execpolicyAmendment":
      return `accept, always allow ${JSON.stringify(answer.prefix)}`;
    case "networkPolicyAmendment":
      return `${answer.action} ${answer.host} from now on`;
  }
}

interface Waiting {
  request: ApprovalRequestView;
  /** The item it is about (kind, thread, turn, item), when codex names one. */
  place: string | undefined;
  settle(response: unknown): void;
}

/**
 * What an approval is about. codex asks again for an item whose approval is still open when its
 * thread is resumed (the Threads view's Show on a thread that waits): one card, one answer.
 */
function placeOf(request: ApprovalRequestView): string | undefined {
  const { threadId, turnId, itemId } = request.params as {
    threadId?: unknown;
    turnId?: unknown;
    itemId?: unknown;
  };
  return typeof itemId === "string" && itemId !== ""
    ? [request.kind, threadId, turnId, itemId].join("\u0000")
    : undefined;
}

export interface ApprovalBrokerOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
  /** The workspace folders on disk: the cards show paths relative to them. */
  workspaceFolders?: () => readonly WorkspaceFolderView[];
  /** A rule the user added from a card ("Always allow"), once codex has it. */
  onRuleAdded?: (rule: AddedAllowRule) => void;
  /**
   * The approvals waiting in `threadId` changed: one registered (its card is pending, `waitingIn`
   * lists it) or stopped waiting (answered, resolved by codex, cancelled). The thread's
   * notification waits for the registration: codex marks a thread waiting just before it asks.
   */
  onWaitingChanged?: (threadId: string) => void;
}

export class ApprovalBroker {
  private readonly waiting = new Map<string, Waiting>();
  private readonly subscriptions: Disposable[] = [];
  private counter = 0;

  constructor(private readonly options: ApprovalBrokerOptions) {}

  /**
   * Registers the server-request handlers (they persist across restarts); `route` says which
   * requests are this view's when several views share the connection.
   */
  register(route?: RequestRoute): Disposable {
    const { port } = this.options;
    this.subscriptions.push(
      port.handleServerRequest(
        "item/commandExecution/requestApproval",
        (params, signal) => this.ask({ kind: "command", params }, signal),
        route,
      ),
      port.handleServerRequest(
        "item/fileChange/requestApproval",
        (params, signal) => this.ask({ kind: "fileChange", params }, signal),
        route,
      ),
      port.handleServerRequest(
        "item/permissions/requestApproval",
        (params, signal) => this.ask({ kind: "permissions", params }, signal),
        route,
      ),
      port.handleServerRequest(
        "item/tool/requestUserInput",
        (params, signal) => this.ask({ kind: "userInput", params }, signal),
        route,
      ),
      port.handleServerRequest(
        "mcpServer/elicitation/request",
        (params, signal) => this.ask({ kind: "elicitation", params }, signal),
        route,
      ),
    );
    return { dispose: () => this.dispose() };
  }

  /** A new turn makes old answered/cancelled cards noise; a finished turn, its answered ones. */
  readonly notifications: NotificationHandlers = {
    "turn/started": ({ threadId }) => this.pruneSettled(threadId),
    "turn/completed": ({ threadId }) =>
      this.options.state.removeApprovals(
        (approval) => approval.status === "answered" && approval.threadId === threadId,
      ),
  };

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  /**
   * Answers every approval still waiting with "cancel" (a permissions request: nothing granted),
   * for a view that goes away for good: codex must not wait for an answer that cannot come.
   */
  cancelPending(): void {
    for (const [id, waiting] of [...this.waiting]) {
      this.options.logger.info(`approval ${id} (${waiting.request.kind}): cancelled, view closed`);
      waiting.settle(responseFor(waiting.request, { kind: "decision", decision: "cancel" }));
      this.options.state.setApprovalStatus(id, "cancelled");
    }
  }

  /** How many approvals wait for the user. */
  get pendingCount(): number {
    return this.waiting.size;
  }

  /**
   * The approvals of `threadId` waiting for the user, one per card shown (an ask codex repeated
   * replaced its earlier card, and one answer settles both): for the thread's notification.
   */
  waitingIn(threadId: string): { approvalId: string; request: ApprovalRequestView }[] {
    return [...this.waiting].flatMap(([approvalId, { request }]) =>
      request.params.threadId === threadId &&
      this.options.state.findApproval(approvalId)?.status === "pending"
        ? [{ approvalId, request }]
        : [],
    );
  }

  /**
   * `answer` from outside the card (a notification's Approve / Decline), for an approval that may
   * have been answered on its card or resolved by codex meanwhile: then nothing is sent (false).
   */
  answerIfWaiting(approvalId: string, answer: ApprovalAnswer): boolean {
    if (!this.waiting.has(approvalId)) return false;
    this.answer(approvalId, answer);
    return true;
  }

  /** The webview's `approval/answer`. */
  answer(approvalId: string, answer: ApprovalAnswer): void {
    const waiting = this.waiting.get(approvalId);
    if (!waiting) {
      const view = this.options.state.findApproval(approvalId);
      throw new UserFacingError(
        view?.status === "cancelled"
          ? l10n.t("Codex is no longer waiting for this answer.")
          : l10n.t("This approval was already answered."),
      );
    }
    const response = responseFor(waiting.request, answer);
    this.options.logger.info(
      `approval ${approvalId} (${waiting.request.kind}): ${describeAnswer(answer)}`,
    );
    waiting.settle(response);
    // An earlier ask about the same item (its card replaced by this one) gets the same answer.
    for (const [id, earlier] of [...this.waiting]) {
      if (earlier.place === undefined || earlier.place !== waiting.place) continue;
      this.options.logger.info(`approval ${id}: answered as ${approvalId} (codex asked again)`);
      earlier.settle(responseFor(earlier.request, answer));
    }
    if (
      waiting.request.kind === "command" &&
      (answer.kind === "execpolicyAmendment" || answer.kind === "networkPolicyAmendment")
    ) {
      this.options.onRuleAdded?.(amendmentDecision(waiting.request.params, answer).rule);
    }
  }

  /** Drops answered and cancelled approvals (e.g. when a thread is switched or cleared). */
  pruneSettled(threadId?: string): void {
    this.options.state.removeApprovals(
      (approval) =>
        approval.status !== "pending" && (threadId === undefined || approval.threadId === threadId),
    );
  }

  private ask<R>(request: ApprovalRequestView, signal: AbortSignal): Promise<R> {
    const { state, port, logger } = this.options;
    // A card that belongs to no thread would never be shown, and codex would wait forever: answer
    // a request without a thread id with an error instead (codex's own requests always have one).
    const threadId: unknown = (request.params as { threadId?: unknown }).threadId;
    if (typeof threadId !== "string" || threadId === "") {
      logger.warn(`codex asked for approval (${request.kind}) without a thread id; refused`);
      return Promise.reject(new Error(`malformed ${request.kind} approval request`));
    }
    const id = `approval-${++this.counter}`;
    const changed = (): void => this.options.onWaitingChanged?.(threadId);
    const view: ApprovalView = {
      id,
      threadId,
      status: "pending",
      request,
    };
    const folders = this.options.workspaceFolders?.();
    if (folders) view.workspaceFolders = folders.map(({ name, path }) => ({ name, path }));
    logger.info(`approval ${id}: codex asks (${request.kind})`);
    const place = placeOf(request);
    // codex asked again about an item still waiting: this card replaces the earlier one.
    const earlier = [...this.waiting].flatMap(([otherId, other]) =>
      place !== undefined && other.place === place ? [otherId] : [],
    );
    if (earlier.length > 0) {
      logger.info(`approval ${id}: replaces ${earlier.join(", ")} (codex asked again)`);
      state.removeApprovals((approval) => earlier.includes(approval.id));
    }
    return new Promise<R>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting.delete(id);
        if (isConnectionLoss(signal.reason) || port.state.kind !== "ready") {
          logger.info(`approval ${id}: cancelled (the app-server went away)`);
          state.setApprovalStatus(id, "cancelled");
        } else {
          logger.info(`approval ${id}: resolved by codex`);
          state.removeApprovals((approval) => approval.id === id);
        }
        changed();
        reject(signal.reason instanceof Error ? signal.reason : new Error("approval aborted"));
      };
      if (signal.aborted) {
        state.upsertApproval({ ...view, status: "cancelled" });
        reject(new Error("approval aborted before it was shown"));
        return;
      }
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(id, {
        request,
        place,
        settle: (response) => {
          signal.removeEventListener("abort", onAbort);
          this.waiting.delete(id);
          state.setApprovalStatus(id, "answered");
          changed();
          resolve(response as R);
        },
      });
      state.upsertApproval(view);
      changed();
    });
  }
}
