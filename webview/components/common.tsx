/** Small shared building blocks: icons, buttons, collapsible sections, copy buttons, spinners. */
import type { ComponentChildren, JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { reportError, request } from "../host";
import { t } from "../l10n";
import { readViewState, setExpanded } from "../viewState";

export function Icon({
  name,
  spin,
  label,
  slot,
}: {
  name: string;
  spin?: boolean;
  label?: string;
  slot?: string;
}) {
  return (
    <span
      slot={slot}
      class={`codicon codicon-${name}${spin ? " codicon-modifier-spin" : ""}`}
      aria-hidden={label ? undefined : "true"}
      role={label ? "img" : undefined}
      aria-label={label}
    />
  );
}

type NativeButtonProps = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "icon" | "link";
  icon?: string;
};

/**
 * A plain `<button>` styled like the toolkit's. For buttons inside a `<form>` (see toolkit.ts:
 * `vscode-button` submits the surrounding form on Enter) and for link-style actions.
 */
export function NativeButton({
  variant = "secondary",
  icon,
  children,
  class: cls,
  ...rest
}: NativeButtonProps) {
  return (
    <button type="button" class={`btn btn-${variant}${cls ? ` ${String(cls)}` : ""}`} {...rest}>
      {icon && <Icon name={icon} />}
      {children}
    </button>
  );
}

interface ButtonProps {
  variant?: "primary" | "secondary" | "icon" | "link";
  icon?: string;
  /** Spins the icon (e.g. `loading` while something is on its way). */
  spin?: boolean;
  children?: ComponentChildren;
  class?: string;
  disabled?: boolean;
  /** Out of view and out of the accessibility tree, but still mounted. */
  hidden?: boolean;
  title?: string;
  "aria-label"?: string;
  "aria-pressed"?: boolean;
  onClick?: (event: MouseEvent) => void;
}

/**
 * The toolkit's `vscode-button` (primary / secondary / icon appearance); `variant="link"` stays a
 * native button (`vscode-link` is an anchor, these are actions). Keyboard activation comes from
 * the native `<button>` inside the shadow root (focus is delegated to it, Enter and Space click
 * it, and the click reaches `onClick` on the host). `aria-label` is forwarded to that inner button
 * by the toolkit; `aria-pressed` is set as a property because the toolkit does not forward the
 * attribute once the element is upgraded.
 */
export function Button({
  variant = "secondary",
  icon,
  spin,
  children,
  class: cls,
  disabled,
  onClick,
  "aria-pressed": pressed,
  ...rest
}: ButtonProps) {
  if (variant === "link") {
    return (
      <NativeButton
        variant="link"
        icon={icon}
        class={cls}
        disabled={disabled}
        aria-pressed={pressed}
        onClick={onClick}
        {...rest}
      >
        {children}
      </NativeButton>
    );
  }
  const hasText = children !== undefined && children !== null && children !== false;
  return (
    <vscode-button
      appearance={variant}
      class={cls}
      disabled={disabled ?? false}
      {...(pressed === undefined ? {} : { ariaPressed: pressed ? "true" : "false" })}
      // A disabled vscode-button still lets clicks on its slotted content through.
      onClick={(event: MouseEvent) => {
        if (!disabled) onClick?.(event);
      }}
      {...rest}
    >
      {icon && <Icon name={icon} spin={spin} slot={hasText ? "start" : undefined} />}
      {children}
    </vscode-button>
  );
}

/**
 * Open/closed state of a section, remembered across reloads once the user toggles it. Until then
 * it follows `defaultOpen` (e.g. open while a command runs, closed when it is done).
 */
export function useExpanded(key: string, defaultOpen: boolean): [boolean, () => void] {
  const [userChoice, setUserChoice] = useState<boolean | undefined>(
    () => readViewState().expanded[key],
  );
  const open = userChoice ?? defaultOpen;
  const toggle = useCallback(() => {
    setExpanded(key, !open);
    setUserChoice(!open);
  }, [key, open]);
  return [open, toggle];
}

export function Disclosure({
  open,
  onToggle,
  label,
  children,
  controls,
}: {
  open: boolean;
  onToggle: () => void;
  label: ComponentChildren;
  children?: ComponentChildren;
  controls?: string;
}) {
  return (
    <button
      type="button"
      class="disclosure"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <Icon name={open ? "chevron-down" : "chevron-right"} />
      <span class="disclosure-label">{label}</span>
      {children}
    </button>
  );
}

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = () => {
    request("clipboard/write", { text })
      .then(() => {
        setCopied(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCopied(false), 1500);
      })
      .catch((error: unknown) => reportError(`clipboard/write failed: ${String(error)}`));
  };
  return (
    <Button
      variant="icon"
      icon={copied ? "check" : "copy"}
      aria-label={label ?? t("common.copy")}
      title={copied ? t("common.copied") : (label ?? t("common.copy"))}
      onClick={copy}
    />
  );
}

/**
 * A loading state: the toolkit's progress ring plus a visible label. The ring is hidden from
 * assistive technology (the toolkit makes it an assertive "Loading" alert); the wrapper is the
 * polite status that carries the label.
 */
export function Spinner({ label }: { label: string }) {
  return (
    <span class="spinner" role="status">
      <ProgressRing />
      <span>{label}</span>
    </span>
  );
}

/** Decorative: whatever shows it carries the label. (No `class`: FAST owns the host's class.) */
export function ProgressRing() {
  return <vscode-progress-ring aria-hidden="true" />;
}

export function EmptyState({ icon, children }: { icon: string; children: ComponentChildren }) {
  return (
    <div class="empty-state">
      <Icon name={icon} />
      <div>{children}</div>
    </div>
  );
}

export function ErrorText({ children }: { children: ComponentChildren }) {
  return (
    <div class="error-text" role="alert">
      <Icon name="error" />
      <span>{children}</span>
    </div>
  );
}

/** Status icon for items with codex's usual inProgress/completed/failed/declined lifecycle. */
export function StatusIcon({ status }: { status: string }) {
  switch (status) {
    case "inProgress":
      return <Icon name="loading" spin label={t("status.running")} />;
    case "completed":
      return <Icon name="pass" label={t("status.completed")} />;
    case "failed":
      return <Icon name="error" label={t("status.failed")} />;
    case "declined":
      return <Icon name="circle-slash" label={t("status.declined")} />;
    default:
      return <Icon name="circle-outline" label={status} />;
  }
}

/**
 * A row's duration, or null when there is none worth showing: absent, or rounding to 0 ms. codex
 * counts whole milliseconds, so a command quicker than one reports 0, and "0 ms" says nothing.
 */
export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  if (Math.round(ms) <= 0) return null;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} m ${Math.round(seconds % 60)} s`;
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
