/**
 * "Codex Changes": the files with pending changes, in the Codex container. A file opens on
 * click; Keep all / Undo all sit inline. Binary, too large and deleted files are listed (they
 * are part of the turn) but say why they have no inline hunks.
 */
import * as path from "node:path";
import vscode = require("vscode");

import type { InlineReview } from "./inlineReview";
import type { NoInlineReason, PendingFile } from "./pendingChanges";

export const CHANGES_VIEW_ID = "chatgpt.pendingChanges";

function reasonText(reason: NoInlineReason): string {
  switch (reason) {
    case "binary":
      return vscode.l10n.t("binary");
    case "too-large":
      return vscode.l10n.t("too large to show inline");
    case "deleted":
      return vscode.l10n.t("deleted");
  }
}

export class ChangesTreeProvider
  implements vscode.TreeDataProvider<PendingFile>, vscode.Disposable
{
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly review: InlineReview) {
    this.subscription = review.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: PendingFile): PendingFile[] {
    if (element) return [];
    return this.review.pending.list().sort((a, b) => a.path.localeCompare(b.path));
  }

  getTreeItem(file: PendingFile): vscode.TreeItem {
    const uri = vscode.Uri.file(file.path);
    const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
    item.id = file.path;
    const folder = path.dirname(vscode.workspace.asRelativePath(uri));
    const where = folder === "." ? "" : folder;
    item.description = file.noInline
      ? [where, reasonText(file.noInline)].filter(Boolean).join(" · ")
      : where;
    item.tooltip = file.path;
    item.contextValue = file.noInline ? "codexPendingFile.noInline" : "codexPendingFile";
    if (file.noInline !== "deleted") {
      item.command = { command: "vscode.open", title: vscode.l10n.t("Open"), arguments: [uri] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
