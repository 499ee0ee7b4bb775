// Playwright (playwright-core) + Debian's Chromium driving the code-server web workbench.
import { existsSync } from "node:fs";
import { format } from "node:util";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export const WORKBENCH_READY_SELECTOR = ".monaco-workbench .part.activitybar";

/**
 * Launches Debian's Chromium. Playwright's `launch()` always starts it with a fresh temporary
 * profile (`--user-data-dir` in a new temp dir) and deletes it on `browser.close()`; passing
 * `--user-data-dir` in `args` yourself is rejected by Playwright.
 * @param {{ headless?: boolean, args?: string[], executablePath?: string }} [options]
 * @returns {Promise<import("playwright-core").Browser>}
 */
export async function launchChromium({
  headless = true,
  args = [],
  executablePath = CHROMIUM_PATH,
} = {}) {
  if (!existsSync(executablePath)) {
    throw new Error(
      `${executablePath} not found; run ensureDebianPackages() from scripts/lib/systemDeps.mjs ` +
        `(apt-get install -y --no-install-recommends chromium)`,
    );
  }
  return chromium.launch({
    executablePath,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
    // Playwright's defaults (handleSIGINT/SIGTERM/SIGHUP) kill the browser on Ctrl+C.
  });
}

/**
 * Opens `url` in a new context and waits until the workbench's activity bar is rendered.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {{ timeoutMs?: number, viewport?: { width: number, height: number },
 *   beforeGoto?: (page: import("playwright-core").Page) => Promise<void> }} [options]
 * @returns {Promise<import("playwright-core").Page>}
 */
export async function openWorkbench(
  browser,
  url,
  { timeoutMs = 60_000, viewport = { width: 1400, height: 900 }, beforeGoto } = {},
) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url, { timeout: timeoutMs });
  await page.waitForSelector(WORKBENCH_READY_SELECTOR, { timeout: timeoutMs });
  return page;
}

/**
 * The content frame of a webview (panel or view) contributed by `extensionId`
 * ("<publisher>.<name>"). Webviews are two nested iframes; the inner one holds the HTML.
 * A webview view resolves only while its container is visible (click the activity-bar icon or
 * run `workbench.view.extension.<containerId>`).
 * @param {import("playwright-core").Page} page
 * @param {string} extensionId
 * @returns {import("playwright-core").FrameLocator}
 */
export function webviewFrame(page, extensionId) {
  return page
    .frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`)
    .frameLocator("iframe#active-frame");
}

/** Workbench chatter that codeAutomationLog forwards along with the extension host's console. */
export const WORKBENCH_LOG_NOISE = [
  /Ignoring fetching additional builtin extensions/,
  /Updating additional builtin extensions cache/,
  /Resolv(ing|ed) connection token/,
  /Creating a socket \(/,
  /\[Service Worker\] registered/,
  /ChatSessionStore: Migrating/,
  /Long running operations during shutdown are unsupported in the web/,
  /Unable to read file '.*' \(Canceled: Canceled\)/, // reads cut off by the shutdown
];

/**
 * Runs the extension tests given to startCodeServer({ extensionTestsPath }) inside the real
 * extension host and resolves with their exit code (0 = passed). The extension host starts only
 * when a browser connects, so this opens the workbench. A wrong payload hangs silently, hence the
 * hard time limit.
 * @param {{
 *   codeServer: { workbenchUrl: (extra?: Array<[string, string]>) => string, logs: () => string },
 *   browser: import("playwright-core").Browser,
 *   timeoutMs?: number,
 *   extraPayload?: Array<[string, string]>,
 *   log?: (line: string) => void,
 *   logFilter?: ((line: string) => boolean) | null,
 * }} options
 * `logFilter` returns false for lines to drop; the default drops WORKBENCH_LOG_NOISE, `null`
 * forwards everything.
 * @returns {Promise<number>}
 */
export async function runExtensionTests({
  codeServer,
  browser,
  timeoutMs = 120_000,
  extraPayload = [],
  log = (line) => process.stdout.write(line + "\n"),
  logFilter = (line) => !WORKBENCH_LOG_NOISE.some((re) => re.test(line)),
}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  let timer;
  try {
    const page = await context.newPage();
    const exitCode = new Promise((resolveExit, rejectExit) => {
      // Both must be exposed BEFORE page.goto: the workbench looks them up at startup.
      Promise.all([
        page.exposeFunction("codeAutomationExit", (code) => {
          resolveExit(Number(code));
        }),
        page.exposeFunction("codeAutomationLog", (type, args) => {
          const text = format(...(Array.isArray(args) ? args : [args]));
          const line = type && type !== "log" ? `[${type}] ${text}` : text;
          if (!logFilter || logFilter(line)) log(line);
        }),
      ])
        .then(() => page.goto(codeServer.workbenchUrl(extraPayload), { timeout: timeoutMs }))
        .catch(rejectExit);
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const serverTail = codeServer.logs().trimEnd().split("\n").slice(-30).join("\n");
        reject(
          new Error(
            `extension tests did not report an exit code within ${timeoutMs} ms ` +
              `(wrong extensionTestsPath/payload, or a test that never settles). ` +
              `code-server log tail:\n${serverTail}`,
          ),
        );
      }, timeoutMs);
    });
    return await Promise.race([exitCode, timeout]);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}
