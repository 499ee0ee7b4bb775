/**
 * `account/login`: starts a sign-in (API key, browser or device code). The key is passed
 * through, never kept. Replacing a signed-in account with a key needs the user's native
 * confirmation: the webview alone must not be able to swap in someone else's key.
 */
import { defineHandler } from "./context";

export const accountLogin = defineHandler("account/login", async (context, params) => {
  const signedIn = context.bridge.state.snapshot.account.status === "signedIn";
  if (params.method === "apiKey" && signedIn) {
    if (!(await context.guard.confirmAccountChange("replaceSignIn"))) return {};
  }
  await context.bridge.account.login(params);
  return {};
});
