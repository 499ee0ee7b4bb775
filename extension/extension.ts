/**
 * The composition root. Activation stays cheap: it creates services and registers
 * contributions, but starts nothing slow; the app-server is spawned on first need (view opened,
 * command run).
 */
import vscode = require("vscode");

import type { ModelChoiceView } from "../protocol/webview/viewModel";
import { createAppServerHost, firstWorkspaceFolder } from "./activation/appServerHost";
import { setting } from "./config/vscodeSettings";
import { settingKeys } from "./config/settings";
import { vscodeHostGuard } from "./activation/hostGuard";
import { registerPaletteCommands } from "./activation/paletteCommands";
import { registerManageAllowRules } from "./activation/manageAllowRules";
import { AllowRuleRecord, defaultRulesFile } from "./config/allowRules";
import { vscodeSlashHost } from "./activation/slashHost";
import type { AppServerSupervisor } from "./appServer/supervisor";
import { describeError } from "./appServer/errors";
import type { ChatBridge, ChatBridgeOptions } from "./bridge/bridge";
import type { HandlerContext } from "./bridge/handlers/index";
import { CodexConnection } from "./connection/codexConnection";
import { OriginalDocuments } from "./editor/diffDocuments";
import { registerEditorFeatures } from "./editor/index";
import { CODEX_PANEL_VIEW_TYPE, CodexPanels } from "./views/codexPanel";
import { vscodeEditorPort } from "./views/editorPort";
import { affectsSettings, readSettings } from "./views/settings";
import { DRAFT_STATE_KEY, SIDEBAR_VIEW_ID, SidebarProvider } from "./views/sidebarProvider";
import { ChatViewPlacement, SECONDARY_SIDEBAR_VIEW_ID } from "./views/sidebarPlacement";
import { SidebarThreadMemory } from "./views/sidebarThreadMemory";
import { silencedNotices } from "./views/silencedNotices";
import { ThreadStates } from "./threads/threadStates";
import { registerStatusBar } from "./views/statusBar";
import { registerThreadsView, type ThreadsView } from "./views/threadsView";
import { hostBundleReader, hostL10nFor, webviewLanguage } from "./views/webviewStrings";
import { useHostL10n } from "./l10n";
import { loadChat } from "./loadChat";
import { SidebarBridge } from "./views/sidebarBridge";
import { registerTurnCommands } from "./activation/turnCommands";
import { registerExportCommand } from "./export/exportThread";
import { confirmUndo } from "./activation/undoDialog";
import { CheckpointHost } from "./review/checkpointHost";
import { feedFromCheckpoints } from "./review/inline/checkpointFeed";
import { registerInlineReview, type InlineReviewApi } from "./review/inline/index";
import { turnActionsFor, type TurnActionsServices } from "./review/turnActions";

const MODEL_CHOICE_KEY = "codex.modelChoice";

let supervisor: AppServerSupervisor | undefined;

/** The saved picker choice; full access is never restored without a new confirmation. */
function restoredModelChoice(memento: vscode.Memento): ModelChoiceView {
  const saved = memento.get<Partial<ModelChoiceView>>(MODEL_CHOICE_KEY) ?? {};
  const mode = saved.mode === "chat" || saved.mode === "agent" ? saved.mode : "agent";
  return {
    models: [],
    model: typeof saved.model === "string" ? saved.model : null,
    effort: typeof saved.effort === "string" ? saved.effort : null,
    mode,
  };
}

/** What activate() returns: the integration tests reach the inline review through it. */
export interface CodexExtensionExports {
  inlineReview: InlineReviewApi;
  threadsView: Pick<ThreadsView, "tree">;
}

export function activate(context: vscode.ExtensionContext): CodexExtensionExports {
  const started = performance.now();
  const log = vscode.window.createOutputChannel("Codex", { log: true });
  const appServer = createAppServerHost(context, log);
  supervisor = appServer.supervisor;

  // One app-server, one bridge per webview that shows a thread (the sidebar and each panel):
  // they all talk to codex through one connection, which maps WSL paths and hands codex's
  // server requests to the bridge that shows their thread.
  const port = new CodexConnection(appServer.supervisor, () => appServer.launcher.paths);
  const bridges = new Set<ChatBridge>();
  const settings = readSettings();
  let locale = settings.locale;
  // A checkpoint for every turn, in the extension's storage, in a trusted workspace only.
  const checkpointHost = new CheckpointHost({
    storageDir: context.storageUri?.scheme === "file" ? context.storageUri.fsPath : undefined,
    workspaceRoot: firstWorkspaceFolder,
    maxDiskMB: () => setting("checkpointsMaxDiskMB"),
    trusted: () => vscode.workspace.isTrusted,
    logger: log,
  });
  // Opened when Codex is first used (ensureStarted), not at activation: its first scan reads the
  // whole workspace, which a window where Codex is never used must not pay for.
  const openCheckpointsIfInUse = (): void => {
    if (port.state.kind !== "stopped") void checkpointHost.open();
  };
  // Each turn's changes, hunk by hunk, in the editors of the changed files (Keep / Undo).
  const inlineReview = registerInlineReview(context, {
    reviewNotes: () => checkpointHost.reviewNotes,
  });
  context.subscriptions.push(
    feedFromCheckpoints(
      checkpointHost.checkpoints,
      () => checkpointHost.current(),
      inlineReview,
      log,
      firstWorkspaceFolder,
    ),
  );
  // The host's messages in a view speak the view's language (see extension/l10n.ts).
  const useInterfaceLocale = (locale: string): void =>
    useHostL10n(
      hostL10nFor(
        locale,
        vscode.env.language,
        vscode.l10n,
        hostBundleReader(context.extensionPath),
      ),
    );
  useInterfaceLocale(settings.locale);
  const noticeMemory = silencedNotices(context.globalState);
  // "Always allow" rules added from approval cards, for chatgpt.manageAllowRules.
  const allowRules = new AllowRuleRecord(context.globalState);
  const recordAllowRule: ChatBridgeOptions["onRuleAdded"] = (rule) => {
    const state = appServer.supervisor.state;
    if (state.kind !== "ready") return;
    const home = appServer.launcher.paths.toHost(state.serverInfo.codexHome);
    void allowRules.add(rule, defaultRulesFile(home));
  };
  // Every bridge's approvals registering and settling, for the Threads view's notifications.
  const approvalsChanged = new vscode.EventEmitter<string>();
  const bridgeOptions = (): Omit<ChatBridgeOptions, "initialState"> => ({
    port,
    onApprovalsChanged: (threadId) => approvalsChanged.fire(threadId),
    fallback: false,
    logger: log,
    cwd: firstWorkspaceFolder,
    workspaceFolders: namedWorkspaceFolders,
    // Queued follow-ups outlive the window (issue 15): saved per thread in the workspace state.
    queueMemento: context.workspaceState,
    openExternal: (url) => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url, true))),
    confirmFullAccess: async () => {
      const choice = vscode.l10n.t("Switch");
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Switch to full access? Codex will run commands and edit files anywhere without asking, outside any sandbox.",
        ),
        { modal: true },
        choice,
      );
      return answer === choice;
    },
    saveModelChoice: (choice) => void context.workspaceState.update(MODEL_CHOICE_KEY, choice),
    noticeMemory,
    checkpoints: checkpointHost.checkpoints,
    reviewNotes: checkpointHost.reviewNotes,
    onRuleAdded: recordAllowRule,
    approvalsReviewer: () => {
      const reviewer = setting("approvalsReviewer");
      return reviewer === "default" ? undefined : reviewer;
    },
  });
  /** A bridge on the shared connection; the first one loads the chat's code (loadChat). */
  const newBridge = (options: ChatBridgeOptions): ChatBridge => {
    const made = new (loadChat().ChatBridge)(options);
    bridges.add(made);
    return made;
  };
  // The sidebar's bridge is made at its first use (or when codex starts), from the settings,
  // trust and editor then; the handlers below keep every made bridge up to date after that.
  let sidebarThread: SidebarThreadMemory | undefined;
  const sidebarBridge = new SidebarBridge(
    () => {
      const current = readSettings();
      const made = newBridge({
        ...bridgeOptions(),
        fallback: true,
        initialState: {
          settings: current,
          language: webviewLanguage(current.locale),
          draft: context.workspaceState.get<string>(DRAFT_STATE_KEY) ?? "",
          modelChoice: restoredModelChoice(context.workspaceState),
          workspaceTrusted: vscode.workspace.isTrusted,
          editorContext: features.editorContext.current,
        },
      });
      // The sidebar reopens the thread it showed before a window reload, once codex is up for it.
      sidebarThread = new SidebarThreadMemory({
        bridge: made,
        workspaceState: context.workspaceState,
        logger: log,
      });
      context.subscriptions.push(sidebarThread);
      return made;
    },
    (error) => log.error(`the sidebar's bridge: ${describeError(error)}`),
  );
  const forEachBridge = (action: (each: ChatBridge) => void) => bridges.forEach(action);

  /** Lazy start; a failure is shown by the connection banner (and logged), never thrown. */
  const ensureStarted = async (): Promise<void> => {
    void checkpointHost.open();
    try {
      await appServer.supervisor.ensureStarted();
    } catch (error) {
      log.warn(`codex app-server is not available: ${describeError(error)}`);
      forEachBridge((each) => {
        if (each.state.snapshot.connection.kind !== "failed") {
          each.state.setConnection({ kind: "failed", reason: describeError(error), details: [] });
        }
      });
    }
  };
  const restartAppServer = async (): Promise<void> => {
    log.info("Restarting the codex app-server (user request)");
    try {
      await appServer.supervisor.restart();
    } catch (error) {
      log.warn(`restart failed: ${describeError(error)}`);
    }
  };

  const chatView = new ChatViewPlacement();
  const chatViewPlaced = chatView
    .place(context.globalState, setting("openInSecondarySidebar"))
    .catch((error: unknown) => log.warn(`could not place the chat view: ${describeError(error)}`));
  // Focuses the chat where it lives in this window (known once it is placed).
  const focusSidebar = async (): Promise<void> => {
    await chatViewPlaced;
    await vscode.commands.executeCommand(`${chatView.viewId}.focus`);
  };
  // The closures below run after activation, once `sidebar` exists.
  const features = registerEditorFeatures(context, {
    openSidebar: focusSidebar,
    startNewThreadWithPrompt: async (text, attachments) => {
      const bridge = sidebarBridge.get();
      bridge.threads.newThread();
      await focusSidebar();
      await ensureStarted();
      await bridge.threads.send(text, attachments);
    },
    insertIntoComposer: async (attachments) => {
      await focusSidebar();
      sidebar.insertIntoComposer({ attachments });
    },
  });

  const originals = new OriginalDocuments();
  const editorPort = vscodeEditorPort(originals, features.editorContext);
  const turnServices: TurnActionsServices = {
    store: () => checkpointHost.current(),
    port,
    checkpoints: checkpointHost.checkpoints,
    reviewNotes: checkpointHost.reviewNotes,
    openChanges: (files, title) => editorPort.openChanges(files, title),
    confirmUndo,
    logger: log,
  };
  const handlers: Omit<HandlerContext, "bridge"> = {
    editor: editorPort,
    turns: (view) => turnActionsFor(turnServices, view),
    restartAppServer,
    fileMentions: features.fileMentions,
    contextMentions: features.contextMentions,
    workspaceFolders: namedWorkspaceFolders,
    slash: vscodeSlashHost,
    guard: vscodeHostGuard(),
  };
  const sidebar = new SidebarProvider({
    extensionUri: context.extensionUri,
    bridge: () => sidebarBridge.get(),
    handlers,
    logger: log,
    workspaceState: context.workspaceState,
    ensureStarted: async () => {
      await ensureStarted();
      sidebarBridge.get();
      void sidebarThread?.restore();
    },
  });
  const panels = new CodexPanels({
    extensionUri: context.extensionUri,
    logger: log,
    handlers,
    ensureStarted,
    createBridge: () => {
      const primary = sidebarBridge.get().state.snapshot;
      const panelBridge = newBridge({
        ...bridgeOptions(),
        initialState: {
          settings: primary.settings,
          language: primary.language,
          account: primary.account,
          modelChoice: primary.modelChoice,
          rateLimits: primary.rateLimits,
          editorContext: primary.editorContext,
          workspaceTrusted: vscode.workspace.isTrusted,
        },
      });
      if (port.state.kind === "ready") void panelBridge.refreshAfterConnect();
      return panelBridge;
    },
    releaseBridge: (panelBridge) => {
      bridges.delete(panelBridge);
      panelBridge.dispose();
    },
  });

  const threadStates = new ThreadStates();
  const threadsView = registerThreadsView({
    port,
    states: threadStates,
    sidebarBridge,
    sidebarVisible: () => sidebar.visible,
    focusSidebar,
    panels,
    ensureStarted,
    folders: () => namedWorkspaceFolders().map((folder) => folder.path),
    notificationsSetting: () => setting("notifications"),
    bridges: () => bridges,
    onApprovalsChanged: approvalsChanged.event,
    logger: log,
  });

  context.subscriptions.push(
    log,
    approvalsChanged,
    originals,
    sidebar,
    panels,
    sidebarBridge,
    { dispose: () => forEachBridge((each) => each.dispose()) },
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    // The same chat where VS Code has a secondary side bar for it (one of the two is shown).
    vscode.window.registerWebviewViewProvider(SECONDARY_SIDEBAR_VIEW_ID, sidebar),
    vscode.window.registerWebviewPanelSerializer(CODEX_PANEL_VIEW_TYPE, panels),
    vscode.commands.registerCommand("chatgpt.newCodexPanel", () => panels.create()),
    registerStatusBar(sidebarBridge, threadStates),
    // Codex started by anything (the Threads view, a command): from then on the sidebar's bridge
    // follows it, for the status bar and the requests no other view claims.
    port.onDidChangeState((state) => {
      if (state.kind !== "stopped") sidebarBridge.get();
    }),
    threadsView,
    checkpointHost.checkpoints.attach(port),
    { dispose: () => void checkpointHost.dispose() },
    registerTurnCommands(() =>
      turnActionsFor(turnServices, panels.active?.bridge ?? sidebarBridge.get()),
    ),
    registerManageAllowRules({ record: allowRules, restartAppServer }),
    registerExportCommand({
      port,
      ensureStarted,
      currentThreadId: () =>
        (panels.active?.bridge ?? sidebarBridge.current)?.state.snapshot.thread?.id,
    }),
    registerPaletteCommands({
      bridge: () => sidebarBridge.get(),
      log,
      focusSidebar,
      focusComposer: () => sidebar.focusComposer(),
      restartAppServer,
      activePanel: () => panels.active,
    }),
    // Restricted Mode ends at once when the user trusts the folder: no reload.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info("Workspace trusted: Codex may now use Agent mode and edit files.");
      openCheckpointsIfInUse();
      forEachBridge((each) => each.state.setWorkspaceTrusted(true));
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() =>
      forEachBridge((each) => each.refreshWorkspaceFolders()),
    ),
    features.editorContext.onDidChange((editorContext) =>
      forEachBridge((each) => each.state.setEditorContext(editorContext)),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Checkpoints turned on (maxDiskMB from 0 to more): open the store now.
      if (event.affectsConfiguration(settingKeys("checkpointsMaxDiskMB")[0]!)) {
        openCheckpointsIfInUse();
      }
      if (!affectsSettings(event)) return;
      const next = readSettings();
      const localeChanged = next.locale !== locale;
      locale = next.locale;
      if (localeChanged) useInterfaceLocale(next.locale);
      forEachBridge((each) => {
        each.state.setSettings(next);
        if (localeChanged) each.state.setLanguage(webviewLanguage(next.locale));
      });
    }),
  );

  log.debug(
    `activate() took ${(performance.now() - started).toFixed(1)} ms; app-server not started`,
  );
  if (setting("openOnStartup")) {
    void focusSidebar();
  }
  return { inlineReview, threadsView };
}

/**
 * Workspace folders on disk by name: they resolve the @-mention index's relative paths, and
 * approval cards show paths relative to them.
 */
function namedWorkspaceFolders(): { name: string; path: string }[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === "file")
    .map((folder) => ({ name: folder.name, path: folder.uri.fsPath }));
}

/** Returns the stop promise so VS Code waits until no codex process is left. */
export function deactivate(): Promise<void> | undefined {
  const stopping = supervisor?.stop();
  supervisor = undefined;
  return stopping;
}
