/**
 * Keep or undo one change at a time, in the editor (issue 14, item 4): registers the pending
 * change set (its texts persisted as checkpoint blobs, see pendingPersistence.ts), its decorations, lenses, commands, the "Codex
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
import { firstWorkspaceFolder } from "../../activation/appServerHost";
import type * as Checkpoints from "../../checkpoints";
import type { SharedBlobs } from "../../checkpoints";
import { silentLogger, type Logger } from "../../log";
import { PendingChanges, type TurnFile } from "./pendingChanges";
import { PendingPersistence } from "./pendingPersistence";

const STATE_KEY = "codex.inlineReview";

export interface InlineReviewDeps {
  /** Where each Keep/Undo goes, for the thread's next message (absent: nowhere). */
  reviewNotes?: () => ReviewNotes | undefined;
  scheduler?: Scheduler;
  logger?: Logger;
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
  const persistence = new PendingPersistence(
    storeBlobs(context),
    (value) => context.workspaceState.update(STATE_KEY, value),
    deps.logger ?? silentLogger,
  );
  const pending = new PendingChanges({
    persist: (snapshot) => void persistence.save(snapshot),
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
  void persistence.load(context.workspaceState.get(STATE_KEY)).then((snapshot) => {
    if (snapshot) pending.restore(snapshot);
  });
  return {
    addTurnChanges: (threadId, turnId, files) => pending.addTurnChanges(threadId, turnId, files),
    forgetTurn: (turnId) => pending.forgetTurn(turnId),
    review,
    tree,
  };
}

/**
 * The checkpoint store's blobs for the set's texts: the same folder as CheckpointHost's store
 * (the extension's storage, the first workspace folder). None without both: the text fallback.
 */
function storeBlobs(context: vscode.ExtensionContext): () => Promise<SharedBlobs | undefined> {
  let opening: Promise<SharedBlobs | undefined> | undefined;
  return () => {
    const storage = context.storageUri;
    const folder = firstWorkspaceFolder();
    if (storage?.scheme !== "file" || !folder) return Promise.resolve(undefined);
    if (!opening) {
      // The checkpoint code loads with the first blob asked for, not at activation.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { sharedBlobs } = require("../../checkpoints") as typeof Checkpoints;
      opening = sharedBlobs(storage.fsPath, folder);
    }
    return opening;
  };
}
