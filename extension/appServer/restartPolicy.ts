/**
 * When the supervisor tries again after the app-server died or failed to start, and when it gives
 * up: too many failures within a window, or too many starts in a row that never became ready.
 */
import { computeBackoffDelay, type BackoffOptions } from "./backoff";
import { l10n } from "../l10n";

export interface RestartPolicyOptions {
  /** Restart delays. Default 500 ms doubling up to 30 s, full jitter. */
  backoff?: BackoffOptions;
  /** Give up after this many failures within `failureWindowMs`. Default 5 in 60 s. */
  maxFailuresInWindow?: number;
  failureWindowMs?: number;
  /** Give up after this many starts in a row that never became ready. Default 3. */
  maxConsecutiveStartFailures?: number;
  random?: () => number;
}

export type RestartDecision =
  { giveUp: string } | { giveUp?: undefined; attempt: number; delayMs: number };

const DEFAULTS = {
  backoff: { initialMs: 500, maxMs: 30_000, factor: 2, jitter: "full" } satisfies BackoffOptions,
  maxFailuresInWindow: 5,
  failureWindowMs: 60_000,
  maxConsecutiveStartFailures: 3,
};

export class RestartPolicy {
  private failureTimes: number[] = [];
  private consecutiveStartFailures = 0;

  constructor(private readonly options: RestartPolicyOptions) {}

  /** A start became ready. */
  ready(): void {
    this.consecutiveStartFailures = 0;
  }

  /** The user asked for a restart: past failures are forgotten. */
  reset(): void {
    this.failureTimes = [];
    this.consecutiveStartFailures = 0;
  }

  /** The app-server stopped (or, with `duringStart`, never became ready) because of `reason`. */
  failed(reason: string, duringStart: boolean): RestartDecision {
    if (duringStart) this.consecutiveStartFailures++;
    const now = Date.now();
    const windowMs = this.options.failureWindowMs ?? DEFAULTS.failureWindowMs;
    this.failureTimes = [...this.failureTimes.filter((t) => now - t < windowMs), now];
    const maxInWindow = this.options.maxFailuresInWindow ?? DEFAULTS.maxFailuresInWindow;
    const maxStarts =
      this.options.maxConsecutiveStartFailures ?? DEFAULTS.maxConsecutiveStartFailures;
    if (this.consecutiveStartFailures >= maxStarts) {
      const times = this.consecutiveStartFailures;
      return {
        giveUp:
          times === 1
            ? l10n.t("codex app-server failed to start (1 attempt). Last error: {0}", reason)
            : l10n.t(
                "codex app-server failed to start ({0} attempts in a row). Last error: {1}",
                times,
                reason,
              ),
      };
    }
    if (this.failureTimes.length >= maxInWindow) {
      return {
        giveUp: l10n.t(
          "codex app-server failed {0} times within {1} s; not restarting it again. Last error: {2}",
          this.failureTimes.length,
          Math.round(windowMs / 1000),
          reason,
        ),
      };
    }
    // Attempts count failures in the window, so a child that crashes right after every ready
    // still backs off further each time.
    const attempt = this.failureTimes.length;
    const backoff = this.options.backoff ?? DEFAULTS.backoff;
    const delayMs = Math.round(
      Math.max(
        backoff.initialMs / 2,
        computeBackoffDelay(attempt - 1, backoff, this.options.random),
      ),
    );
    return { attempt, delayMs };
  }
}
