/** A path on an approval card: workspace-relative, or absolute with a visible "outside" mark. */
import type { ShownPath } from "../../../protocol/webview/workspacePath";
import { t } from "../../l10n";
import { Icon } from "../common";

/** The words a screen reader hears for `shown` (the mark is part of them). */
export function pathLabelText(shown: ShownPath): string {
  return shown.outside ? `${shown.text} (${t("path.outsideWorkspace")})` : shown.text;
}

export function PathLabel({ shown }: { shown: ShownPath }) {
  return (
    <span class={`path-label${shown.outside ? " path-outside" : ""}`} title={shown.absolute}>
      <span class="path-text">{shown.text}</span>
      {shown.outside && (
        <span class="path-outside-mark">
          <Icon name="warning" /> {t("path.outsideWorkspace")}
        </span>
      )}
    </span>
  );
}
