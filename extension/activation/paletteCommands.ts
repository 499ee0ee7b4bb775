/**
 * The command-palette commands that act on the chat as a whole. Editor commands (TODO, add to
 * thread) live in extension/editor/.
 */
import vscode = require("vscode");

import { confirmAccountChange } from "./hostGuard";
import { describeError } from "../appServer/errors";
import type { ChatBridge } from "../bridge/bridge";
import { registerPlanCommands } from "./planCommands";

export interface PaletteCommandDeps {
  /** The sidebar's bridge, made at the first call. */
  bridge: () => ChatBridge;
  log: vscode.LogOutputChannel;
  focusSidebar(): Promise<void>;
  focusComposer(): void;
  restartAppServer(): Promise<void>;
  /** The active Codex editor panel, if one has focus: "New chat" then acts on it. */
  activePanel?(): { bridge: Pick<ChatBridge, "threads">; notifyFocus(): void } | undefined;
}

/** Sign-in from the command palette; the API key goes straight to codex and is never kept. */
async function signIn(bridge: ChatBridge): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t("Sign in with ChatGPT"), method: "chatgpt" as const },
      {
        label: vscode.l10n.t("Sign in with ChatGPT using a device code"),
        method: "deviceCode" as const,
        detail: vscode.l10n.t("For remote machines where a browser redirect cannot reach VS Code"),
      },
      { label: vscode.l10n.t("Use an OpenAI API key"), method: "apiKey" as const },
    ],
    { title: vscode.l10n.t("Sign in to Codex") },
  );
  if (!pick) return;
  if (pick.method !== "apiKey") {
    await bridge.account.login({ method: pick.method });
    return;
  }
  const apiKey = await vscode.window.showInputBox({
    title: vscode.l10n.t("OpenAI API key"),
    prompt: vscode.l10n.t(
      "Codex stores it in its own credentials; this extension does not keep it.",
    ),
    password: true,
    ignoreFocusOut: true,
  });
  if (apiKey?.trim()) await bridge.account.login({ method: "apiKey", apiKey: apiKey.trim() });
}

/** `chatgpt.openCommandMenu`: the actions users reach for most, in one quick pick. */
async function openCommandMenu(): Promise<void> {
  const actions = [
    { label: `$(add) ${vscode.l10n.t("New chat")}`, command: "chatgpt.newChat" },
    {
      label: `$(comment-discussion) ${vscode.l10n.t("Open the Codex sidebar")}`,
      command: "chatgpt.openSidebar",
    },
    {
      label: `$(split-horizontal) ${vscode.l10n.t("New Codex panel in the editor")}`,
      command: "chatgpt.newCodexPanel",
    },
    { label: `$(checklist) ${vscode.l10n.t("Plan a task")}`, command: "chatgpt.planTask" },
    {
      label: `$(lightbulb) ${vscode.l10n.t("Implement the TODO under the cursor")}`,
      command: "chatgpt.implementTodo",
    },
    {
      label: `$(debug-restart) ${vscode.l10n.t("Restart the app server")}`,
      command: "chatgpt.restartAppServer",
    },
    { label: `$(output) ${vscode.l10n.t("Show logs")}`, command: "chatgpt.showLogs" },
    { label: `$(account) ${vscode.l10n.t("Sign in")}`, command: "chatgpt.signIn" },
    { label: `$(sign-out) ${vscode.l10n.t("Sign out")}`, command: "chatgpt.signOut" },
    {
      label: `$(settings-gear) ${vscode.l10n.t("Settings")}`,
      command: "workbench.action.openSettings",
      args: ["chatgpt."],
    },
  ];
  const pick = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t("Codex") });
  if (pick) await vscode.commands.executeCommand(pick.command, ...(pick.args ?? []));
}

export function registerPaletteCommands(deps: PaletteCommandDeps): vscode.Disposable {
  const { log } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand("chatgpt.showLogs", () => log.show(true)),
    vscode.commands.registerCommand("chatgpt.openCommandMenu", openCommandMenu),
    vscode.commands.registerCommand("chatgpt.openSidebar", deps.focusSidebar),
    vscode.commands.registerCommand("chatgpt.newChat", async () => {
      const panel = deps.activePanel?.();
      if (panel) {
        panel.bridge.threads.newThread();
        panel.notifyFocus();
        return;
      }
      deps.bridge().threads.newThread();
      await deps.focusSidebar();
      deps.focusComposer();
    }),
    vscode.commands.registerCommand("chatgpt.restartAppServer", deps.restartAppServer),
    registerPlanCommands({ bridge: deps.bridge, focusSidebar: deps.focusSidebar }),
    vscode.commands.registerCommand("chatgpt.signIn", async () => {
      await deps.focusSidebar();
      try {
        await signIn(deps.bridge());
      } catch (error) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t("Could not sign in: {0}", describeError(error)),
        );
      }
    }),
    vscode.commands.registerCommand("chatgpt.signOut", async () => {
      if (!(await confirmAccountChange("signOut"))) return;
      try {
        await deps.bridge().account.logout();
        void vscode.window.showInformationMessage(vscode.l10n.t("Signed out of Codex."));
      } catch (error) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t("Could not sign out: {0}", describeError(error)),
        );
      }
    }),
  );
}
