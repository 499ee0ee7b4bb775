/** `workspace/manageTrust`: VS Code's own trust dialog, from the Restricted Mode notice. */
import { defineHandler } from "./context";

export const workspaceManageTrust = defineHandler("workspace/manageTrust", async (context) => {
  await context.guard.manageWorkspaceTrust();
  return {};
});
