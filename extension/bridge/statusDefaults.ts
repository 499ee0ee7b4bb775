/**
 * What is known of codex before the first use: stopped, account unknown, no rate limits. A new
 * chat state starts from it (chatState.ts) and the status bar shows it until the sidebar's
 * bridge exists. A module without dependencies, so the status bar (dist/host.js) does not pull
 * chatState.ts out of dist/chat.js.
 */
import type { ChatViewState } from "../../protocol/webview/viewModel";

export type StatusView = Pick<ChatViewState, "connection" | "account" | "rateLimits">;

export function statusBeforeFirstUse(): StatusView {
  return { connection: { kind: "stopped" }, account: { status: "unknown" }, rateLimits: null };
}
