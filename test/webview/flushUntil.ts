/**
 * For debounced UI: render (flush) until a condition holds, instead of sleeping past the
 * debounce. The deadline only turns a hang into a failure.
 */
import { waitUntil } from "../support/waitUntil";
import { flush } from "./harness";

export function flushUntil<T>(check: () => T | undefined | null | false, what: string): Promise<T> {
  return waitUntil(
    async () => {
      await flush();
      return check();
    },
    what,
    5_000,
    5,
  );
}
