import * as vscode from "vscode";

import type { ModelChoiceView } from "../protocol/webview/viewModel";
import { CodexNotFoundError, resolveCodexBinary } from "./appServer/binaryResolver";
import { childEnvironment } from "./appServer/childEnvironment";
import { describeError } from "./appServer/errors";
import { nativeLaunchSpec } from "./appServer/launch";
import { AppServerSupervisor } from "./appServer/supervisor";
import { ChatBridge } from "./bridge/bridge";
import { supervisorPort } from "./bridge/supervisorPort";
import { OriginalDocuments } from "./editor/diffDocuments";
import { vscodeEditorPort } from "./views/editorPort";
import { affectsSettings, readSettings } from "./views/settings";
import { DRAFT_STATE_KEY, SIDEBAR_VIEW_ID, SidebarProvider } from "./views/sidebarProvider";

const MODEL_CHOICE_KEY = "codex.modelChoice";

let supervisor: AppServerSupervisor | undefined;

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === "file")?.uri
    .fsPath;
}

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

/**
 * Activation stays cheap: it registers contributions and creates services, but starts
 * nothing slow. The app-server is spawned on first need (view opened, command run).
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("Codex", { log: true });
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? "0");

  const showNotFound = (error: CodexNotFoundError): void => {
    log.error(`${error.message} Looked in: ${error.searched.join(", ") || "(nothing)"}`);
    void vscode.window
      .showErrorMessage(`Codex could not start. ${error.message}`, "Show log", "Open settings")
      .then((choice) => {
        if (choice === "Show log") log.show(true);
        else if (choice === "Open settings") {
          void vscode.commands.executeCommand(
            "workbench.action.openSettings",
            "chatgpt.cliExecutable",
          );
        }
      });
  };

  const appServer = new AppServerSupervisor({
    launch: async () => {
      const setting = vscode.workspace.getConfiguration("chatgpt").get<string>("cliExecutable");
      try {
        const binary = await resolveCodexBinary({
          settingValue: setting ?? "",
          extensionPath: context.extensionPath,
        });
        return nativeLaunchSpec(binary, childEnvironment(process.env), firstWorkspaceFolder());
      } catch (error) {
        if (error instanceof CodexNotFoundError) showNotFound(error);
        throw error;
      }
    },
    logger: log,
    clientInfo: { name: "codex_vscode_oss", title: "Codex – open-source IDE extension", version },
  });
  supervisor = appServer;

  const bridge = new ChatBridge({
    port: supervisorPort(appServer),
    logger: log,
    cwd: firstWorkspaceFolder,
    openExternal: (url) => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url, true))),
    confirmFullAccess: async () =>
      (await vscode.window.showWarningMessage(
        "Switch to full access? Codex will run commands and edit files anywhere without asking, outside any sandbox.",
        { modal: true },
        "Switch",
      )) === "Switch",
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
      await appServer.ensureStarted();
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
      await appServer.restart();
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
    Promise.resolve(vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`));

  context.subscriptions.push(
    log,
    originals,
    sidebar,
    { dispose: () => bridge.dispose() },
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.commands.registerCommand("chatgpt.showLogs", () => log.show(true)),
    vscode.commands.registerCommand("chatgpt.openSidebar", focusSidebar),
    vscode.commands.registerCommand("chatgpt.newChat", async () => {
      bridge.threads.newThread();
      await focusSidebar();
      sidebar.focusComposer();
    }),
    vscode.commands.registerCommand("chatgpt.restartAppServer", restartAppServer),
    vscode.commands.registerCommand("chatgpt.signIn", async () => {
      await focusSidebar();
      await signIn(bridge);
    }),
    vscode.commands.registerCommand("chatgpt.signOut", async () => {
      try {
        await bridge.account.logout();
        void vscode.window.showInformationMessage("Signed out of Codex.");
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not sign out: ${describeError(error)}`);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) bridge.state.setSettings(readSettings());
    }),
  );

  if (vscode.workspace.getConfiguration("chatgpt").get<boolean>("openOnStartup")) {
    void focusSidebar();
  }
}

/** Sign-in from the command palette; the API key goes straight to codex and is never kept. */
async function signIn(bridge: ChatBridge): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: "Sign in with ChatGPT", method: "chatgpt" as const },
      {
        label: "Sign in with ChatGPT using a device code",
        method: "deviceCode" as const,
        detail: "For remote machines where a browser redirect cannot reach VS Code",
      },
      { label: "Use an OpenAI API key", method: "apiKey" as const },
    ],
    { title: "Sign in to Codex" },
  );
  if (!pick) return;
  if (pick.method !== "apiKey") {
    await bridge.account.login({ method: pick.method });
    return;
  }
  const apiKey = await vscode.window.showInputBox({
    title: "OpenAI API key",
    prompt: "Codex stores it in its own credentials; this extension does not keep it.",
    password: true,
    ignoreFocusOut: true,
  });
  if (apiKey?.trim()) await bridge.account.login({ method: "apiKey", apiKey: apiKey.trim() });
}

/** Returns the stop promise so VS Code waits until no codex process is left. */
export function deactivate(): Promise<void> | undefined {
  const stopping = supervisor?.stop();
  supervisor = undefined;
  return stopping;
}
