/**
 * The composition root. Activation stays cheap: it creates services and registers
 * contributions, but starts nothing slow; the app-server is spawned on first need (view opened,
 * command run).
 */
import * as vscode from "vscode";

import type { ModelChoiceView } from "../protocol/webview/viewModel";
import { createAppServerHost, firstWorkspaceFolder } from "./activation/appServerHost";
import { registerPaletteCommands } from "./activation/paletteCommands";
import type { AppServerSupervisor } from "./appServer/supervisor";
import { describeError } from "./appServer/errors";
import { ChatBridge } from "./bridge/bridge";
import { supervisorPort } from "./bridge/supervisorPort";
import { OriginalDocuments } from "./editor/diffDocuments";
import { registerEditorFeatures } from "./editor/index";
import { vscodeEditorPort } from "./views/editorPort";
import { affectsSettings, readSettings } from "./views/settings";
import { DRAFT_STATE_KEY, SIDEBAR_VIEW_ID, SidebarProvider } from "./views/sidebarProvider";
import { withPathMapping } from "./wsl/pathMappingPort";

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

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("Codex", { log: true });
  const appServer = createAppServerHost(context, log);
  supervisor = appServer.supervisor;

  const bridge = new ChatBridge({
    port: withPathMapping(supervisorPort(appServer.supervisor), () => appServer.launcher.paths),
    logger: log,
    cwd: firstWorkspaceFolder,
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
    initialState: {
      settings: readSettings(),
      draft: context.workspaceState.get<string>(DRAFT_STATE_KEY) ?? "",
      modelChoice: restoredModelChoice(context.workspaceState),
    },
  });

  /** Lazy start; a failure is shown by the connection banner (and logged), never thrown. */
  const ensureStarted = async (): Promise<void> => {
    try {
      await appServer.supervisor.ensureStarted();
    } catch (error) {
      log.warn(`codex app-server is not available: ${describeError(error)}`);
      if (bridge.state.snapshot.connection.kind !== "failed") {
        bridge.state.setConnection({ kind: "failed", reason: describeError(error), details: [] });
      }
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

  const originals = new OriginalDocuments();
  const sidebar = new SidebarProvider({
    extensionUri: context.extensionUri,
    bridge,
    editor: vscodeEditorPort(originals),
    logger: log,
    workspaceState: context.workspaceState,
    ensureStarted,
    restartAppServer,
  });
  const focusSidebar = () =>
    Promise.resolve(vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`)).then(() => {});

  registerEditorFeatures(context, {
    openSidebar: focusSidebar,
    startNewThreadWithPrompt: async (text, attachments) => {
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

  context.subscriptions.push(
    log,
    originals,
    sidebar,
    { dispose: () => bridge.dispose() },
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    registerPaletteCommands({
      bridge,
      log,
      focusSidebar,
      focusComposer: () => sidebar.focusComposer(),
      restartAppServer,
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) bridge.state.setSettings(readSettings());
    }),
  );

  if (vscode.workspace.getConfiguration("chatgpt").get<boolean>("openOnStartup")) {
    void focusSidebar();
  }
}

/** Returns the stop promise so VS Code waits until no codex process is left. */
export function deactivate(): Promise<void> | undefined {
  const stopping = supervisor?.stop();
  supervisor = undefined;
  return stopping;
}
