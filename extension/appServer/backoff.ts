/**
 * Capped exponential backoff with jitter, and a small retry loop built on it. Randomness and
 * sleeping are injectable so tests are deterministic.
 */

/**
 * - `full`: uniform in [0, min(max, initial * factor^attempt)] (AWS "full jitter").
 * - `decorrelated`: uniform in [initial, min(max, previous * 3)] (AWS "decorrelated jitter").
 * - `none`: the exponential ceiling itself.
 */
export type Jitter = "full" | "decorrelated" | "none";

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Default "full". */
  jitter?: Jitter;
}

/**
 * The delay before retry number `attempt` (0 = the first retry). `previousMs` is the last delay
 * returned, used by decorrelated jitter (defaults to `initialMs`).
 */
export function computeBackoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
  previousMs?: number,
): number {
  const { initialMs, maxMs } = options;
  const factor = options.factor ?? 2;
  const jitter = options.jitter ?? "full";
  const cap = Math.max(0, maxMs);
  if (jitter === "decorrelated") {
    const low = Math.min(initialMs, cap);
    const high = Math.min(cap, Math.max(low, (previousMs ?? initialMs) * 3));
    return low + clamp01(random()) * (high - low);
  }
  // Math.pow overflows to Infinity for large attempts; min() keeps it capped.
  const ceiling = Math.min(cap, initialMs * Math.pow(factor, Math.max(0, attempt)));
  return jitter === "none" ? ceiling : clamp01(random()) * ceiling;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

export interface RetryOptions extends BackoffOptions {
  /** Total attempts including the first (>= 1). */
  maxAttempts: number;
  /** Whether to retry after `error` from attempt `attempt` (0-based). Default: always. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before sleeping `delayMs` ahead of the next attempt. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops retrying: a pending sleep ends and the last error is thrown. */
  signal?: AbortSignal;
}

/** Runs `fn` until it resolves, `shouldRetry` says no, attempts run out or `signal` aborts. */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
  let previous: number | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const last = attempt + 1 >= maxAttempts;
      if (last || options.signal?.aborted || !(options.shouldRetry?.(error, attempt) ?? true)) {
        throw error;
      }
      const delay = computeBackoffDelay(attempt, options, options.random, previous);
      previous = delay;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}

/** setTimeout as a promise; resolves early (never rejects) when `signal` aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
