/**
 * A turn's checkpoint at its end: the files it changed (shell commands included) with +/−
 * counts, Review and Undo turn, or why no exact undo is offered, and what an undo did per file.
 * The webview only asks; the host checks the files, asks the user natively, and answers.
 */
import { useState } from "preact/hooks";
import type {
  CheckpointFileView,
  CheckpointUndoView,
  TurnCheckpointView,
} from "../../../protocol/webview/viewModel";
import { channel, reportError } from "../../host";
import { localizedMemo, t } from "../../l10n";
import { Button, Icon, basename } from "../common";
import { DiffCounts } from "./diffStats";

/** Files listed before "and N more". */
const MAX_LISTED = 8;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function FileLine({ file }: { file: CheckpointFileView }) {
  const kindLabel = t(`checkpoint.kind.${file.kind}` as "checkpoint.kind.added");
  return (
    <li
      class="checkpoint-file"
      title={file.previousPath ? `${file.previousPath} → ${file.path}` : file.path}
    >
      <span class={`checkpoint-kind kind-${file.kind}`} aria-label={kindLabel} title={kindLabel}>
        {file.kind[0]!.toUpperCase()}
      </span>
      <span class="ellipsis">{basename(file.path)}</span>
      {file.binary ? (
        <span class="muted">{t("checkpoint.binary")}</span>
      ) : (
        <DiffCounts stats={{ added: file.added, removed: file.removed }} />
      )}
    </li>
  );
}

/** "Undone", or per file what was kept (the user's own edits) or could not be restored. */
function UndoneLine({ undone }: { undone: CheckpointUndoView[] }) {
  const kept = undone.filter((file) => file.outcome === "kept-user-edit");
  const failed = undone.filter(
    (file) => file.outcome === "failed" || file.outcome === "not-restorable",
  );
  const restored = undone.length - kept.length - failed.length;
  return (
    <div class="checkpoint-undone" role="status">
      <div class="row-compact muted">
        <Icon name="discard" />
        <span>{t("checkpoint.undone", restored)}</span>
      </div>
      {kept.map((file) => (
        <div key={file.path} class="row-compact muted">
          <Icon name="person" />
          <span>{t("checkpoint.keptUserEdit", file.path)}</span>
        </div>
      ))}
      {failed.map((file) => (
        <div key={file.path} class="row-compact error-text">
          <Icon name="warning" />
          <span>{t("checkpoint.notRestored", file.path)}</span>
        </div>
      ))}
    </div>
  );
}

export const CheckpointSummary = localizedMemo(function CheckpointSummary({
  turnId,
  checkpoint,
}: {
  turnId: string;
  checkpoint: TurnCheckpointView;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { files, incomplete, undone } = checkpoint;
  const added = files.reduce((sum, file) => sum + file.added, 0);
  const removed = files.reduce((sum, file) => sum + file.removed, 0);
  const ask = (method: "turn/review" | "turn/undo") => {
    setError(null);
    setBusy(true);
    channel()
      .request(method, { turnId })
      .catch((failure: unknown) => {
        setError(errorText(failure));
        reportError(`${method} failed: ${errorText(failure)}`);
      })
      .finally(() => setBusy(false));
  };
  return (
    <div class="checkpoint-summary" aria-label={t("checkpoint.title")}>
      {files.length > 0 && (
        <div class="turn-diff">
          <Icon name="git-compare" />
          <span>{t("checkpoint.files", files.length)}</span>
          <DiffCounts stats={{ added, removed }} />
        </div>
      )}
      {files.length > 0 && (
        <ul class="checkpoint-files">
          {files.slice(0, MAX_LISTED).map((file) => (
            <FileLine key={file.path} file={file} />
          ))}
          {files.length > MAX_LISTED && (
            <li class="muted">{t("checkpoint.more", files.length - MAX_LISTED)}</li>
          )}
        </ul>
      )}
      {incomplete && (
        <div class="row-compact muted checkpoint-incomplete">
          <Icon name="info" />
          <span>{t("checkpoint.incomplete")}</span>
        </div>
      )}
      {undone && <UndoneLine undone={undone} />}
      <div class="checkpoint-actions">
        {files.length > 0 && (
          <Button
            variant="secondary"
            icon="diff-multiple"
            disabled={busy}
            onClick={() => ask("turn/review")}
          >
            {t("checkpoint.review")}
          </Button>
        )}
        {files.length > 0 && !incomplete && !undone && (
          <Button
            variant="secondary"
            icon="discard"
            disabled={busy}
            onClick={() => ask("turn/undo")}
          >
            {t("checkpoint.undo")}
          </Button>
        )}
      </div>
      {error && (
        <div class="row-compact error-text" role="alert">
          <Icon name="error" />
          <span>{error}</span>
        </div>
      )}
    </div>
  );
});
