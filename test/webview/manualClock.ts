/**
 * A FrameClock the test moves by hand: time passes only in `advance`, animation frames run only
 * in `frame`, so a test can look at the DOM between any two steps of a paced render.
 */
import type { FrameClock } from "../../webview/markdown/frameClock";

export class ManualClock implements FrameClock {
  private time = 0;
  private handles = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private readonly frames = new Map<number, () => void>();

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): number {
    this.timers.set(++this.handles, { at: this.time + Math.max(0, ms), callback });
    return this.handles;
  }

  clearTimer(handle: number): void {
    this.timers.delete(handle);
  }

  requestFrame(callback: () => void): number {
    this.frames.set(++this.handles, callback);
    return this.handles;
  }

  cancelFrame(handle: number): void {
    this.frames.delete(handle);
  }

  /** Timers set and not yet run or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Animation frame callbacks requested and not yet run or cancelled. */
  get pendingFrames(): number {
    return this.frames.size;
  }

  /** Moves the time on by `ms`, running the timers that fall due on the way, earliest first. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry;
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
  }

  /** Runs one animation frame: the callbacks requested before it (not those they request). */
  frame(): void {
    const due = Array.from(this.frames);
    this.frames.clear();
    for (const [, callback] of due) callback();
  }
}
