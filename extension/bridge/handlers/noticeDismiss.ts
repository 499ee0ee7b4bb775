/** `notice/dismiss`: Dismisses a notice. */
import { defineHandler } from "./context";

export const noticeDismiss = defineHandler("notice/dismiss", (context, params) => {
  context.bridge.state.dismissNotice(params.noticeId);
  return {};
});
