/** `account/login`: Starts a sign-in (API key, browser or device code). The key is passed through, never kept. */
import { defineHandler } from "./context";

export const accountLogin = defineHandler("account/login", async (context, params) => {
  await context.bridge.account.login(params);
  return {};
});
