/**
 * What the user does with a turn's checkpoint: review it (the turn's before/after, whole files,
 * in the multi-file diff editor), undo it, or rewind the conversation to before a message (files
 * and codex's history). The webview only asks; this module checks and, when the user's own
 * edits would be lost, asks the user natively first. By default the user's edits are kept.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

import type { CheckpointStore, UndoFileResult, UndoResult } from "../checkpoints";
import type { AppServerPort } from "../connection/port";
import type { ChatState } from "../bridge/chatState";
import type { ReviewFile } from "../bridge/handlers/context";
import { failWith, UserFacingError } from "../bridge/userFacingError";
import { l10n } from "../l10n";
import type { Logger } from "../log";
import { userMessageText } from "../../protocol/webview/threadTitle";
import type { TurnView } from "../../protocol/webview/viewModel";
import { reviewFromPatches } from "./patchReview";
import type { ReviewNotes } from "./reviewNotes";
import { checkpointView, type TurnCheckpoints } from "./turnCheckpoints";

/** A file whose later edits (by the user or another tool) the undo would overwrite. */
export interface UndoLoss {
  path: string;
  edit: NonNullable<UndoFileResult["userEdit"]>;
}

/** The user's answer to "these edits would be lost": keep them (default), overwrite, or stop. */
export type UndoChoice = "keep" | "overwrite" | undefined;

/** Shared by every view: the store, codex, the user's dialogs. */
export interface TurnActionsServices {
  store: () => CheckpointStore | undefined;
  port: Pick<AppServerPort, "request">;
  checkpoints: Pick<TurnCheckpoints, "publish">;
  reviewNotes: ReviewNotes;
  openChanges(files: readonly ReviewFile[], title: string): Promise<void>;
  /** A native modal listing `losses`; only called when there are some. */
  confirmUndo(losses: readonly UndoLoss[]): Promise<UndoChoice>;
  logger: Logger;
}

/** The view the actions are about: its thread, and whether a turn runs in it. */
export interface TurnActionsView {
  state: Pick<ChatState, "thread" | "editThread">;
  threads: { readonly runningTurnId: string | undefined };
}

type TurnActionsOptions = TurnActionsServices & {
  state: TurnActionsView["state"];
  runningTurnId: () => string | undefined;
};

/** The actions for one view (the sidebar or a panel). */
export function turnActionsFor(services: TurnActionsServices, view: TurnActionsView): TurnActions {
  return new TurnActions({
    ...services,
    state: view.state,
    runningTurnId: () => view.threads.runningTurnId,
  });
}

export class TurnActions {
  constructor(private readonly options: TurnActionsOptions) {}

  /** The latest turn of the thread on screen with a checkpoint that changed files. */
  lastCheckpointedTurn(): string | undefined {
    const thread = this.options.state.thread;
    return thread?.turns.findLast((turn) => (turn.checkpoint?.files.length ?? 0) > 0)?.id;
  }

  /**
   * The turn's files before and after it, whole, in the multi-file diff editor: from its
   * checkpoint, or (none, or an incomplete one that names no file) the patch fallback, which
   * rebuilds the before-texts from the turn's patches and the files as `read` gives them now.
   */
  async review(
    turnId: string,
    read: (path: string) => Promise<string | undefined> = readFromDisk,
  ): Promise<void> {
    const thread = this.options.state.thread;
    if (!thread) throw new UserFacingError(l10n.t("There is no conversation yet."));
    const threadId = thread.id;
    const store = this.options.store();
    const turn = store?.getTurn(threadId, turnId);
    if (!store || !turn || (turn.files.length === 0 && turn.incomplete)) {
      const view = thread.turns.find((t) => t.id === turnId);
      await reviewFromPatches(view, read, this.options.openChanges);
      return;
    }
    if (turn.files.length === 0) {
      throw new UserFacingError(l10n.t("This turn changed no files."));
    }
    const files: ReviewFile[] = [];
    let binary = 0;
    for (const file of turn.files) {
      if (file.binary) {
        binary++;
        continue;
      }
      const sides = await store.beforeAfter(threadId, turnId, file.path);
      files.push({
        path: path.join(store.root, file.path),
        before: sides.before?.toString("utf8") ?? "",
        after: sides.after?.toString("utf8") ?? "",
      });
    }
    if (files.length === 0) {
      throw new UserFacingError(l10n.t("This turn changed only binary files."));
    }
    const note = binary > 0 ? l10n.t(" ({0} binary, not shown)", binary) : "";
    await this.options.openChanges(files, l10n.t("Codex: changes of this turn{0}", note));
  }

  /** Restores the files the turn changed; null when the user cancelled. */
  async undo(turnId: string): Promise<UndoResult | null> {
    const { store, threadId } = this.context();
    this.requireIdle();
    const turn = store.getTurn(threadId, turnId);
    if (!turn) throw new UserFacingError(l10n.t("This turn has no checkpoint."));
    if (turn.undone) throw new UserFacingError(l10n.t("This turn was already undone."));
    if (turn.incomplete) {
      throw new UserFacingError(
        l10n.t("This turn's checkpoint is incomplete, so it cannot be undone exactly."),
      );
    }
    const choice = await this.askAboutLosses(await store.previewUndo(threadId, turnId));
    if (choice === undefined) return null;
    const result = await store.undoTurn(threadId, turnId, {
      overwriteUserEdits: choice === "overwrite",
    });
    this.afterUndo(threadId, [result]);
    return result;
  }

  /**
   * Files and conversation back to before `turnId`'s message: the turn and every later one are
   * undone (latest first) and dropped from codex's history. Returns the message's text (for
   * Edit and resend); null when the user cancelled.
   */
  async restoreTo(turnId: string): Promise<{ text: string } | null> {
    const { store, threadId } = this.context();
    this.requireIdle();
    const thread = this.options.state.thread!;
    const index = thread.turns.findIndex((turn) => turn.id === turnId);
    if (index === -1)
      throw new UserFacingError(l10n.t("This turn is no longer in the transcript."));
    const later = thread.turns.slice(index);
    const checkpointed = later
      .map((turn) => store.getTurn(threadId, turn.id))
      .filter((turn) => turn !== undefined && !turn.undone);
    const previews = await Promise.all(
      checkpointed.map((turn) => store.previewUndo(threadId, turn!.turnId)),
    );
    const choice = await this.askAboutLosses(previews.flat());
    if (choice === undefined) return null;
    const text = firstUserText(thread.turns[index]!);
    try {
      await this.options.port.request("thread/revert", { threadId, beforeTurnId: turnId });
    } catch (error) {
      failWith(l10n.t("Could not rewind the conversation"), error);
    }
    const results: UndoResult[] = [];
    for (const turn of checkpointed.reverse()) {
      results.push(
        await store.undoTurn(threadId, turn!.turnId, {
          overwriteUserEdits: choice === "overwrite",
        }),
      );
    }
    this.afterUndo(threadId, results);
    // The dropped turns are gone from codex's history; what was undone in them is moot.
    this.options.reviewNotes.clear(threadId);
    this.options.state.editThread(threadId, { type: "turnsDropped", fromTurnId: turnId });
    return { text };
  }

  private afterUndo(threadId: string, results: readonly UndoResult[]): void {
    const store = this.options.store();
    for (const result of results) {
      const turn = store?.getTurn(threadId, result.turnId);
      if (turn) {
        this.options.checkpoints.publish({
          threadId,
          turnId: result.turnId,
          checkpoint: checkpointView(turn),
        });
      }
      this.options.reviewNotes.record(
        threadId,
        result.files
          .filter((file) => file.outcome === "restored" || file.outcome === "overwrote-user-edit")
          .map((file) => ({ kind: "undid" as const, path: file.path })),
      );
      const partial = result.files.filter((file) => file.outcome !== "restored");
      if (partial.length > 0) {
        this.options.logger.info(
          `undo of turn ${result.turnId}: ${partial.map((f) => `${f.path} ${f.outcome}`).join(", ")}`,
        );
      }
    }
  }

  private async askAboutLosses(preview: readonly UndoFileResult[]): Promise<UndoChoice> {
    const losses = preview.flatMap((file) =>
      file.outcome === "kept-user-edit" && file.userEdit
        ? [{ path: file.path, edit: file.userEdit }]
        : [],
    );
    return losses.length === 0 ? "keep" : this.options.confirmUndo(losses);
  }

  private context(): { store: CheckpointStore; threadId: string } {
    const store = this.options.store();
    if (!store) throw new UserFacingError(l10n.t("Checkpoints are off."));
    const threadId = this.options.state.thread?.id;
    if (!threadId) throw new UserFacingError(l10n.t("There is no conversation yet."));
    return { store, threadId };
  }

  private requireIdle(): void {
    if (this.options.runningTurnId()) {
      throw new UserFacingError(l10n.t("Wait for the running turn to end."));
    }
  }
}

function readFromDisk(file: string): Promise<string | undefined> {
  return fs.readFile(file, "utf8").catch(() => undefined);
}

/** The text the user typed to start `turn` (its first user message, without host notes). */
function firstUserText(turn: TurnView): string {
  for (const item of turn.items) {
    if (item.type === "userMessage") return userMessageText(item);
  }
  return "";
}
