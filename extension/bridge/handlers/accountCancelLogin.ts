/** `account/cancelLogin`: Cancels a sign-in in progress. */
import { defineHandler } from "./context";

export const accountCancelLogin = defineHandler("account/cancelLogin", async (context) => {
  await context.bridge.account.cancelLogin();
  return {};
});
