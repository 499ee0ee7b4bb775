/**
 * What the Codex status bar item shows, derived purely from the connection state, the account,
 * what the threads are doing and the last rate-limit snapshot: the real state (signed out,
 * starting, ready, working, waiting for approval, reconnecting, failed), each with the click that
 * helps. The strings go through the `l10n` passed in (`vscode.l10n` in the
 * extension), so this stays free of `vscode` and is unit-tested.
 */
import type {
  AccountView,
  ConnectionView,
  RateLimitSnapshot,
} from "../../protocol/webview/viewModel";
import type { L10n } from "../l10n";
import type { ActivitySummary } from "../threads/threadStates";

export type { L10n };

export interface StatusBarContent {
  /** With a leading `$(codicon)`. */
  text: string;
  /** Plain text, one fact per line. */
  tooltip: string;
  /** `error` / `warning` backgrounds for a failed / restarting server. */
  severity: "none" | "warning" | "error";
  /** What a click does: the action that helps in this state. */
  command: StatusBarCommand;
}

export type StatusBarCommand =
  "chatgpt.openCommandMenu" | "chatgpt.openSidebar" | "chatgpt.signIn" | "chatgpt.restartAppServer";

/** The account and the threads, beside the connection. Absent: signed in and idle. */
export interface SessionStatus extends ActivitySummary {
  account: AccountView["status"];
}

const IDLE: SessionStatus = {
  account: "signedIn",
  running: 0,
  waitingForApproval: 0,
  reconnecting: false,
};

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
  session: SessionStatus = IDLE,
): StatusBarContent {
  const usage = rateLimits?.primary ? ` ${percent(rateLimits.primary.usedPercent)}%` : "";
  const limits = rateLimitLines(rateLimits, l10n, now);
  const menu = l10n.t("Click for Codex commands");
  const show = l10n.t("Click to show Codex");
  switch (connection.kind) {
    case "stopped":
      return {
        text: `$(circle-outline) ${l10n.t("Codex")}`,
        tooltip: [l10n.t("Codex: not started yet"), show].join("\n"),
        severity: "none",
        command: "chatgpt.openSidebar",
      };
    case "starting":
      return {
        text: `$(loading~spin) ${l10n.t("Codex: starting")}`,
        tooltip: [l10n.t("Codex: starting the app server…"), show].join("\n"),
        severity: "none",
        command: "chatgpt.openSidebar",
      };
    case "restarting":
      return {
        text: `$(sync~spin) ${l10n.t("Codex: restarting")}`,
        tooltip: [
          l10n.t("Codex: restarting the app server (attempt {0})", connection.attempt),
          connection.reason,
          show,
        ].join("\n"),
        severity: "warning",
        command: "chatgpt.openSidebar",
      };
    case "failed":
      return {
        text: `$(error) ${l10n.t("Codex: failed")}`,
        tooltip: [
          l10n.t("Codex: the app server failed"),
          connection.reason,
          l10n.t("Click to restart Codex"),
        ].join("\n"),
        severity: "error",
        command: "chatgpt.restartAppServer",
      };
    case "ready":
      return readyContent(session, usage, limits, l10n, menu, show);
  }
}

function readyContent(
  session: SessionStatus,
  usage: string,
  limits: string[],
  l10n: L10n,
  menu: string,
  show: string,
): StatusBarContent {
  if (session.account === "signedOut" || session.account === "signingIn") {
    return {
      text: `$(account) ${l10n.t("Codex: signed out")}`,
      tooltip: [l10n.t("Codex: not signed in"), l10n.t("Click to sign in")].join("\n"),
      severity: "none",
      command: "chatgpt.signIn",
    };
  }
  if (session.account === "unknown") {
    return {
      text: `$(loading~spin) ${l10n.t("Codex: starting")}`,
      tooltip: [l10n.t("Codex: checking your account…"), show].join("\n"),
      severity: "none",
      command: "chatgpt.openSidebar",
    };
  }
  if (session.waitingForApproval > 0) {
    return {
      text: `$(bell-dot) ${l10n.t("Codex: approval needed")}`,
      tooltip: [
        l10n.t("Codex is waiting for your approval in {0} thread(s)", session.waitingForApproval),
        show,
      ].join("\n"),
      severity: "warning",
      command: "chatgpt.openSidebar",
    };
  }
  if (session.reconnecting) {
    return {
      text: `$(sync~spin) ${l10n.t("Codex: reconnecting")}`,
      tooltip: [l10n.t("Codex cannot reach the model and is retrying"), show].join("\n"),
      severity: "warning",
      command: "chatgpt.openSidebar",
    };
  }
  if (session.running > 0) {
    const count = session.running > 1 ? ` (${session.running})` : "";
    return {
      text: `$(loading~spin) ${l10n.t("Codex: working")}${count}`,
      tooltip: [l10n.t("Codex is working in {0} thread(s)", session.running), ...limits, show].join(
        "\n",
      ),
      severity: "none",
      command: "chatgpt.openSidebar",
    };
  }
  return {
    text: `$(check) ${l10n.t("Codex")}${usage}`,
    tooltip: [l10n.t("Codex: ready"), ...limits, menu].join("\n"),
    severity: "none",
    command: "chatgpt.openCommandMenu",
  };
}
