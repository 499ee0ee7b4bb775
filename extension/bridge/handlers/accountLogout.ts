/** `account/logout`: signs out, once the user confirms it in a native dialog. */
import { describeError } from "../../appServer/errors";
import { ChannelRequestError } from "../../../protocol/webview/channel";
import { l10n } from "../../l10n";
import { defineHandler } from "./context";

export const accountLogout = defineHandler("account/logout", async (context) => {
  if (!(await context.guard.confirmAccountChange("signOut"))) return {};
  try {
    await context.bridge.account.logout();
  } catch (error) {
    throw new ChannelRequestError(l10n.t("Could not sign out: {0}", describeError(error)));
  }
  return {};
});
