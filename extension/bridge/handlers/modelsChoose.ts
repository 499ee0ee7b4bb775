/** `models/choose`: Chooses model, effort or mode (full access asks first). */
import { defineHandler } from "./context";

export const modelsChoose = defineHandler("models/choose", async (context, params) => ({
  applied: await context.bridge.models.choose(params),
}));
