/**
 * The `chatgpt.sidebarView` webview view. Each resolved view is a {@link WebviewSession} on the
 * sidebar's bridge (channel, handlers, ready/hydrate, watchdog). The provider adds what is
 * sidebar-only: the composer draft saved in the workspace state, and composer insertions
 * ("Add to thread") that wait for a view to be ready.
 */
import type * as vscode from "vscode";

import type { HostNotificationParams } from "../../protocol/webview/messages";
import type { ChatBridge } from "../bridge/bridge";
import type { HandlerContext } from "../bridge/handlers/index";
import type { Logger } from "../log";
import { loadChat } from "../loadChat";
import type { WebviewSession } from "./webviewSession";

export const SIDEBAR_VIEW_ID = "chatgpt.sidebarView";
export const DRAFT_STATE_KEY = "codex.composerDraft";
const DRAFT_SAVE_DELAY_MS = 400;

export interface SidebarProviderOptions {
  extensionUri: vscode.Uri;
  /** The sidebar's bridge, made at the first call. */
  bridge: () => ChatBridge;
  /** The request handlers' context besides the bridge. */
  handlers: Omit<HandlerContext, "bridge">;
  logger: Logger;
  workspaceState: vscode.Memento;
  /** Starts the app-server if it is not running (lazy start). Never throws. */
  ensureStarted: () => Promise<void>;
  readyTimeoutMs?: number;
}

export class SidebarProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly sessions = new Set<WebviewSession>();
  private readonly views = new Set<vscode.WebviewView>();
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingDraft: string | undefined;
  /** Composer insertions made before any view was ready (a just-revealed view is not yet). */
  private pendingInserts: HostNotificationParams<"composer/insert">[] = [];

  constructor(private readonly options: SidebarProviderOptions) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const { extensionUri, handlers, logger, readyTimeoutMs } = this.options;
    const { WebviewSession, viewContainer } = loadChat();
    const session = new WebviewSession(viewContainer(view), {
      extensionUri,
      bridge: this.options.bridge(),
      handlers,
      logger,
      readyTimeoutMs,
      onDraftChanged: (text) => this.saveDraft(text),
      onReady: () => this.flushInserts(),
    });
    this.sessions.add(session);
    this.views.add(view);
    view.onDidDispose(() => {
      session.dispose();
      this.sessions.delete(session);
      this.views.delete(view);
    });
    void this.options.ensureStarted();
  }

  /** True when a sidebar view is on screen (its thread is the one the user sees there). */
  get visible(): boolean {
    return [...this.views].some((view) => view.visible);
  }

  /** Sends `composer/focus` to the views that are ready. */
  focusComposer(): void {
    for (const session of this.sessions) session.notifyFocus();
  }

  /** Puts text or attachments into the composer of a ready view, or of the next view to be ready. */
  insertIntoComposer(insert: HostNotificationParams<"composer/insert">): void {
    this.pendingInserts.push(insert);
    this.flushInserts();
  }

  private flushInserts(): void {
    const target = [...this.sessions].find((session) => session.isReady);
    if (!target || this.pendingInserts.length === 0) return;
    for (const insert of this.pendingInserts.splice(0)) target.insert(insert);
  }

  private saveDraft(text: string): void {
    this.options.bridge().state.setDraft(text);
    this.pendingDraft = text;
    if (this.draftTimer) clearTimeout(this.draftTimer);
    // An emptied draft (a send) is saved at once: a window reload right after must not bring
    // back the text that was just sent.
    if (text === "") this.flushDraft();
    else this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_SAVE_DELAY_MS);
  }

  private flushDraft(): void {
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (this.pendingDraft === undefined) return;
    const text = this.pendingDraft;
    this.pendingDraft = undefined;
    void Promise.resolve(this.options.workspaceState.update(DRAFT_STATE_KEY, text)).catch(
      (error: unknown) => this.options.logger.warn(`could not save the draft: ${String(error)}`),
    );
  }

  dispose(): void {
    this.flushDraft();
    for (const session of this.sessions) session.dispose();
    this.sessions.clear();
  }
}
