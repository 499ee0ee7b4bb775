import assert from "node:assert/strict";

import {
  rateLimitLines,
  statusBarContent,
  type L10n,
  type SessionStatus,
} from "../../../extension/views/statusBarText";
import { ThreadStates } from "../../../extension/threads/threadStates";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import type { RateLimitSnapshot } from "../../../protocol/webview/viewModel";

/** English, as vscode.l10n.t formats it. */
const l10n: L10n = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
};

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

function limits(primary: number | null, secondary: number | null = null): RateLimitSnapshot {
  const window = (usedPercent: number, windowDurationMins: number, inMinutes: number) => ({
    usedPercent,
    windowDurationMins,
    resetsAt: Math.floor(now / 1000) + inMinutes * 60,
  });
  return {
    limitId: null,
    limitName: null,
    normalModelSlug: null,
    primary: primary === null ? null : window(primary, 300, 42),
    secondary: secondary === null ? null : window(secondary, 10_080, 3 * 24 * 60),
    credits: null,
    individualLimit: null,
    spendControlReached: null,
    planType: null,
    rateLimitReachedType: null,
  };
}

describe("status bar text", () => {
  it("shows each connection state with its codicon and short text", () => {
    const text = (connection: Parameters<typeof statusBarContent>[0]) =>
      statusBarContent(connection, null, l10n, now).text;
    assert.equal(text({ kind: "stopped" }), "$(circle-outline) Codex");
    assert.equal(text({ kind: "starting" }), "$(loading~spin) Codex: starting");
    assert.equal(text({ kind: "ready" }), "$(check) Codex");
    assert.equal(
      text({ kind: "restarting", attempt: 2, reason: "exited" }),
      "$(sync~spin) Codex: restarting",
    );
    assert.equal(
      text({ kind: "failed", reason: "not found", details: [] }),
      "$(error) Codex: failed",
    );
  });

  it("adds the primary window's use when known, with details in the tooltip", () => {
    const content = statusBarContent({ kind: "ready" }, limits(41.6, 12), l10n, now);
    assert.equal(content.text, "$(check) Codex 42%");
    assert.deepEqual(content.tooltip.split("\n"), [
      "Codex: ready",
      "5-hour limit: 42% used (resets in 42 min)",
      "Weekly limit: 12% used (resets in 3 days)",
      "Click for Codex commands",
    ]);
    assert.equal(content.severity, "none");
  });

  it("says why it failed or restarts, with a warning or error background", () => {
    const failed = statusBarContent(
      { kind: "failed", reason: "codex not found", details: [] },
      null,
      l10n,
      now,
    );
    assert.match(failed.tooltip, /codex not found/);
    assert.equal(failed.severity, "error");
    const restarting = statusBarContent(
      { kind: "restarting", attempt: 3, reason: "crashed" },
      null,
      l10n,
      now,
    );
    assert.match(restarting.tooltip, /attempt 3[\s\S]*crashed/);
    assert.equal(restarting.severity, "warning");
  });

  it("formats odd windows and clamps percentages", () => {
    const snapshot = limits(150);
    snapshot.primary!.windowDurationMins = 45;
    snapshot.primary!.resetsAt = null;
    assert.deepEqual(rateLimitLines(snapshot, l10n, now), ["45-minute limit: 100% used"]);
    assert.deepEqual(rateLimitLines(null, l10n, now), []);
  });

  it("tells the real state with the click that helps: signed out, working, approval, reconnecting", () => {
    const ready = { kind: "ready" } as const;
    const idle = {
      account: "signedIn",
      running: 0,
      waitingForApproval: 0,
      reconnecting: false,
    } as const;
    const at = (session: Partial<SessionStatus>) =>
      statusBarContent(ready, null, l10n, now, { ...idle, ...session });
    assert.deepEqual(
      [at({ account: "signedOut" }).text, at({ account: "signedOut" }).command],
      ["$(account) Codex: signed out", "chatgpt.signIn"],
    );
    assert.deepEqual([at({}).text, at({}).command], ["$(check) Codex", "chatgpt.openCommandMenu"]);
    assert.equal(at({ running: 1 }).text, "$(loading~spin) Codex: working");
    assert.equal(at({ running: 3 }).text, "$(loading~spin) Codex: working (3)");
    assert.match(at({ running: 3 }).tooltip, /working in 3 thread/);
    assert.equal(at({ running: 3 }).command, "chatgpt.openSidebar");
    const approval = at({ running: 1, waitingForApproval: 1 });
    assert.deepEqual(
      [approval.text, approval.severity, approval.command],
      ["$(bell-dot) Codex: approval needed", "warning", "chatgpt.openSidebar"],
    );
    assert.equal(at({ running: 1, reconnecting: true }).text, "$(sync~spin) Codex: reconnecting");
    // A failed server outranks everything, and a click restarts it.
    const failed = statusBarContent({ kind: "failed", reason: "x", details: [] }, null, l10n, now, {
      ...idle,
      running: 2,
    });
    assert.deepEqual(
      [failed.text, failed.command],
      ["$(error) Codex: failed", "chatgpt.restartAppServer"],
    );
  });

  it("counts running threads and approvals from codex's thread status notifications", () => {
    const activity = new ThreadStates();
    let changes = 0;
    activity.onDidChange(() => changes++);
    const status = (threadId: string, status: unknown) =>
      activity.handle({
        method: "thread/status/changed",
        params: { threadId, status },
      } as ServerNotification);
    status("a", { type: "active", activeFlags: [] });
    status("b", { type: "active", activeFlags: ["waitingOnApproval"] });
    assert.deepEqual(activity.summary, { running: 2, waitingForApproval: 1, reconnecting: false });
    activity.handle({
      method: "error",
      params: {
        threadId: "a",
        turnId: "u",
        willRetry: true,
        error: {
          message: "Reconnecting... 1/5",
          codexErrorInfo: null,
          additionalDetails: null,
          misalignment: null,
        },
      },
    });
    assert.equal(activity.summary.reconnecting, true);
    const before = changes;
    activity.handle({
      method: "item/agentMessage/delta",
      params: { threadId: "a", turnId: "u", itemId: "m", delta: "hi" },
    } as ServerNotification);
    assert.equal(activity.summary.reconnecting, false);
    assert.equal(changes, before + 1, "the status bar hears of the retry ending");
    status("a", { type: "idle" });
    status("b", { type: "idle" });
    assert.deepEqual(activity.summary, { running: 0, waitingForApproval: 0, reconnecting: false });
  });

  it("goes through l10n for every word", () => {
    const upper: L10n = { t: (message, ...args) => l10n.t(message.toUpperCase(), ...args) };
    assert.equal(
      statusBarContent({ kind: "starting" }, null, upper, now).text,
      "$(loading~spin) CODEX: STARTING",
    );
  });
});
