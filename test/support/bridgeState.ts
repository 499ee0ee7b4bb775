/**
 * Waiting on and reading a ChatBridge's state in protocol tests: every wait is on a condition,
 * with a deadline and the state in the failure message.
 */
import type { ChatBridge } from "../../extension/bridge/bridge";
import type { ApprovalView, ChatViewState, ThreadItem } from "../../protocol/webview/viewModel";

export function waitForState(
  bridge: ChatBridge,
  predicate: (state: ChatViewState) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<ChatViewState> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate(bridge.state.snapshot)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(bridge.state.snapshot);
    };
    const timer = setTimeout(() => {
      subscription.dispose();
      const state = JSON.stringify(bridge.state.snapshot).slice(0, 3_000);
      reject(new Error(`timed out waiting for ${what}; state: ${state}`));
    }, timeoutMs);
    const subscription = bridge.state.onDidChange(check);
    check();
  });
}

export const lastTurn = (state: ChatViewState) => state.thread?.turns.at(-1);

/** At least `count` turns, the last of them finished. */
export const turnsDone = (count: number) => (state: ChatViewState) =>
  (state.thread?.turns.length ?? 0) >= count && lastTurn(state)?.status !== "inProgress";

export const pendingApproval = (state: ChatViewState): ApprovalView | undefined =>
  state.approvals.find((approval) => approval.status === "pending");

export function itemsOf<T extends ThreadItem["type"]>(
  state: ChatViewState,
  type: T,
): Extract<ThreadItem, { type: T }>[] {
  return (state.thread?.turns ?? []).flatMap((turn) =>
    turn.items.filter((item): item is Extract<ThreadItem, { type: T }> => item.type === type),
  );
}
