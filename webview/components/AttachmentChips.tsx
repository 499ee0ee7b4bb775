/**
 * The composer's attachment chips (files, selections, editor context, images), each removable,
 * and the chips of images a reload dropped (informational, never sent). A selection's and a
 * context's hover is exactly the text that goes to the model.
 */
import { editorContextText } from "../../protocol/webview/contextMentions";
import type { Attachment } from "../../protocol/webview/messages";
import { selectionContextText } from "../../protocol/webview/selectionContext";
import { t } from "../l10n";
import { Button, Icon, basename } from "./common";

export function attachmentKey(attachment: Attachment): string {
  switch (attachment.kind) {
    case "file":
      return `file:${attachment.path}`;
    case "selection":
      return `sel:${attachment.path}:${attachment.startLine}-${attachment.endLine}`;
    case "context":
      return `ctx:${attachment.source}`;
    case "image":
      return `img:${attachment.name}:${attachment.dataUrl.length}`;
  }
}

function attachmentLabel(attachment: Attachment): string {
  switch (attachment.kind) {
    case "file":
      return basename(attachment.path);
    case "selection":
      return `${basename(attachment.path)}:${attachment.startLine}-${attachment.endLine}`;
    case "context":
      return `@${attachment.source}`;
    case "image":
      return attachment.name;
  }
}

/** The hover: what the model will read, else the path. */
function attachmentTitle(attachment: Attachment): string {
  switch (attachment.kind) {
    case "file":
      return attachment.path;
    case "selection":
      return selectionContextText(attachment);
    case "context":
      return editorContextText(attachment);
    case "image":
      return attachment.name;
  }
}

/** The codicon of an `@problems` / `@terminal` / `@changes` chip (composer and sent message). */
export const CONTEXT_ICONS = { problems: "warning", terminal: "terminal", changes: "git-compare" };

function attachmentIcon(attachment: Attachment): string {
  if (attachment.kind === "context") return CONTEXT_ICONS[attachment.source];
  return attachment.kind === "image"
    ? "file-media"
    : attachment.kind === "selection"
      ? "selection"
      : "file";
}

function Chip({
  icon,
  label,
  title,
  removeLabel,
  removed,
  onRemove,
}: {
  icon: string;
  label: string;
  title: string;
  removeLabel: string;
  removed?: boolean;
  onRemove(): void;
}) {
  return (
    <vscode-tag title={title}>
      <span class={`chip${removed ? " chip-removed" : ""}`}>
        <Icon name={icon} />
        <span class="ellipsis">{label}</span>
        <Button
          variant="icon"
          icon="close"
          class="chip-remove"
          aria-label={removeLabel}
          onClick={onRemove}
        />
      </span>
    </vscode-tag>
  );
}

export function AttachmentChips({
  attachments,
  removedImages,
  onRemove,
  onDismissRemoved,
}: {
  attachments: readonly Attachment[];
  removedImages: readonly string[];
  onRemove(key: string): void;
  onDismissRemoved(index: number): void;
}) {
  if (attachments.length === 0 && removedImages.length === 0) return null;
  return (
    <ul class="chips attachments" aria-label={t("composer.attachments")}>
      {attachments.map((attachment) => {
        const key = attachmentKey(attachment);
        const label = attachmentLabel(attachment);
        return (
          <li key={key}>
            <Chip
              icon={attachmentIcon(attachment)}
              label={label}
              title={attachmentTitle(attachment)}
              removeLabel={t("composer.removeAttachment", label)}
              onRemove={() => onRemove(key)}
            />
          </li>
        );
      })}
      {removedImages.map((name, index) => (
        <li key={`removed:${index}:${name}`} class="chip-removed-item">
          <Chip
            icon="warning"
            label={t("composer.imageRemoved", name)}
            title={t("composer.imageRemovedHint")}
            removeLabel={t("composer.removeAttachment", name)}
            removed
            onRemove={() => onDismissRemoved(index)}
          />
        </li>
      ))}
    </ul>
  );
}
