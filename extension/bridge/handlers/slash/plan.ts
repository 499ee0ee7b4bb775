/**
 * `/plan [task]`: switches to Plan mode (codex's plan collaboration mode, read-only); with a
 * task, the task goes out at once as the first plan turn.
 */
import type { SlashHandler } from "./types";

export const plan: SlashHandler = async (context, args) => {
  const { models, threads, state } = context.bridge;
  if (state.snapshot.modelChoice.mode !== "plan") {
    if (!(await models.choose({ mode: "plan" }))) return;
  }
  const task = args[0];
  if (task) await threads.send(task, []);
};
