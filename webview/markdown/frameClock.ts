/**
 * The time, timers and animation frames streamed markdown is paced by (components/Markdown.tsx).
 * One interface, so tests can drive the pace step by step instead of waiting on the clock: the
 * app takes it as a start option (bootstrap.tsx), and the markdown reads it from FrameClockContext.
 */
import { createContext } from "preact";

export interface FrameClock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimer(callback: () => void, ms: number): number;
  clearTimer(handle: number): void;
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

/** One frame at 60 Hz, for a page without animation frames (component tests). */
const FALLBACK_FRAME_MS = 16;

export const browserClock: FrameClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms) as unknown as number,
  clearTimer: (handle) => clearTimeout(handle),
  requestFrame: (callback) =>
    typeof requestAnimationFrame === "function"
      ? requestAnimationFrame(callback)
      : (setTimeout(callback, FALLBACK_FRAME_MS) as unknown as number),
  cancelFrame: (handle) => {
    if (typeof cancelAnimationFrame === "function") cancelAnimationFrame(handle);
    else clearTimeout(handle);
  },
};

/** The clock of the markdown under it: the browser's, unless the app was started with another. */
export const FrameClockContext = createContext<FrameClock>(browserClock);
