/**
 * Where the Codex chat view lives. VS Code versions that let extensions contribute view
 * containers to the secondary side bar (`viewsContainers.secondarySidebar`; not 1.100, which
 * Cursor is based on) show it there, as the official extension does, and open it there once, the
 * first time; the others keep it in the activity bar container. The manifest declares both
 * views and shows one of them through the `chatgpt.secondarySidebar` context key.
 */
import vscode = require("vscode");

import { SIDEBAR_VIEW_ID } from "./sidebarProvider";

export const SECONDARY_SIDEBAR_VIEW_ID = "chatgpt.sidebarSecondaryView";
/** VS Code registers this command only when it created the secondary side bar container. */
const SECONDARY_CONTAINER_COMMAND = "workbench.view.extension.codexSecondarySidebar";
const OPENED_ONCE_KEY = "codex.secondarySidebarOpenedOnce";
export const SECONDARY_SIDEBAR_CONTEXT = "chatgpt.secondarySidebar";

/** The chat view's id in this window (the activity bar's until placement has run). */
export class ChatViewPlacement {
  private current = SIDEBAR_VIEW_ID;

  get viewId(): string {
    return this.current;
  }

  /**
   * Shows the chat in the secondary side bar when VS Code supports it and the user did not turn
   * it off (`chatgpt.openInSecondarySidebar`), opening that side bar the first time only.
   */
  async place(globalState: vscode.Memento, wanted: boolean): Promise<void> {
    const supported =
      wanted && (await vscode.commands.getCommands(true)).includes(SECONDARY_CONTAINER_COMMAND);
    this.current = supported ? SECONDARY_SIDEBAR_VIEW_ID : SIDEBAR_VIEW_ID;
    await vscode.commands.executeCommand("setContext", SECONDARY_SIDEBAR_CONTEXT, supported);
    if (supported && !globalState.get<boolean>(OPENED_ONCE_KEY)) {
      await globalState.update(OPENED_ONCE_KEY, true);
      await vscode.commands.executeCommand(SECONDARY_CONTAINER_COMMAND);
    }
  }
}
