/**
 * The proposed plan (codex's `plan` item) as a document to review: its steps numbered, each with
 * a comment button (the comments wait on the host and go with the next message; the plan-mode bar
 * above the message box counts them), and, under the
 * latest plan of the thread once its turn is over, **Implement this plan**: back to the mode from
 * before Plan, and "Implement the plan." in the same thread.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { modeAfterPlan } from "../../../protocol/webview/planMode";
import type { PlanCommentView, ThreadItem } from "../../../protocol/webview/viewModel";
import { errorMessage, request } from "../../host";
import { t, type MessageKey } from "../../l10n";
import { useView } from "../../state/store";
import { Button, ErrorText, Icon, NativeButton } from "../common";
import { Markdown } from "../Markdown";
import { splitPlan, type PlanBlock } from "./planSteps";

type PlanItem = Extract<ThreadItem, { type: "plan" }>;
type Step = Extract<PlanBlock, { kind: "step" }>;

const NO_COMMENTS: readonly PlanCommentView[] = [];

export function PlanDocument({ item, active = false }: { item: PlanItem; active?: boolean }) {
  const blocks = useMemo(() => splitPlan(item.text), [item.text]);
  const allComments = useView((view) => view.thread?.planComments ?? NO_COMMENTS);
  const comments = allComments.filter((comment) => comment.itemId === item.id);
  // Implement belongs to the plan of the last turn, once that turn is over.
  const latest = useView((view) => {
    const last = view.thread?.turns.at(-1);
    return Boolean(
      last && last.status !== "inProgress" && last.items.some((i) => i.id === item.id),
    );
  });
  const mode = useView((view) => view.modelChoice.mode);
  const backTo = useView((view) => modeAfterPlan(view.modelChoice, view.workspaceTrusted));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const implement = () => {
    setBusy(true);
    setError(null);
    request("plan/implement", {})
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <section class="item plan-document" aria-label={t("plan.document")}>
      <div class="item-header">
        <Icon name={active ? "loading" : "checklist"} spin={active} />
        <span class="plan-document-title">{t("plan.document")}</span>
      </div>
      <div class="plan-document-body">
        {blocks.map((block, index) =>
          block.kind === "text" ? (
            <Markdown key={`t${index}`} text={block.markdown} streaming={active} />
          ) : (
            <PlanStep
              key={`s${block.index}`}
              itemId={item.id}
              step={block}
              comment={comments.find((comment) => comment.step === block.index)}
              canComment={!active}
            />
          ),
        )}
      </div>
      {latest && !active && (
        <div class="plan-actions">
          <Button variant="primary" icon="play" disabled={busy} onClick={implement}>
            {t("plan.implement")}
          </Button>
          {mode === "plan" && (
            <span class="plan-hint muted">
              {t("plan.implementHint", t(`mode.${backTo}` as MessageKey))}
            </span>
          )}
        </div>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </section>
  );
}

function PlanStep({
  itemId,
  step,
  comment,
  canComment,
}: {
  itemId: string;
  step: Step;
  comment: PlanCommentView | undefined;
  canComment: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const number = step.index + 1;
  // The editor opens on the user's click: the comment box takes the focus.
  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const save = (text: string) => {
    setError(null);
    request("plan/comment", { itemId, step: step.index, stepText: step.summary, text })
      .then(() => setEditing(false))
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  const edit = () => {
    setDraft(comment?.text ?? "");
    setEditing(true);
  };

  return (
    <div class={`plandoc-step${comment ? " has-comment" : ""}`}>
      <div class="plandoc-step-row">
        <span class="plandoc-step-number" aria-hidden="true">
          {number}.
        </span>
        <div class="plandoc-step-body">
          <Markdown text={step.markdown} />
        </div>
        {canComment && !editing && !comment && (
          <Button
            variant="icon"
            icon="comment"
            class="plandoc-step-comment"
            aria-label={t("plan.comment", number)}
            title={t("plan.comment", number)}
            onClick={edit}
          />
        )}
      </div>
      {editing ? (
        <form
          class="plan-comment-editor"
          onSubmit={(event) => {
            event.preventDefault();
            save(draft);
          }}
        >
          <textarea
            class="input plan-comment-input"
            rows={2}
            value={draft}
            placeholder={t("plan.commentPlaceholder")}
            aria-label={t("plan.comment", number)}
            ref={inputRef}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                setEditing(false);
              } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                save(draft);
              }
            }}
          />
          <div class="plan-comment-buttons">
            {/* Native buttons: a toolkit button in a form submits it by itself (toolkit.ts). */}
            <button type="submit" class="btn btn-primary" disabled={!draft.trim() && !comment}>
              {t("plan.commentSave")}
            </button>
            <NativeButton onClick={() => setEditing(false)}>{t("plan.commentCancel")}</NativeButton>
          </div>
        </form>
      ) : (
        comment && (
          <div class="plan-comment">
            <Icon name="comment" />
            <span class="plan-comment-text">{comment.text}</span>
            {canComment && (
              <span class="plan-comment-actions">
                <Button
                  variant="icon"
                  icon="edit"
                  aria-label={t("plan.commentEdit")}
                  title={t("plan.commentEdit")}
                  onClick={edit}
                />
                <Button
                  variant="icon"
                  icon="close"
                  aria-label={t("plan.commentRemove")}
                  title={t("plan.commentRemove")}
                  onClick={() => save("")}
                />
              </span>
            )}
          </div>
        )
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
