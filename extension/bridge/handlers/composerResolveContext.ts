/** `composer/resolveContext`: the attachment for a picked `@problems`, `@terminal`, `@changes`, `@selection` or line range. */
import { defineHandler } from "./context";

export const composerResolveContext = defineHandler(
  "composer/resolveContext",
  async (context, params) =>
    (await context.contextMentions?.resolve(params)) ?? { attachment: null },
);
