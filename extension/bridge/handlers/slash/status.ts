/**
 * `/status`: a card with the thread id, its context usage, the rate limits and the account.
 * Rate limits are read fresh when codex has them (`account/rateLimits/read`); an account without
 * any (an API key, a custom provider) shows none.
 */
import type { RateLimitSnapshot } from "../../../../protocol/codex/v2/RateLimitSnapshot";
import type { ChatViewState, StatusCardView } from "../../../../protocol/webview/viewModel";
import { nextCardId, type SlashHandler } from "./types";

/** The card for `state`, with `rateLimits` when they were read. */
export function statusCard(
  state: ChatViewState,
  rateLimits: RateLimitSnapshot | null,
  id = nextCardId("status"),
): StatusCardView {
  const thread = state.thread;
  const choice = state.modelChoice;
  return {
    id,
    kind: "status",
    threadId: thread?.id ?? null,
    cwd: thread?.cwd ?? null,
    model: choice.model ?? choice.models.find((model) => model.isDefault)?.model ?? null,
    mode: choice.mode,
    tokenUsage: thread?.tokenUsage ?? null,
    rateLimits: rateLimits ?? state.rateLimits,
    account: state.account,
  };
}

export const status: SlashHandler = async (context) => {
  const { state, port } = context.bridge;
  let rateLimits: RateLimitSnapshot | null = null;
  const account = state.snapshot.account;
  if (account.status === "signedIn" && account.account.type === "chatgpt") {
    try {
      rateLimits = (
        await port.request("account/rateLimits/read", { excludeResetCreditDetails: true })
      ).rateLimits;
      state.setRateLimits(rateLimits);
    } catch {
      // Shown from the last `account/rateLimits/updated`, if any.
    }
  }
  state.showCard(statusCard(state.snapshot, rateLimits));
};
