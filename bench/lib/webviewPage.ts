/**
 * The BUILT webview (dist/webview.js + dist/webview.css) in headless Chromium, as
 * test/webview/fixtures/preview.mjs loads it: a static page with a stub acquireVsCodeApi that
 * records what the webview posts. The bench then posts host messages with window.postMessage,
 * exactly as VS Code delivers them. Also: a bare page (no webview) and a page rendering the way
 * the peers do (React + react-markdown) for baselines.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";

import { emptyThread, initialChatViewState } from "../../extension/bridge/chatState";
import type { ChatViewState, ThreadView } from "../../protocol/webview/viewModel";
import { CHROMIUM_ARGS } from "../../test/support/chromium";

const REPO = path.resolve(__dirname, "../..");

export { CHROMIUM_ARGS };

/** VS Code's dark theme variables the stylesheet reads (a subset of preview.mjs's). */
const THEME = `
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: 'DejaVu Sans Mono', monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d;
  --vscode-editor-background: #1f1f1f; --vscode-sideBar-background: #181818;
  --vscode-widget-border: #313131; --vscode-panel-border: #2b2b2b;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textLink-foreground: #4daafc;`;

/** tsx (esbuild keepNames) wraps functions the bench hands to page.evaluate in `__name(...)`. */
const PRELUDE = `globalThis.__name = (f) => f;`;

function webviewHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="webview.css">
<style>html { ${THEME} } body { margin: 0; height: 100vh; }</style>
</head>
<body class="vscode-dark"><div id="root"></div>
<script>
  ${PRELUDE}
  window.__posted = [];
  window.__ready = false;
  window.acquireVsCodeApi = () => ({
    postMessage(message) {
      window.__posted.push(message);
      if (message && message.method === "ready") window.__ready = true;
    },
    getState() { return undefined; },
    setState() {},
  });
</script>
<script src="webview.js"></script>
</body></html>`;
}

/** The baseline page: each thread/events delta is appended to one text node. */
function bareHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<style>html { ${THEME} } body { margin: 0; height: 100vh; font: 13px system-ui, sans-serif; }
#log { white-space: pre-wrap; overflow: auto; height: 100vh; }</style>
</head>
<body><div id="log"></div>
<script>
  ${PRELUDE}
  const text = document.createTextNode("");
  document.getElementById("log").appendChild(text);
  window.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || message.method !== "thread/events") return;
    for (const e of message.params.events) if (e.type === "textAppended") text.appendData(e.delta);
  });
  window.__ready = true;
</script>
</body></html>`;
}

/** The peers' page (bench/peer/streamingMessage.ts, bundled with React in production mode). */
function peerHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<style>html { ${THEME} } body { margin: 0; height: 100vh; font: 13px system-ui, sans-serif; }
#root { overflow: auto; height: 100vh; }</style>
</head>
<body class="vscode-dark"><div id="root"></div>
<script>
  ${PRELUDE}
  window.__ready = false;
</script>
<script src="peer.js"></script>
</body></html>`;
}

async function bundlePeer(outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(REPO, "bench", "peer", "streamingMessage.ts")],
    bundle: true,
    format: "iife",
    minify: true,
    target: "chrome120",
    define: { "process.env.NODE_ENV": '"production"' },
    outfile,
    logLevel: "error",
  });
}

export interface Pages {
  browser: Browser;
  /** A fresh tab with the built webview, after it said `ready`. */
  webview(viewport?: { width: number; height: number }): Promise<BenchPage>;
  /** A fresh tab with the bare baseline page. */
  bare(viewport?: { width: number; height: number }): Promise<BenchPage>;
  /** A fresh tab rendering the way Cline and Roo Code do (react-markdown on every post). */
  peer(viewport?: { width: number; height: number }): Promise<BenchPage>;
  close(): Promise<void>;
}

export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  metrics(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function openPages(): Promise<Pages> {
  const dir = mkdtempSync(path.join(tmpdir(), "codex-bench-webview-"));
  for (const file of ["webview.js", "webview.css", "codicon.ttf"]) {
    copyFileSync(path.join(REPO, "dist", file), path.join(dir, file));
  }
  writeFileSync(path.join(dir, "webview.html"), webviewHtml());
  writeFileSync(path.join(dir, "bare.html"), bareHtml());
  writeFileSync(path.join(dir, "peer.html"), peerHtml());
  await bundlePeer(path.join(dir, "peer.js"));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const open = async (file: string, viewport = { width: 400, height: 900 }): Promise<BenchPage> => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`file://${path.join(dir, file)}`);
    await page.waitForFunction(() => (window as unknown as { __ready: boolean }).__ready, null, {
      timeout: 20_000,
    });
    if (errors.length) throw new Error(`page errors: ${errors.join(" | ")}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    return {
      page,
      cdp,
      async metrics() {
        const { metrics } = await cdp.send("Performance.getMetrics");
        return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
      },
      close: () => context.close(),
    };
  };
  return {
    browser,
    webview: (viewport) => open("webview.html", viewport),
    bare: (viewport) => open("bare.html", viewport),
    peer: (viewport) => open("peer.html", viewport),
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A hydrate state with `thread` on screen, signed in (no sign-in page), connected. */
export function hydrateState(thread: ThreadView | null): ChatViewState {
  return initialChatViewState({
    connection: { kind: "ready" },
    account: { status: "notRequired" },
    thread: thread ?? emptyThread("thread", "/workspace"),
  });
}

/** Posting a host message into a page, and waiting for its frames: as the browser tests do. */
export { notifyWebview as post, nextFrames as frames } from "../../test/support/webviewInChromium";
