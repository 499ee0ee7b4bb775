/**
 * One loaded Codex webview, wherever it lives (the sidebar view or an editor panel): its
 * HostChannel and request handlers, the ready handshake (nothing is posted before the webview
 * says `ready`; every `ready` is answered with a full `state/hydrate`), forwarding of the bridge's
 * state changes, and the watchdog that replaces a view that never says ready with a static error
 * and a Reload action, so a view is never blank.
 */
import vscode = require("vscode");

import { HostChannel } from "../../protocol/webview/channel";
import type { HostNotificationParams } from "../../protocol/webview/messages";
import type { ChatBridge } from "../bridge/bridge";
import type { ChatStateChange } from "../bridge/chatState";
import { registerWebviewHandlers, type HandlerContext } from "../bridge/handlers/index";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import { buildErrorHtml, buildWebviewHtml } from "./webviewHtml";

/**
 * How long the view may take to say "ready". The newest VS Code web workbench (code-server
 * 4.139.1, VS Code 1.139) registers its webview service worker before it creates the content
 * frame, which took over 10 s on a loaded 2-core machine; 10 s then showed "did not load" for a
 * view that was about to work.
 */
const DEFAULT_READY_TIMEOUT_MS = 45_000;

/** What a session needs of a `WebviewView` or a `WebviewPanel`. */
export interface WebviewContainer {
  readonly webview: vscode.Webview;
  readonly visible: boolean;
  onDidChangeVisibility(listener: () => void): vscode.Disposable;
}

export function viewContainer(view: vscode.WebviewView): WebviewContainer {
  return {
    webview: view.webview,
    get visible() {
      return view.visible;
    },
    onDidChangeVisibility: (listener) => view.onDidChangeVisibility(listener),
  };
}

export function panelContainer(panel: vscode.WebviewPanel): WebviewContainer {
  let visible = panel.visible;
  return {
    webview: panel.webview,
    get visible() {
      return panel.visible;
    },
    onDidChangeVisibility: (listener) =>
      panel.onDidChangeViewState(() => {
        if (panel.visible === visible) return;
        visible = panel.visible;
        listener();
      }),
  };
}

/** The webview options every Codex webview gets: scripts, and only dist/ and media/ to load. */
export function codexWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, "dist"),
      vscode.Uri.joinPath(extensionUri, "media"),
    ],
  };
}

export interface WebviewSessionOptions {
  extensionUri: vscode.Uri;
  bridge: ChatBridge;
  /** Everything the request handlers use besides the bridge. */
  handlers: Omit<HandlerContext, "bridge">;
  logger: Logger;
  readyTimeoutMs?: number;
  /** `composer/draftChanged`. */
  onDraftChanged?(text: string): void;
  /** After each `ready` has been answered. */
  onReady?(): void;
}

export class WebviewSession implements vscode.Disposable {
  private readonly channel: HostChannel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly container: WebviewContainer,
    private readonly options: WebviewSessionOptions,
  ) {
    const { extensionUri, logger, bridge } = options;
    container.webview.options = codexWebviewOptions(extensionUri);
    this.channel = new HostChannel(
      (message) => {
        void container.webview.postMessage(message);
      },
      { warn: (message) => logger.warn(message) },
      l10n,
    );
    this.disposables.push(
      registerWebviewHandlers(this.channel, { ...options.handlers, bridge }),
      this.channel.onNotification("ready", () => this.onReady()),
      this.channel.onNotification("composer/draftChanged", ({ text }) =>
        options.onDraftChanged?.(text),
      ),
      this.channel.onNotification("webview/error", ({ message }) =>
        logger.warn(`webview: ${message}`),
      ),
      container.webview.onDidReceiveMessage(
        (message: unknown) => void this.channel.receive(message),
      ),
      bridge.state.onDidChange((change) => this.forward(change)),
      container.onDidChangeVisibility(() => {
        // Without retainContextWhenHidden the page is torn down when hidden and reloaded when
        // shown; it says ready again and gets a fresh hydrate.
        if (!container.visible) {
          this.ready = false;
          this.clearWatchdog();
        } else if (!this.ready) {
          this.armWatchdog();
        }
      }),
    );
    this.load();
  }

  get bridge(): ChatBridge {
    return this.options.bridge;
  }

  get isReady(): boolean {
    return this.ready && !this.disposed;
  }

  notifyFocus(): void {
    if (this.isReady) this.channel.notify("composer/focus", {});
  }

  insert(insert: HostNotificationParams<"composer/insert">): void {
    this.channel.notify("composer/insert", insert);
    this.channel.notify("composer/focus", {});
  }

  /** (Re)loads the page; it says ready and is hydrated. */
  load(): void {
    const webview = this.container.webview;
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
    this.options.onReady?.();
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
    if (this.ready || this.disposed || !this.container.visible) return;
    const message = vscode.l10n.t("The Codex view did not load.");
    this.options.logger.error(`The Codex view did not load. No "ready" within ${timeoutMs} ms.`);
    this.container.webview.html = buildErrorHtml({
      cspSource: this.container.webview.cspSource,
      message,
      details: vscode.l10n.t(
        'Use "Reload" in the notification, or run "Developer: Reload Webviews". The "Codex" output channel has details.',
      ),
    });
    const reload = vscode.l10n.t("Reload");
    const showLog = vscode.l10n.t("Show log");
    const choice = await vscode.window.showErrorMessage(message, reload, showLog);
    if (this.disposed) return;
    if (choice === reload) this.load();
    else if (choice === showLog) void vscode.commands.executeCommand("chatgpt.showLogs");
  }

  dispose(): void {
    this.disposed = true;
    this.clearWatchdog();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
