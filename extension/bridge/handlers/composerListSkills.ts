/** `composer/listSkills`: The skills codex knows for this workspace, for the `$` menu. */
import { defineHandler } from "./context";

export const composerListSkills = defineHandler("composer/listSkills", async (context) => ({
  skills: await context.bridge.skills.list(),
}));
