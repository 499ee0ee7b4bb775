/**
 * "Include the active file / selection": a toggle under the composer. The host tells the webview
 * only the path and lines (`ChatViewState.editorContext`); the text is read by the host when
 * the message is sent with `includeEditorContext`.
 */
import type { EditorContextView } from "../../protocol/webview/viewModel";
import { t } from "../l10n";
import { useView } from "../state/store";
import { Icon, basename } from "./common";

/** What the toggle would attach now, as shown on it; null without an editor. */
export function editorContextLabel(context: EditorContextView | undefined): string | null {
  if (!context?.activeFile) return null;
  const { selection, activeFile } = context;
  if (selection) {
    const name = basename(selection.path);
    return selection.startLine === selection.endLine
      ? `${name}:${selection.startLine}`
      : `${name}:${selection.startLine}-${selection.endLine}`;
  }
  return basename(activeFile.label || activeFile.path);
}

export function EditorContextToggle({
  on,
  onChange,
}: {
  on: boolean;
  onChange(next: boolean): void;
}) {
  const context = useView((view) => view.editorContext);
  const label = editorContextLabel(context);
  if (!label) return null;
  const what = context?.selection ? t("composer.context.selection") : t("composer.context.file");
  const title = on ? t("composer.context.on", what, label) : t("composer.context.off", what, label);
  return (
    <button
      type="button"
      class={`context-toggle${on ? " context-toggle-on" : ""}`}
      aria-pressed={on ? "true" : "false"}
      aria-label={title}
      title={title}
      onClick={() => onChange(!on)}
    >
      <Icon name={context?.selection ? "selection" : on ? "eye" : "eye-closed"} />
      <span class="ellipsis">{label}</span>
    </button>
  );
}
