/**
 * Debian's Chromium as the TypeScript tests and benchmarks launch it (scripts/lib/browser.mjs
 * holds the same for the .mjs harness). Background networking is off because this machine's
 * closed network refuses those connections, many at a time.
 */
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Throws (the test fails, it is not skipped) when Chromium is not installed. */
export function requireChromium(path: string = CHROMIUM_PATH): void {
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is missing at ${path}: run \`node scripts/ci-prepare.mjs\` (it installs the system packages of scripts/lib/systemDeps.mjs).`,
    );
  }
}

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
