/**
 * "Fix with Codex" and "Explain with Codex" as quick fixes on every diagnostic: in the editor's
 * light bulb and, because they are quick fixes, on the problem in the Problems view (VS Code 1.100
 * has no `problems/context` menu for extensions; its quick fixes are how the view offers actions).
 */
import vscode = require("vscode");

import type { ProblemActionArgs } from "./problemActions";

export const FIX_PROBLEM_COMMAND = "chatgpt.fixProblem";
export const EXPLAIN_PROBLEM_COMMAND = "chatgpt.explainProblem";

export class ProblemCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    // One pair for the first problem here: a pair per diagnostic would crowd the light bulb.
    const diagnostic = context.diagnostics[0];
    if (!diagnostic) return [];
    const args: ProblemActionArgs = { uri: document.uri, diagnostic };
    const action = (title: string, command: string) => {
      const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      codeAction.diagnostics = [diagnostic];
      codeAction.command = { command, title, arguments: [args] };
      return codeAction;
    };
    return [
      action(vscode.l10n.t("Fix with Codex"), FIX_PROBLEM_COMMAND),
      action(vscode.l10n.t("Explain with Codex"), EXPLAIN_PROBLEM_COMMAND),
    ];
  }
}
