/**
 * The code-server harness (scripts/lib) for the bench: a staged copy of the built extension and
 * typed access to the .mjs helpers.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Frame, Page } from "playwright-core";

import { report, skipped } from "./report";

export const REPO = path.resolve(__dirname, "../..");

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function harness(): Promise<{
  codeServer: any;
  browser: any;
}> {
  const codeServer = await import(path.join(REPO, "scripts/lib/codeServer.mjs"));
  const browser = await import(path.join(REPO, "scripts/lib/browser.mjs"));
  return { codeServer, browser };
}

/**
 * The harness with code-server installed, or null once metric `metric` reported its row `name`
 * as skipped (code-server cannot be installed here).
 */
export async function codeServerHarness(
  metric: string,
  name: string,
  target: string,
): Promise<{ codeServer: any; browser: any } | null> {
  const tools = await harness();
  const installed = await tools.codeServer
    .ensureCodeServer({ log: () => undefined })
    .catch((e: Error) => e);
  if (!(installed instanceof Error)) return tools;
  report(metric, [
    skipped(name, target, `code-server is not available: ${installed.message.split("\n")[0]}`),
  ]);
  return null;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const EXTENSION_ID = "codex-oss.codex-vscode";

/** Opens the Codex sidebar in the workbench: its webview's content frame, the composer shown. */
export async function openSidebar(page: Page): Promise<Frame> {
  await page.click('.part.activitybar [aria-label="Codex"]', { timeout: 60_000 });
  const outer = page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`);
  const inner = await outer.locator("iframe#active-frame").elementHandle({ timeout: 90_000 });
  const frame = await inner!.contentFrame();
  if (!frame) throw new Error("no webview content frame");
  await frame.waitForSelector("textarea.composer-input", { timeout: 60_000 });
  return frame;
}

/**
 * A copy of the extension as a VSIX would install it (manifest, dist/, media/, l10n/), with
 * `activationEvents` emptied so nothing activates it before the bench does: a view or command of
 * ours is not used, so the extension stays inactive until the runner calls activate().
 */
export function stageExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "codex-bench-ext-"));
  for (const entry of ["dist", "media", "l10n", "LICENSE", "README.md"]) {
    const from = path.join(REPO, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  for (const file of ["package.nls.json", "package.nls.de.json", "package.nls.ja.json"]) {
    const from = path.join(REPO, file);
    if (existsSync(from)) cpSync(from, path.join(dir, file));
  }
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  manifest.activationEvents = [];
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  return dir;
}
