/**
 * The one polling wait for tests: wait for a condition, never for the clock. The deadline only
 * turns a hang into a failure that says what never happened; it is not part of what is tested.
 */
import assert from "node:assert/strict";

/**
 * Polls `check` until it returns something other than `undefined`, `null` or `false`, and
 * resolves with that. `check` may be async. Fails with "timed out after N ms waiting for
 * `what`" (a function is called then, to describe the state at that moment). Keep `timeoutMs`
 * under mocha's own timeout (10 s for unit tests), or mocha fails first, without the message.
 */
export async function waitUntil<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string | (() => string),
  timeoutMs = 20_000,
  pollMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) {
      assert.fail(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
