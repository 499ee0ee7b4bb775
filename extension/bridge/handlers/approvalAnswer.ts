/** `approval/answer`: Answers a pending approval with the user's decision. */
import { defineHandler } from "./context";

export const approvalAnswer = defineHandler("approval/answer", (context, params) => {
  context.bridge.approvals.answer(params.approvalId, params.answer);
  return {};
});
