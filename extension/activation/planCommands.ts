/**
 * Plan mode from the command palette: **Codex: Plan a Task…** asks for the task, switches the
 * sidebar to Plan mode and sends it (an empty task only switches); **Codex: Toggle Plan Mode**
 * enters Plan mode or leaves it for the mode from before, as the bar above the message box does.
 */
import vscode = require("vscode");

import { modeAfterPlan } from "../../protocol/webview/planMode";
import { describeError } from "../appServer/errors";
import type { ChatBridge } from "../bridge/bridge";

export interface PlanCommandDeps {
  /** The sidebar's bridge, made at the first call. */
  bridge: () => Pick<ChatBridge, "models" | "threads" | "state">;
  focusSidebar(): Promise<void>;
}

async function enterPlanMode(bridge: ReturnType<PlanCommandDeps["bridge"]>): Promise<boolean> {
  if (bridge.state.snapshot.modelChoice.mode === "plan") return true;
  return bridge.models.choose({ mode: "plan" });
}

function reportFailure(error: unknown): void {
  void vscode.window.showErrorMessage(vscode.l10n.t("Codex plan mode: {0}", describeError(error)));
}

export function registerPlanCommands(deps: PlanCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand("chatgpt.planTask", async () => {
      const task = await vscode.window.showInputBox({
        title: vscode.l10n.t("Plan a task with Codex"),
        prompt: vscode.l10n.t(
          "Codex explores and writes a plan for you to review; it changes nothing. Leave empty to only switch to Plan mode.",
        ),
        ignoreFocusOut: true,
      });
      if (task === undefined) return;
      await deps.focusSidebar();
      const bridge = deps.bridge();
      try {
        if (!(await enterPlanMode(bridge))) return;
        if (task.trim()) await bridge.threads.send(task.trim(), []);
      } catch (error) {
        reportFailure(error);
      }
    }),
    vscode.commands.registerCommand("chatgpt.togglePlanMode", async () => {
      const bridge = deps.bridge();
      const choice = bridge.state.snapshot.modelChoice;
      try {
        if (choice.mode === "plan")
          await bridge.models.choose({
            mode: modeAfterPlan(choice, bridge.state.snapshot.workspaceTrusted),
          });
        else await enterPlanMode(bridge);
        await deps.focusSidebar();
      } catch (error) {
        reportFailure(error);
      }
    }),
  );
}
