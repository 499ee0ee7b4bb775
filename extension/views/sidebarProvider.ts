/**
 * The `chatgpt.sidebarView` webview view. Each resolved view gets its own HostChannel; nothing is
 * posted before the webview says `ready`, and every `ready` (first load, shown again after being
 * hidden, reload) is answered with a full `state/hydrate` from the host state. A view that never
 * says ready is replaced by a static error with a Reload action: never a blank panel.
 */
import * as vscode from "vscode";

import { HostChannel } from "../../protocol/webview/channel";
import type { HostNotificationParams } from "../../protocol/webview/messages";
import type { ChatBridge } from "../bridge/bridge";
import type { ChatStateChange } from "../bridge/chatState";
import { registerWebviewHandlers, type EditorPort } from "../bridge/handlers/index";
import type { Logger } from "../log";
import { buildErrorHtml, buildWebviewHtml } from "./webviewHtml";

export const SIDEBAR_VIEW_ID = "chatgpt.sidebarView";
export const DRAFT_STATE_KEY = "codex.composerDraft";
const DRAFT_SAVE_DELAY_MS = 400;
const DEFAULT_READY_TIMEOUT_MS = 10_000;

export interface SidebarProviderOptions {
  extensionUri: vscode.Uri;
  bridge: ChatBridge;
  editor: EditorPort;
  logger: Logger;
  workspaceState: vscode.Memento;
  /** Starts the app-server if it is not running (lazy start). Never throws. */
  ensureStarted: () => Promise<void>;
  restartAppServer: () => Promise<void>;
  readyTimeoutMs?: number;
}

export class SidebarProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly sessions = new Set<SidebarSession>();
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingDraft: string | undefined;
  /** Composer insertions made before any view was ready (a just-revealed view is not yet). */
  private pendingInserts: HostNotificationParams<"composer/insert">[] = [];

  constructor(private readonly options: SidebarProviderOptions) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const session = new SidebarSession(
      view,
      this.options,
      (text) => this.saveDraft(text),
      () => this.flushInserts(),
    );
    this.sessions.add(session);
    view.onDidDispose(() => {
      session.dispose();
      this.sessions.delete(session);
    });
    void this.options.ensureStarted();
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
    this.options.bridge.state.setDraft(text);
    this.pendingDraft = text;
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_SAVE_DELAY_MS);
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

/** One resolved view: its channel, handlers, watchdog and state forwarding. */
class SidebarSession {
  private readonly channel: HostChannel;
  private readonly disposables: { dispose(): void }[] = [];
  private ready = false;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly view: vscode.WebviewView,
    private readonly options: SidebarProviderOptions,
    saveDraft: (text: string) => void,
    private readonly onBecameReady: () => void,
  ) {
    const { extensionUri, logger, bridge } = options;
    view.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, "dist"),
        vscode.Uri.joinPath(extensionUri, "media"),
      ],
    };
    this.channel = new HostChannel(
      (message) => {
        void view.webview.postMessage(message);
      },
      { warn: (message) => logger.warn(message) },
    );
    this.disposables.push(
      registerWebviewHandlers(this.channel, {
        bridge,
        editor: options.editor,
        restartAppServer: options.restartAppServer,
      }),
      this.channel.onNotification("ready", () => this.onReady()),
      this.channel.onNotification("composer/draftChanged", ({ text }) => saveDraft(text)),
      this.channel.onNotification("webview/error", ({ message }) =>
        logger.warn(`webview: ${message}`),
      ),
      view.webview.onDidReceiveMessage((message: unknown) => void this.channel.receive(message)),
      bridge.state.onDidChange((change) => this.forward(change)),
      view.onDidChangeVisibility(() => {
        // Without retainContextWhenHidden the page is torn down when hidden and reloaded when
        // shown; it says ready again and gets a fresh hydrate.
        if (!view.visible) {
          this.ready = false;
          this.clearWatchdog();
        } else if (!this.ready) {
          this.armWatchdog();
        }
      }),
    );
    this.load();
  }

  notifyFocus(): void {
    if (this.ready) this.channel.notify("composer/focus", {});
  }

  get isReady(): boolean {
    return this.ready && !this.disposed;
  }

  insert(insert: HostNotificationParams<"composer/insert">): void {
    this.channel.notify("composer/insert", insert);
    this.channel.notify("composer/focus", {});
  }

  private load(): void {
    const webview = this.view.webview;
    const dist = vscode.Uri.joinPath(this.options.extensionUri, "dist");
    this.ready = false;
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, "webview.js")).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, "webview.css")).toString(),
      lang: this.options.bridge.state.snapshot.settings.locale,
    });
    this.armWatchdog();
  }

  private onReady(): void {
    this.ready = true;
    this.clearWatchdog();
    this.channel.notify("state/hydrate", this.options.bridge.hydrate());
    this.onBecameReady();
  }

  private forward(change: ChatStateChange): void {
    if (!this.ready) return;
    if (change.kind === "patch") this.channel.notify("state/patch", change.patch);
    else this.channel.notify("thread/events", { threadId: change.threadId, events: change.events });
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    const timeoutMs = this.options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    this.watchdog = setTimeout(() => void this.onWatchdog(timeoutMs), timeoutMs);
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private async onWatchdog(timeoutMs: number): Promise<void> {
    if (this.ready || this.disposed || !this.view.visible) return;
    const message = "The Codex view did not load.";
    this.options.logger.error(`${message} The webview sent no "ready" within ${timeoutMs} ms.`);
    this.view.webview.html = buildErrorHtml({
      cspSource: this.view.webview.cspSource,
      message,
      details:
        'Use "Reload" in the notification, or run "Developer: Reload Webviews". ' +
        'The "Codex" output channel has details.',
    });
    const choice = await vscode.window.showErrorMessage(message, "Reload", "Show log");
    if (this.disposed) return;
    if (choice === "Reload") this.load();
    else if (choice === "Show log") void vscode.commands.executeCommand("chatgpt.showLogs");
  }

  dispose(): void {
    this.disposed = true;
    this.clearWatchdog();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
