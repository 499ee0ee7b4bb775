/**
 * The patch fallback of a turn's review: when the checkpoint store has no checkpoint of the
 * turn (checkpoints off, or a turn from before they were on), its files before the turn are
 * rebuilt from the turn's applied `fileChange` items, undone newest first from the files as
 * they are now. Commands' changes are not in those items, and a file edited since is left out
 * (named in the title), which is why the checkpoint is preferred whenever there is one.
 */
import type { FileUpdateChange } from "../../protocol/codex/v2/FileUpdateChange";
import type { TurnView } from "../../protocol/webview/viewModel";
import type { ReviewFile } from "../bridge/handlers/context";
import { UserFacingError } from "../bridge/userFacingError";
import { l10n } from "../l10n";
import { turnFileSides } from "./changeSides";

export async function reviewFromPatches(
  turn: TurnView | undefined,
  read: (path: string) => Promise<string | undefined>,
  openChanges: (files: readonly ReviewFile[], title: string) => Promise<void>,
): Promise<void> {
  if (!turn) throw new UserFacingError(l10n.t("This turn is no longer in the transcript."));
  const applied: FileUpdateChange[] = turn.items.flatMap((item) =>
    item.type === "fileChange" && item.status === "completed" ? item.changes : [],
  );
  if (applied.length === 0) throw new UserFacingError(l10n.t("This turn changed no files."));
  const paths = new Set(
    applied.flatMap((change) =>
      change.kind.type === "update" && change.kind.move_path
        ? [change.path, change.kind.move_path]
        : [change.path],
    ),
  );
  const texts = new Map<string, string | undefined>();
  for (const path of paths) texts.set(path, await read(path));
  const { files, unavailable } = turnFileSides(applied, (path) => texts.get(path));
  if (files.length === 0) {
    throw new UserFacingError(
      l10n.t("These files were edited after this turn, so its diff can no longer be shown."),
    );
  }
  const title =
    unavailable.length > 0
      ? l10n.t("Codex: changes of this turn ({0} edited since, not shown)", unavailable.length)
      : l10n.t("Codex: changes of this turn");
  await openChanges(files, title);
}
