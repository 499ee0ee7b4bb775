/**
 * JSX types for the toolkit elements registered in toolkit.ts. Props that the components read as
 * properties are typed as such: the toolkit's `vscode-button` only forwards the `aria-label` and
 * `disabled` attributes to its inner `<button>` after upgrade, so `aria-pressed` / `aria-expanded`
 * must be set through the `ariaPressed` / `ariaExpanded` properties (Preact sets a prop as a
 * property when the element has it).
 */
import type { JSX } from "preact";

type Base = JSX.HTMLAttributes<HTMLElement>;

interface VsCodeButtonProps extends Base {
  appearance?: "primary" | "secondary" | "icon";
  disabled?: boolean;
  ariaPressed?: "true" | "false" | "mixed" | null;
  ariaExpanded?: "true" | "false" | null;
}

interface VsCodeDividerProps extends Base {
  role?: "separator" | "presentation";
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "vscode-button": VsCodeButtonProps;
      "vscode-badge": Base;
      "vscode-tag": Base;
      "vscode-divider": VsCodeDividerProps;
      "vscode-progress-ring": Base;
    }
  }
}
