/**
 * The sidebar's thread across window reloads. The id of the thread the sidebar shows is kept in
 * the workspace state: replaced when another thread is shown (started, resumed, forked), cleared
 * for a new empty thread or when the thread on screen is archived. After a reload, `restore()`
 * (called once the app-server is started for the sidebar) resumes that thread into the sidebar's
 * bridge, unless the user has started something else meanwhile. A thread that cannot be resumed
 * (gone, archived, codex error) is logged and forgotten: the sidebar stays on a new thread.
 */
import { describeError } from "../appServer/errors";
import type { ChatBridge } from "../bridge/bridge";
import type { Disposable } from "../connection/port";
import type { Logger } from "../log";
import { plausibleThreadId } from "./panelState";

export const SIDEBAR_THREAD_KEY = "codex.sidebarThread";

/** The part of a `vscode.Memento` (the workspace state) this uses. */
export interface ThreadIdStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SidebarThreadMemoryOptions {
  /** The sidebar's bridge. */
  bridge: Pick<ChatBridge, "state" | "threads" | "history" | "port">;
  workspaceState: ThreadIdStore;
  logger: Logger;
}

export class SidebarThreadMemory implements Disposable {
  /** The id the workspace state holds (as last written). */
  private saved: string | null;
  private restoring: Promise<void> | undefined;
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly options: SidebarThreadMemoryOptions) {
    const raw = options.workspaceState.get(SIDEBAR_THREAD_KEY);
    this.saved = plausibleThreadId(raw);
    if (this.saved === null && raw !== undefined && raw !== null) this.write(null);
    const { state } = options.bridge;
    this.subscriptions.push(
      state.onDidChange((change) => {
        if (change.kind === "patch" && "thread" in change.patch) {
          this.remember(state.thread?.id ?? null);
        }
      }),
    );
  }

  /**
   * Resumes the remembered thread into the sidebar (when the app-server is ready: now, or at its
   * next connect). Only the first call does anything; it never rejects.
   */
  restore(): Promise<void> {
    this.restoring ??= this.restoreOnce();
    return this.restoring;
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  private async restoreOnce(): Promise<void> {
    const threadId = this.saved;
    if (!threadId || !(await this.ready())) return;
    const { bridge, logger } = this.options;
    // The user moved on before codex was up (a new thread, a message, a thread from History).
    if (this.saved !== threadId || bridge.state.thread) return;
    try {
      const shown = await bridge.history.restore(threadId);
      logger.info(
        shown
          ? `reopened thread ${threadId} in the sidebar`
          : `did not reopen thread ${threadId} in the sidebar: another thread was started meanwhile`,
      );
    } catch (error) {
      logger.warn(
        `could not reopen thread ${threadId} in the sidebar (${describeError(error)}); ` +
          "the sidebar starts a new thread",
      );
      if (this.saved === threadId) this.remember(null);
    }
  }

  /** True once the app-server is ready; false when disposed before it is. */
  private ready(): Promise<boolean> {
    const { port } = this.options.bridge;
    if (port.state.kind === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
      const connected = port.onDidConnect(() => {
        connected.dispose();
        resolve(true);
      });
      this.subscriptions.push({
        dispose: () => {
          connected.dispose();
          resolve(false);
        },
      });
    });
  }

  private remember(threadId: string | null): void {
    if (threadId === this.saved) return;
    this.saved = threadId;
    this.write(threadId);
  }

  private write(threadId: string | null): void {
    const saving = this.options.workspaceState.update(SIDEBAR_THREAD_KEY, threadId ?? undefined);
    void Promise.resolve(saving).then(undefined, (error: unknown) =>
      this.options.logger.warn(`could not remember the sidebar's thread: ${describeError(error)}`),
    );
  }
}
