/** `plan/comment`: a comment on one plan step (empty removes it), sent with the next message. */
import { withPlanComment } from "../planMode";
import { defineHandler } from "./context";

export const planComment = defineHandler("plan/comment", async (context, params) => {
  const { state } = context.bridge;
  const thread = state.thread;
  if (!thread) return {};
  state.editThread(thread.id, {
    type: "planCommentsChanged",
    comments: withPlanComment(thread.planComments ?? [], params),
  });
  return {};
});
