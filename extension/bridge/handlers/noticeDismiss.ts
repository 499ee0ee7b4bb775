/** `notice/dismiss`: Dismisses a notice; `forever` also silences its kind ("Don't show again"). */
import { defineHandler } from "./context";

export const noticeDismiss = defineHandler("notice/dismiss", (context, params) => {
  context.bridge.state.dismissNotice(params.noticeId, params.forever ?? false);
  return {};
});
