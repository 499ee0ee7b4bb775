/** The chat's code (extension/chat.ts), loaded on the first call rather than at activation. */
import type * as Chat from "./chat";

export function loadChat(): typeof Chat {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("./chat") as typeof Chat;
}
