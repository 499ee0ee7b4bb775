/**
 * `chatgpt.manageAllowRules`: the "always allow" rules added from the approval cards, in a quick
 * pick; picking one (or its trash button) removes it from codex's rules file, after a native
 * confirmation. codex reads the rules files for each thread it starts (verified with 0.169.0 in
 * test/protocol/allowRules.test.ts); a thread already open keeps the rule until codex restarts,
 * so the removal offers a restart.
 */
import vscode = require("vscode");

import { describeError } from "../appServer/errors";
import {
  describeRule,
  removeRuleFromFile,
  type AllowRuleRecord,
  type RecordedAllowRule,
} from "../config/allowRules";

export interface ManageAllowRulesDeps {
  record: AllowRuleRecord;
  restartAppServer(): Promise<void>;
}

interface RuleItem extends vscode.QuickPickItem {
  entry: RecordedAllowRule;
}

function itemFor(entry: RecordedAllowRule, removeButton: vscode.QuickInputButton): RuleItem {
  const { rule } = entry;
  const kind =
    rule.kind === "command"
      ? vscode.l10n.t("Commands starting with")
      : rule.action === "allow"
        ? vscode.l10n.t("Network access allowed to")
        : vscode.l10n.t("Network access denied to");
  return {
    label: `$(${rule.kind === "command" ? "terminal" : "globe"}) ${describeRule(rule)}`,
    description: kind,
    detail: vscode.l10n.t(
      "Added {0} · {1}",
      new Date(entry.addedAt).toLocaleString(),
      vscode.workspace.asRelativePath(entry.file),
    ),
    buttons: [removeButton],
    entry,
  };
}

async function removeRule(deps: ManageAllowRulesDeps, entry: RecordedAllowRule): Promise<void> {
  const remove = vscode.l10n.t("Remove");
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Remove the rule for "{0}"? Codex will ask again before running it.',
      describeRule(entry.rule),
    ),
    { modal: true, detail: entry.file },
    remove,
  );
  if (answer !== remove) return;
  let removed: number;
  try {
    removed = await removeRuleFromFile(entry);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t("Could not edit {0}: {1}", entry.file, describeError(error)),
    );
    return;
  }
  await deps.record.forget(entry);
  if (removed === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t("The rule was no longer in {0}.", entry.file),
    );
    return;
  }
  const restart = vscode.l10n.t("Restart Codex");
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      "Rule removed. New threads ask again; restart Codex to apply it to threads already open.",
    ),
    restart,
  );
  if (choice === restart) await deps.restartAppServer();
}

async function manageAllowRules(deps: ManageAllowRulesDeps): Promise<void> {
  const entries = deps.record.list();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No rules added from Codex for VS Code yet. "Always allow" on an approval adds one.',
      ),
    );
    return;
  }
  const removeButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon("trash"),
    tooltip: vscode.l10n.t("Remove this rule"),
  };
  const pick = vscode.window.createQuickPick<RuleItem>();
  pick.title = vscode.l10n.t("Codex: rules added from approvals");
  pick.placeholder = vscode.l10n.t("Pick a rule to remove it");
  pick.items = entries.map((entry) => itemFor(entry, removeButton));
  const chosen = await new Promise<RecordedAllowRule | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.entry));
    pick.onDidTriggerItemButton((event) => resolve(event.item.entry));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) await removeRule(deps, chosen);
}

export function registerManageAllowRules(deps: ManageAllowRulesDeps): vscode.Disposable {
  return vscode.commands.registerCommand("chatgpt.manageAllowRules", () => manageAllowRules(deps));
}
