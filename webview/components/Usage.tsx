/** The account's rate limits, as compact meters (the context window is beside Send: ContextMeter). */
import type { RateLimitWindow } from "../../protocol/codex/v2/RateLimitWindow";
import { t } from "../l10n";
import { useView } from "../state/store";

function Meter({ percent, label, title }: { percent: number; label: string; title: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const level = clamped >= 90 ? "high" : clamped >= 70 ? "mid" : "low";
  return (
    <span class="meter" title={title}>
      <span class="meter-label">{label}</span>
      <span
        class={`meter-bar meter-${level}`}
        role="meter"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
      >
        <span class="meter-fill" style={{ width: `${clamped}%` }} />
      </span>
    </span>
  );
}

function windowTitle(name: string, window: RateLimitWindow): string {
  const resets =
    window.resetsAt !== null
      ? t("usage.resetsAt", new Date(window.resetsAt * 1000).toLocaleString())
      : "";
  return `${t("usage.rateLimit", name, Math.round(window.usedPercent))}${resets ? ` — ${resets}` : ""}`;
}

export function Usage() {
  const limits = useView((view) => view.rateLimits);
  const meters = [];
  if (limits?.primary)
    meters.push(
      <Meter
        key="primary"
        percent={limits.primary.usedPercent}
        label={t("usage.primaryShort")}
        title={windowTitle(t("usage.primary"), limits.primary)}
      />,
    );
  if (limits?.secondary)
    meters.push(
      <Meter
        key="secondary"
        percent={limits.secondary.usedPercent}
        label={t("usage.secondaryShort")}
        title={windowTitle(t("usage.secondary"), limits.secondary)}
      />,
    );
  if (meters.length === 0) return null;
  return <div class="usage">{meters}</div>;
}
