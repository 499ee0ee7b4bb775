/** `appServer/restart`: Restarts the codex app-server (the banner's Restart). */
import { defineHandler } from "./context";

export const appServerRestart = defineHandler("appServer/restart", async (context) => {
  await context.restartAppServer();
  return {};
});
