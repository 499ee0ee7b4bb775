/**
 * Debian's Chromium as the TypeScript tests and benchmarks launch it (scripts/lib/browser.mjs
 * holds the same for the .mjs harness). Background networking is off because this machine's
 * closed network refuses those connections, many at a time.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
