import * as vscode from "vscode";

/**
 * Activation stays cheap: it registers contributions and creates services, but starts
 * nothing slow. The app-server is spawned on first need (view opened, command run).
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel("Codex", { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand("chatgpt.showLogs", () => log.show(true)),
  );
}

export function deactivate(): void {}
