/**
 * What the Codex status bar item shows, derived purely from the connection state and the last
 * rate-limit snapshot. The strings go through the `l10n` passed in (`vscode.l10n` in the
 * extension), so this stays free of `vscode` and is unit-tested.
 */
import type { ConnectionView, RateLimitSnapshot } from "../../protocol/webview/viewModel";
import type { L10n } from "../l10n";

export type { L10n };

export interface StatusBarContent {
  /** With a leading `$(codicon)`. */
  text: string;
  /** Plain text, one fact per line. */
  tooltip: string;
  /** `error` / `warning` backgrounds for a failed / restarting server. */
  severity: "none" | "warning" | "error";
}

function percent(value: number): number {
  return Math.max(0, Math.min(100, Math.round(value)));
}

function windowLabel(minutes: number | null, l10n: L10n): string {
  if (minutes === null || minutes <= 0) return l10n.t("Rate limit");
  if (minutes % (60 * 24 * 7) === 0) return l10n.t("Weekly limit");
  if (minutes % 60 === 0) return l10n.t("{0}-hour limit", minutes / 60);
  return l10n.t("{0}-minute limit", minutes);
}

function resetText(resetsAt: number | null, now: number, l10n: L10n): string | null {
  if (resetsAt === null) return null;
  const minutes = Math.max(0, Math.round((resetsAt * 1000 - now) / 60_000));
  if (minutes < 60) return l10n.t("resets in {0} min", minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return l10n.t("resets in {0} h", hours);
  return l10n.t("resets in {0} days", Math.round(hours / 24));
}

/** Tooltip lines for the rate-limit windows codex reported. */
export function rateLimitLines(
  rateLimits: RateLimitSnapshot | null,
  l10n: L10n,
  now = Date.now(),
): string[] {
  const lines: string[] = [];
  for (const window of [rateLimits?.primary, rateLimits?.secondary]) {
    if (!window) continue;
    const reset = resetText(window.resetsAt, now, l10n);
    const used = l10n.t(
      "{0}: {1}% used",
      windowLabel(window.windowDurationMins, l10n),
      percent(window.usedPercent),
    );
    lines.push(reset ? `${used} (${reset})` : used);
  }
  return lines;
}

export function statusBarContent(
  connection: ConnectionView,
  rateLimits: RateLimitSnapshot | null,
  l10n: L10n,
  now = Date.now(),
): StatusBarContent {
  const usage = rateLimits?.primary ? ` ${percent(rateLimits.primary.usedPercent)}%` : "";
  const limits = rateLimitLines(rateLimits, l10n, now);
  const footer = l10n.t("Click for Codex commands");
  switch (connection.kind) {
    case "stopped":
      return {
        text: `$(circle-outline) ${l10n.t("Codex")}`,
        tooltip: [l10n.t("Codex: not started yet"), footer].join("\n"),
        severity: "none",
      };
    case "starting":
      return {
        text: `$(loading~spin) ${l10n.t("Codex: starting")}`,
        tooltip: [l10n.t("Codex: starting the app server…"), footer].join("\n"),
        severity: "none",
      };
    case "ready":
      return {
        text: `$(check) ${l10n.t("Codex")}${usage}`,
        tooltip: [l10n.t("Codex: ready"), ...limits, footer].join("\n"),
        severity: "none",
      };
    case "restarting":
      return {
        text: `$(sync~spin) ${l10n.t("Codex: restarting")}`,
        tooltip: [
          l10n.t("Codex: restarting the app server (attempt {0})", connection.attempt),
          connection.reason,
          footer,
        ].join("\n"),
        severity: "warning",
      };
    case "failed":
      return {
        text: `$(error) ${l10n.t("Codex: failed")}`,
        tooltip: [l10n.t("Codex: the app server failed"), connection.reason, footer].join("\n"),
        severity: "error",
      };
  }
}
