/**
 * Keep or undo one change at a time, in the editor (issue 14, item 4): registers the pending
 * change set (persisted in workspaceState), its decorations, lenses, commands, the "Codex
 * Changes" view and the context keys the menus and keybindings read.
 *
 *   const inline = registerInlineReview(context, { reviewNotes });
 *   inline.addTurnChanges(threadId, turnId, [{ path, before }]); // after a turn changed files
 */
import vscode = require("vscode");

import { realScheduler, type Scheduler } from "../../bridge/eventBatcher";
import type { ReviewNotes } from "../reviewNotes";
import { ChangesTreeProvider, CHANGES_VIEW_ID } from "./changesTree";
import { reviewDecisionOf } from "./decisionNote";
import { HunkDecorations } from "./decorations";
import { HunkCodeLensProvider } from "./hunkCodeLens";
import { registerHunkCommands } from "./hunkCommands";
import { InlineReview } from "./inlineReview";
import { PendingChanges, type PendingSnapshot, type TurnFile } from "./pendingChanges";

const STATE_KEY = "codex.inlineReview";

export interface InlineReviewDeps {
  /** Where each Keep/Undo goes, for the thread's next message (absent: nowhere). */
  reviewNotes?: () => ReviewNotes | undefined;
  scheduler?: Scheduler;
}

export interface InlineReviewApi {
  addTurnChanges(threadId: string, turnId: string, files: readonly TurnFile[]): void;
  forgetTurn(turnId: string): void;
  readonly review: InlineReview;
  readonly tree: ChangesTreeProvider;
}

export function registerInlineReview(
  context: vscode.ExtensionContext,
  deps: InlineReviewDeps = {},
): InlineReviewApi {
  const pending = new PendingChanges({
    restored: context.workspaceState.get<PendingSnapshot>(STATE_KEY),
    persist: (snapshot) =>
      void context.workspaceState.update(
        STATE_KEY,
        snapshot.files.length > 0 ? snapshot : undefined,
      ),
    onDecision: (decision) =>
      deps
        .reviewNotes?.()
        ?.record(decision.threadId, [
          reviewDecisionOf(decision, (path) => vscode.workspace.asRelativePath(path, false)),
        ]),
  });
  const review = new InlineReview(pending, deps.scheduler ?? realScheduler);
  const tree = new ChangesTreeProvider(review);
  const lenses = new HunkCodeLensProvider(review);
  const updateContext = () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const file = active?.scheme === "file" ? pending.get(active.fsPath) : undefined;
    void vscode.commands.executeCommand(
      "setContext",
      "chatgpt.inlineReview.hasPending",
      pending.list().length > 0,
    );
    void vscode.commands.executeCommand(
      "setContext",
      "chatgpt.inlineReview.activeFilePending",
      file !== undefined,
    );
  };
  context.subscriptions.push(
    review,
    tree,
    lenses,
    new HunkDecorations(review),
    vscode.window.registerTreeDataProvider(CHANGES_VIEW_ID, tree),
    vscode.languages.registerCodeLensProvider({ scheme: "file" }, lenses),
    registerHunkCommands(review),
    review.onDidChange(updateContext),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
  );
  updateContext();
  return {
    addTurnChanges: (threadId, turnId, files) => pending.addTurnChanges(threadId, turnId, files),
    forgetTurn: (turnId) => pending.forgetTurn(turnId),
    review,
    tree,
  };
}
