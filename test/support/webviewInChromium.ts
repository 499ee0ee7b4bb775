/**
 * The real webview in headless Chromium, for the tests that need a browser's layout, scrolling
 * or security model: the bundle built from the current sources as scripts/build.mjs makes it,
 * served from 127.0.0.1 under the production HTML and CSP of extension/views/webviewHtml.ts, with
 * the test's stub of the VS Code API (`acquireVsCodeApi`) run before the bundle.
 *
 * Fails, never skips, without Chromium (requireChromium).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";

import * as esbuild from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

import { buildWebviewHtml } from "../../extension/views/webviewHtml";
import { webviewBuild } from "../../scripts/build.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireChromium } from "./chromium";

const NONCE = "dGVzdC1ub25jZS0xMjM0NQ==";
/** tsx (esbuild keepNames) wraps functions the tests hand to page.evaluate in `__name(...)`. */
const PRELUDE = "globalThis.__name = (f) => f;";

/** A stub that records what the webview posts in `window.__posted` (as JSON would carry it). */
export const RECORDING_STUB = `
window.__posted = [];
window.acquireVsCodeApi = () => ({
  postMessage(message) { window.__posted.push(JSON.parse(JSON.stringify(message))); },
  getState() { return undefined; },
  setState() {},
});`;

export interface ServedWebview {
  /** The page's origin (http://127.0.0.1:port). */
  origin: string;
  browser: Browser;
  /** Stops the browser and the server and removes the build. */
  close(): Promise<void>;
}

/** The webview as scripts/build.mjs builds it for dist/, into `outDir`. */
async function buildBundle(outDir: string): Promise<void> {
  await esbuild.build({
    ...webviewBuild,
    outdir: outDir,
    sourcemap: false,
    legalComments: "none",
    logLevel: "silent",
  });
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".ttf": "font/ttf",
};

/** Builds the webview, serves it with `stub` and launches Chromium. */
export async function serveWebview(stub: string): Promise<ServedWebview> {
  requireChromium();
  const outDir = await mkdtemp(path.join(tmpdir(), "codex-webview-"));
  await buildBundle(outDir);
  let origin = "";
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/") {
        const html = buildWebviewHtml({
          cspSource: origin,
          scriptUri: `${origin}/webview.js`,
          styleUri: `${origin}/webview.css`,
          nonce: NONCE,
        }).replace(
          `<script nonce="${NONCE}" src=`,
          `<script nonce="${NONCE}">${PRELUDE}${stub}</script>\n<script nonce="${NONCE}" src=`,
        );
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(html);
        return;
      }
      const file = path.join(outDir, path.basename(url.pathname));
      try {
        const body = await readFile(file);
        response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "" });
        response.end(body);
      } catch {
        response.writeHead(404);
        response.end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    server.close();
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Opens the webview in a new page of `viewport` size and waits for its `ready`. */
export async function openWebview(
  served: ServedWebview,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await served.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${served.origin}/`);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: { method?: string }[] }).__posted.some(
      (m) => m.method === "ready",
    ),
  );
  return page;
}

/** Delivers one host notification to the page, as VS Code's postMessage would. */
export async function notifyWebview(page: Page, method: string, params: unknown): Promise<void> {
  await page.evaluate(
    ([m, p]) => window.postMessage({ kind: "notification", method: m, params: p }, "*"),
    [method, params] as const,
  );
}

/** Resolves once the page has rendered `count` more frames. */
export async function nextFrames(page: Page, count = 2): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    count,
  );
}
