/**
 * The markdown sanitiser (webview/markdown/render.ts) in the browser the webview runs in: the
 * module is bundled from source and run in headless Chromium, where DOMPurify really works.
 * (Under happy-dom, which the component tests use, DOMPurify says it is supported and returns
 * markup unchanged, so there only the fallback pass is exercised; markdown.test.tsx tests that
 * pass on its own.)
 *
 * Each layer is checked alone against the corpus of test/hardening/xssCorpus.mjs: DOMPurify's
 * pass, and the whole pipeline. Without Chromium the test fails.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";

import * as esbuild from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";

import { CHROMIUM_ARGS, CHROMIUM_PATH, requireChromium } from "../support/chromium";

const REPO = path.resolve(__dirname, "../..");

/** What the page reports about sanitised markup, read in Chromium's own DOM. */
interface Inspected {
  html: string;
  text: string;
  tags: string[];
  hrefs: (string | null)[];
  images: string[];
  classes: string[];
  inputs: (string | null)[];
  offences: string[];
}

interface SanitizerPage {
  domPurifyEffective(): boolean;
  render(markdown: string): Inspected;
  purify(html: string): Inspected;
  purifyInPlace(html: string): Inspected;
}

/** The page's entry: the sanitiser and the offence finder, from source. */
const ENTRY = `
import {
  domPurifyEffective,
  parseInert,
  purify,
  purifyInPlace,
  renderMarkdown,
} from "./webview/markdown/render";
import { dangerousMarkup } from "./test/hardening/dangerousMarkup";

function inspect(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const root = template.content;
  const all = Array.from(root.querySelectorAll("*"));
  return {
    html,
    text: root.textContent ?? "",
    tags: [...new Set(all.map((e) => e.localName))],
    hrefs: Array.from(root.querySelectorAll("a")).map((a) => a.getAttribute("href")),
    images: Array.from(root.querySelectorAll("img")).map((i) => i.getAttribute("src") ?? ""),
    classes: all.flatMap((e) => Array.from(e.classList)),
    inputs: Array.from(root.querySelectorAll("input")).map((i) => i.getAttribute("type")),
    offences: dangerousMarkup(root),
  };
}

window.__sanitizer = {
  domPurifyEffective,
  render: (markdown) => inspect(renderMarkdown(markdown)),
  purify: (html) => inspect(purify(html)),
  purifyInPlace: (html) => {
    const root = parseInert(html);
    purifyInPlace(root);
    return inspect(root.innerHTML);
  },
};
`;

describe("webview: markdown sanitising in Chromium (real DOMPurify)", function () {
  this.timeout(60_000);

  let browser: Browser;
  let page: Page;
  let payloads: string[];

  const render = (markdown: string) =>
    page.evaluate(
      (m) => (window as unknown as { __sanitizer: SanitizerPage }).__sanitizer.render(m),
      markdown,
    );
  const purifyOnly = (html: string) =>
    page.evaluate(
      (h) => (window as unknown as { __sanitizer: SanitizerPage }).__sanitizer.purify(h),
      html,
    );
  const purifyInPlaceOnly = (html: string) =>
    page.evaluate(
      (h) => (window as unknown as { __sanitizer: SanitizerPage }).__sanitizer.purifyInPlace(h),
      html,
    );

  /** Every offence left in the output of `sanitise`, with the payload it came from. */
  async function offencesOf(
    inputs: string[],
    sanitise: (input: string) => Promise<Inspected>,
  ): Promise<string[]> {
    const offences: string[] = [];
    for (const input of inputs) {
      for (const offence of (await sanitise(input)).offences) {
        offences.push(`${offence}  ←  ${input.slice(0, 80)}`);
      }
    }
    return offences;
  }

  before(async () => {
    requireChromium();
    ({ payloads } = (await import(
      pathToFileURL(path.join(REPO, "test/hardening/xssCorpus.mjs")).href
    )) as { payloads: string[] });
    const bundle = await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: REPO, loader: "ts", sourcefile: "sanitizer-page.ts" },
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      target: ["chrome120"],
      logLevel: "silent",
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  after(async () => {
    await browser?.close();
  });

  it("DOMPurify is really at work here (not only the fallback pass)", async () => {
    assert.equal(
      await page.evaluate(() =>
        (window as unknown as { __sanitizer: SanitizerPage }).__sanitizer.domPurifyEffective(),
      ),
      true,
    );
  });

  it("DOMPurify's pass alone removes everything dangerous from the corpus", async () => {
    assert.deepEqual(await offencesOf(payloads, purifyOnly), []);
  });

  it("DOMPurify's pass alone, in place on the inert parse the webview renders from, too", async () => {
    assert.deepEqual(await offencesOf(payloads, purifyInPlaceOnly), []);
  });

  it("the whole pipeline (markdown, DOMPurify, allow-list) leaves nothing dangerous", async () => {
    assert.deepEqual(await offencesOf([...payloads, payloads.join("\n\n")], render), []);
  });

  it("removes script tags, event handlers and javascript: links", async () => {
    const result = await render(
      [
        "Hello <script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        "[click](javascript:alert(3)) [tab](java\tscript:alert(4))",
        '<a href="JaVaScRiPt:alert(5)" onclick="alert(6)">x</a>',
      ].join("\n\n"),
    );
    assert.ok(!result.tags.includes("script"));
    assert.doesNotMatch(result.html, /onerror|onclick|alert\(2\)|javascript:/i);
    for (const href of result.hrefs) {
      assert.ok(href === null || !/script/i.test(href), `unsafe href survived: ${href}`);
    }
    assert.deepEqual(result.images, [], "an image without a data: URL is dropped");
  });

  it("drops style, iframe, object, embed, form, svg and style attributes", async () => {
    const result = await render(
      [
        '<p style="color:red" class="evil hljs-keyword">styled</p>',
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x"></object><embed src="x">',
        '<form action="https://evil.example"><input name="q"><button>go</button></form>',
        '<svg><script>alert(1)</script><circle onload="alert(2)"/></svg>',
      ].join("\n\n"),
    );
    for (const tag of ["style", "iframe", "object", "embed", "form", "svg", "script", "button"]) {
      assert.ok(!result.tags.includes(tag), `${tag} survived`);
    }
    assert.ok(
      result.inputs.every((type) => type === "checkbox"),
      JSON.stringify(result.inputs),
    );
    assert.doesNotMatch(result.html, /style=/);
    assert.ok(!result.classes.includes("evil"), "only hljs-*/language-* classes are kept");
    assert.match(result.text, /styled/);
  });

  it("keeps http(s), mailto and file-like links, and data: images only", async () => {
    const result = await render(
      "[a](https://example.com) [b](mailto:x@example.com) [c](src/app.ts#L12) [d](ftp://x) " +
        "![ok](data:image/png;base64,iVBORw0KGgo=) ![no](https://example.com/x.png)",
    );
    assert.deepEqual(result.hrefs, [
      "https://example.com",
      "mailto:x@example.com",
      "src/app.ts#L12",
      null,
    ]);
    assert.equal(result.images.length, 1);
    assert.match(result.images[0]!, /^data:image\/png/);
  });
});
