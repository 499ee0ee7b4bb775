/** User and agent messages, reasoning, and the plan item. */
import { userMessageText } from "../../../protocol/webview/threadTitle";
import type { ThreadItem } from "../../../protocol/webview/viewModel";
import { send } from "../../host";
import { t } from "../../l10n";
import { Disclosure, Icon, basename, useExpanded } from "../common";
import { Markdown } from "../Markdown";
import { MessageRewind } from "./MessageRewind";
import { PlanDocument } from "./PlanDocument";
import { isReviewNote } from "../../../protocol/webview/reviewNote";
import { parseSelectionContext, selectionLabel } from "../../../protocol/webview/selectionContext";
import { parseEditorContext } from "../../../protocol/webview/contextMentions";
import { CONTEXT_ICONS } from "../AttachmentChips";

type Of<K extends ThreadItem["type"]> = Extract<ThreadItem, { type: K }>;

/** "You undid Codex's changes to foo.ts" from the host's note (written for the model). */
function reviewNoteLabel(note: string): string {
  const paths = /undid your changes to (.+?) since/.exec(note)?.[1];
  return paths ? t("reviewNote.undid", paths) : t("reviewNote.row");
}

export function UserMessage({ item, turnId }: { item: Of<"userMessage">; turnId?: string }) {
  // Without the list of attached files the host adds for the model: the chips below show them.
  const text = userMessageText(item);
  const chips = item.content.filter((part) => part.type !== "text");
  // A selection rides as its own text part: a chip here, what went to the model on hover.
  const selections = item.content.flatMap((part) => {
    const selection = part.type === "text" ? parseSelectionContext(part.text) : null;
    return selection && part.type === "text" ? [{ selection, sent: part.text }] : [];
  });
  // So does an @problems / @terminal / @changes context.
  const contexts = item.content.flatMap((part) => {
    const context = part.type === "text" ? parseEditorContext(part.text) : null;
    return context && part.type === "text" ? [{ context, sent: part.text }] : [];
  });
  const note = item.content.find((part) => part.type === "text" && isReviewNote(part.text));
  return (
    <div class="item user-message">
      {note && "text" in note && (
        <div class="row-compact muted review-note" title={note.text}>
          <Icon name="discard" />
          <span>{reviewNoteLabel(note.text)}</span>
        </div>
      )}
      <div class="user-bubble">
        {text && <div class="user-text">{text}</div>}
        {chips.length + selections.length + contexts.length > 0 && (
          <div class="chips">
            {selections.map(({ selection, sent }, index) => (
              <vscode-tag key={`selection-${index}`} title={sent}>
                <span
                  class="chip"
                  aria-label={t("userMessage.selectionChip", selectionLabel(selection))}
                >
                  <Icon name="selection" />
                  <span class="ellipsis">{selectionLabel(selection)}</span>
                </span>
              </vscode-tag>
            ))}
            {contexts.map(({ context, sent }, index) => (
              <vscode-tag key={`context-${index}`} title={sent}>
                <span class="chip" aria-label={`@${context.source}: ${context.label}`}>
                  <Icon name={CONTEXT_ICONS[context.source]} />
                  <span class="ellipsis">@{context.source}</span>
                </span>
              </vscode-tag>
            ))}
            {chips.map((part, index) => {
              const label =
                "path" in part && typeof part.path === "string"
                  ? basename(part.path)
                  : "name" in part && typeof part.name === "string"
                    ? part.name
                    : part.type;
              const icon = part.type.toLowerCase().includes("image") ? "file-media" : "file";
              return (
                <vscode-tag key={index} title={label}>
                  <span class="chip">
                    <Icon name={icon} />
                    <span class="ellipsis">{label}</span>
                  </span>
                </vscode-tag>
              );
            })}
          </div>
        )}
      </div>
      {turnId && <MessageRewind turnId={turnId} />}
    </div>
  );
}

export function AgentMessage({ item, active }: { item: Of<"agentMessage">; active: boolean }) {
  return (
    <div class={`item agent-message${active ? " streaming" : ""}`} data-item-id={item.id}>
      {item.text ? (
        <Markdown text={item.text} streaming={active} />
      ) : (
        active && <span class="typing" aria-label={t("status.thinking")} />
      )}
    </div>
  );
}

export function Reasoning({ item, active }: { item: Of<"reasoning">; active: boolean }) {
  const [open, toggle] = useExpanded(`reasoning:${item.id}`, active);
  const summary = item.summary.filter((s) => s.trim()).join("\n\n");
  const title = firstHeading(summary) ?? t("reasoning.title");
  const id = `reasoning-body-${item.id}`;
  return (
    <div class="item reasoning">
      <Disclosure open={open} onToggle={toggle} label={title} controls={id}>
        {active && <Icon name="loading" spin />}
      </Disclosure>
      {open && (
        <div class="reasoning-body" id={id}>
          {summary ? (
            <Markdown text={summary} streaming={active} />
          ) : (
            <span class="muted">{t("reasoning.empty")}</span>
          )}
        </div>
      )}
    </div>
  );
}

/** codex's reasoning summaries usually start with a bold "**Title**" line. */
function firstHeading(summary: string): string | null {
  const match = /^\s*\*\*(.+?)\*\*/.exec(summary);
  return match ? match[1]!.slice(0, 120) : null;
}

/** codex's proposed plan: a document to review, comment on step by step, and implement. */
export function PlanItem({ item, active = false }: { item: Of<"plan">; active?: boolean }) {
  return <PlanDocument item={item} active={active} />;
}

export function ContextCompaction() {
  return (
    <div class="item compaction" role="separator">
      <vscode-divider role="presentation" />
      <span>{t("item.contextCompaction")}</span>
      <vscode-divider role="presentation" />
    </div>
  );
}

export function ImageView({ item }: { item: Of<"imageView"> }) {
  return (
    <div class="item row-compact">
      <Icon name="file-media" />
      <span>{t("item.imageView")}</span>
      <button
        type="button"
        class="btn btn-link"
        onClick={() => send("editor/openFile", { path: item.path })}
      >
        {basename(item.path)}
      </button>
    </div>
  );
}

const BASE64 = /^[a-z0-9+/=\s]+$/i;

export function ImageGeneration({ item }: { item: Of<"imageGeneration"> }) {
  const result = "result" in item && typeof item.result === "string" ? item.result : null;
  const src =
    result && result.length < 20_000_000 && BASE64.test(result.slice(0, 1000))
      ? `data:image/png;base64,${result}`
      : null;
  return (
    <div class="item image-generation">
      <div class="item-header">
        <Icon name="file-media" />
        <span>{t("item.imageGeneration")}</span>
        {item.savedPath && (
          <button
            type="button"
            class="btn btn-link"
            onClick={() => send("editor/openFile", { path: item.savedPath! })}
          >
            {basename(item.savedPath)}
          </button>
        )}
      </div>
      {item.revisedPrompt && <div class="muted">{item.revisedPrompt}</div>}
      {src && <img class="generated-image" src={src} alt={item.revisedPrompt ?? ""} />}
    </div>
  );
}
