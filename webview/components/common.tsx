/** Small shared building blocks: icons, buttons, collapsible sections, copy buttons, spinners. */
import type { ComponentChildren, JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { reportError, request } from "../host";
import { t } from "../l10n";
import { readViewState, setExpanded } from "../viewState";

export function Icon({ name, spin, label }: { name: string; spin?: boolean; label?: string }) {
  return (
    <span
      class={`codicon codicon-${name}${spin ? " codicon-modifier-spin" : ""}`}
      aria-hidden={label ? undefined : "true"}
      role={label ? "img" : undefined}
      aria-label={label}
    />
  );
}

type ButtonProps = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "icon" | "link";
  icon?: string;
};

export function Button({
  variant = "secondary",
  icon,
  children,
  class: cls,
  ...rest
}: ButtonProps) {
  return (
    <button type="button" class={`btn btn-${variant}${cls ? ` ${String(cls)}` : ""}`} {...rest}>
      {icon && <Icon name={icon} />}
      {children}
    </button>
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

export function Spinner({ label }: { label: string }) {
  return (
    <span class="spinner" role="status">
      <Icon name="loading" spin />
      <span>{label}</span>
    </span>
  );
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

export function formatDuration(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
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
