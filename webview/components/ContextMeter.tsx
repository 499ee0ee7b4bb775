/**
 * How full the thread's context window is, as a small ring beside Send (where VS Code's chat and
 * the official Codex extension show it); the numbers are in its tooltip and accessible name.
 */
import { t } from "../l10n";
import { useView } from "../state/store";

const RADIUS = 6;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

function formatTokens(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${Math.round(count / 1_000)}k`;
  return String(count);
}

export function ContextMeter() {
  const usage = useView((view) => view.thread?.tokenUsage ?? null);
  if (!usage?.modelContextWindow) return null;
  const used = usage.last.totalTokens;
  const percent = Math.max(0, Math.min(100, Math.round((used / usage.modelContextWindow) * 100)));
  const level = percent >= 90 ? "high" : percent >= 70 ? "mid" : "low";
  const title = t(
    "usage.context",
    formatTokens(used),
    formatTokens(usage.modelContextWindow),
    formatTokens(usage.total.totalTokens),
  );
  return (
    <span
      class={`context-meter context-meter-${level}`}
      role="meter"
      aria-label={title}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      title={title}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <circle class="context-meter-track" cx="8" cy="8" r={RADIUS} />
        <circle
          class="context-meter-fill"
          cx="8"
          cy="8"
          r={RADIUS}
          stroke-dasharray={`${(percent / 100) * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
          transform="rotate(-90 8 8)"
        />
      </svg>
    </span>
  );
}
