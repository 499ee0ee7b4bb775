/**
 * `chatgpt.newCodexPanel`: a Codex thread in an editor tab. Each panel is a {@link WebviewSession}
 * (same bundle, same CSP, its own HostChannel) on its OWN ChatBridge, so several threads can be
 * open side by side; the bridges share the one supervised app-server through the CodexConnection.
 * Panels survive a window reload: the serializer restores them and resumes the thread each one
 * showed (the webview keeps its id in its saved state).
 */
import vscode = require("vscode");

import { threadTitle } from "../../protocol/webview/threadTitle";
import { describeError } from "../appServer/errors";
import type { ChatBridge } from "../bridge/bridge";
import type { HandlerContext } from "../bridge/handlers/index";
import type { Logger } from "../log";
import { panelTitle, restoredThreadId } from "./panelState";
import { loadChat } from "../loadChat";
import type { WebviewSession } from "./webviewSession";

export const CODEX_PANEL_VIEW_TYPE = "chatgpt.codexPanel";

export interface CodexPanelsOptions {
  extensionUri: vscode.Uri;
  logger: Logger;
  /** A new bridge for one panel (on the shared app-server); released when the panel closes. */
  createBridge(): ChatBridge;
  releaseBridge(bridge: ChatBridge): void;
  handlers: Omit<HandlerContext, "bridge">;
  /** Starts the app-server if it is not running. Never throws. */
  ensureStarted(): Promise<void>;
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  session: WebviewSession;
}

export class CodexPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly open = new Set<OpenPanel>();

  constructor(private readonly options: CodexPanelsOptions) {}

  /** Opens a new panel beside the active editor, with an empty thread or resuming `threadId`. */
  create(threadId: string | null = null): void {
    const panel = vscode.window.createWebviewPanel(
      CODEX_PANEL_VIEW_TYPE,
      vscode.l10n.t("Codex"),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { ...loadChat().codexWebviewOptions(this.options.extensionUri), enableFindWidget: true },
    );
    this.attach(panel, threadId);
  }

  /** After a window reload: the same panel, resuming the thread it showed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.attach(panel, restoredThreadId(state));
  }

  /** The panel whose composer should take focus or insertions, if a Codex panel is active. */
  get active(): WebviewSession | undefined {
    return [...this.open].find((entry) => entry.panel.active)?.session;
  }

  /** The visible panel that shows `threadId`, if any (the Threads view's notifications ask). */
  showing(threadId: string): vscode.WebviewPanel | undefined {
    return [...this.open].find(
      (entry) => entry.panel.visible && entry.session.bridge.state.thread?.id === threadId,
    )?.panel;
  }

  /** Brings the panel that has `threadId` to the front; false when no panel has it. */
  reveal(threadId: string): boolean {
    const entry = [...this.open].find(
      (candidate) => candidate.session.bridge.state.thread?.id === threadId,
    );
    entry?.panel.reveal();
    return entry !== undefined;
  }

  private attach(panel: vscode.WebviewPanel, threadId: string | null): void {
    const { extensionUri, logger } = this.options;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, "media", "codex.svg");
    const bridge = this.options.createBridge();
    const { WebviewSession, panelContainer } = loadChat();
    const session = new WebviewSession(panelContainer(panel), {
      extensionUri,
      bridge,
      handlers: this.options.handlers,
      logger,
    });
    const entry: OpenPanel = { panel, session };
    this.open.add(entry);
    const fallbackTitle = vscode.l10n.t("Codex");
    const updateTitle = () => {
      const title = panelTitle(threadTitle(bridge.state.thread), fallbackTitle);
      if (panel.title !== title) panel.title = title;
    };
    updateTitle();
    const titleSubscription = bridge.state.onDidChange((change) => {
      if (change.kind === "patch" ? change.patch.thread !== undefined : true) updateTitle();
    });
    panel.onDidDispose(() => {
      this.open.delete(entry);
      titleSubscription.dispose();
      session.dispose();
      // Nobody watches this thread any more: stop its turn and refuse what it still asks.
      void bridge.threads
        .interrupt()
        .catch(() => undefined)
        .finally(() => this.options.releaseBridge(bridge));
    });
    void this.options.ensureStarted().then(async () => {
      if (!threadId) return;
      try {
        await bridge.history.resume(threadId);
      } catch (error) {
        logger.warn(
          `could not restore thread ${threadId} in a Codex panel: ${describeError(error)}`,
        );
        bridge.state.addNotice({
          level: "warning",
          message: "The thread this panel showed could not be reopened.",
          details: describeError(error),
        });
      }
    });
  }

  dispose(): void {
    for (const { panel } of [...this.open]) panel.dispose();
    this.open.clear();
  }
}
