/**
 * The thread's goal (`/goal`): set and cleared through codex (`thread/goal/set`, `/clear`), shown
 * in the header from codex's `thread/goal/updated` / `thread/goal/cleared` (codex sends the update
 * again when a thread with a goal is resumed, so showing a thread needs no read). A codex without
 * goals answers with UnsupportedMethodError, whose message (upgrade codex) reaches the user as is.
 */
import type { ThreadGoal } from "../../protocol/codex/v2/ThreadGoal";
import { describeError } from "../appServer/errors";
import type { NotificationHandlers } from "../connection/notifications";
import type { AppServerPort } from "../connection/port";
import { UnsupportedMethodError } from "../connection/unsupportedMethods";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import type { ChatState } from "./chatState";
import type { ThreadSession } from "./threadSession";
import { failWith, UserFacingError } from "./userFacingError";

export interface ThreadGoalsOptions {
  port: AppServerPort;
  state: ChatState;
  logger: Logger;
  /** The thread to set a goal on: the one shown, started first if there is none yet. */
  session: Pick<ThreadSession, "ensureThread" | "currentThreadId">;
}

export class ThreadGoals {
  constructor(private readonly options: ThreadGoalsOptions) {}

  readonly notifications: NotificationHandlers = {
    "thread/goal/updated": ({ threadId, goal }) => this.show(threadId, goal),
    "thread/goal/cleared": ({ threadId }) => this.show(threadId, null),
  };

  /** `/goal <objective>`. */
  async set(objective: string): Promise<ThreadGoal> {
    const thread = await this.options.session.ensureThread();
    try {
      const response = await this.options.port.request("thread/goal/set", {
        threadId: thread.id,
        objective,
        status: "active",
        origin: "user",
      });
      this.show(thread.id, response.goal);
      return response.goal;
    } catch (error) {
      failWith(l10n.t("Could not set the goal"), error);
    }
  }

  /** `/goal clear`. */
  async clear(): Promise<void> {
    const threadId = this.options.session.currentThreadId;
    if (!threadId) throw new UserFacingError(l10n.t("This thread has no goal to clear."));
    try {
      await this.options.port.request("thread/goal/clear", { threadId, origin: "user" });
      this.show(threadId, null);
    } catch (error) {
      failWith(l10n.t("Could not clear the goal"), error);
    }
  }

  /** `/goal` alone: shows the goal codex has for the thread now. */
  async load(threadId: string): Promise<void> {
    try {
      const response = await this.options.port.request("thread/goal/get", { threadId });
      this.show(threadId, response.goal);
    } catch (error) {
      // Optional on show: an older codex simply has no goals.
      if (!(error instanceof UnsupportedMethodError))
        this.options.logger.info(`thread/goal/get failed: ${describeError(error)}`);
    }
  }

  private show(threadId: string, goal: ThreadGoal | null): void {
    const current = this.options.state.thread;
    if (current?.id !== threadId || (current.goal ?? null) === goal) return;
    this.options.state.editThread(threadId, { type: "goalChanged", goal });
  }
}
