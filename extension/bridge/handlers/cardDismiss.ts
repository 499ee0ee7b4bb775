/** `card/dismiss`: Dismisses a slash-command card (`/status`, `/mcp`). */
import { defineHandler } from "./context";

export const cardDismiss = defineHandler("card/dismiss", (context, params) => {
  context.bridge.state.dismissCard(params.cardId);
  return {};
});
