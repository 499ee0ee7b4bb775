import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { renderMarkdown } from "../../webview/markdown/render";
import { classifyLink } from "../../webview/markdown/links";
import {
  agentMessage,
  flush,
  hydrate,
  mount,
  requests,
  respond,
  thread,
  turn,
  unmount,
} from "./harness";

function dom(html: string): HTMLElement {
  const div = document.createElement("div");
  div.innerHTML = html;
  return div;
}

describe("webview: markdown sanitising", () => {
  it("removes script tags, event handlers and javascript: links", () => {
    const html = renderMarkdown(
      [
        "Hello <script>alert(1)</script>",
        '<img src="x" onerror="alert(2)">',
        "[click](javascript:alert(3)) [tab](java\tscript:alert(4))",
        '<a href="JaVaScRiPt:alert(5)" onclick="alert(6)">x</a>',
      ].join("\n\n"),
    );
    const root = dom(html);
    assert.equal(root.querySelector("script"), null);
    assert.doesNotMatch(html, /onerror|onclick|alert\(2\)|javascript:/i);
    for (const anchor of Array.from(root.querySelectorAll("a"))) {
      const href = anchor.getAttribute("href");
      assert.ok(href === null || !/script/i.test(href), `unsafe href survived: ${href}`);
    }
    assert.equal(root.querySelector("img"), null, "an image without a data: URL is dropped");
  });

  it("drops style, iframe, object, embed, form, svg and style attributes", () => {
    const html = renderMarkdown(
      [
        '<p style="color:red" class="evil hljs-keyword">styled</p>',
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x"></object><embed src="x">',
        '<form action="https://evil.example"><input name="q"><button>go</button></form>',
        '<svg><script>alert(1)</script><circle onload="alert(2)"/></svg>',
      ].join("\n\n"),
    );
    const root = dom(html);
    for (const tag of ["style", "iframe", "object", "embed", "form", "svg", "script", "button"]) {
      assert.equal(root.querySelector(tag), null, `${tag} survived`);
    }
    assert.equal(root.querySelector("input:not([type=checkbox])"), null);
    assert.doesNotMatch(html, /style=/);
    assert.equal(root.querySelector(".evil"), null, "only hljs-*/language-* classes are kept");
    assert.match(root.textContent ?? "", /styled/);
  });

  it("keeps http(s), mailto and file-like links, and data: images only", () => {
    const root = dom(
      renderMarkdown(
        "[a](https://example.com) [b](mailto:x@example.com) [c](src/app.ts#L12) [d](ftp://x) " +
          "![ok](data:image/png;base64,iVBORw0KGgo=) ![no](https://example.com/x.png)",
      ),
    );
    const hrefs = Array.from(root.querySelectorAll("a")).map((a) => a.getAttribute("href"));
    assert.deepEqual(hrefs, [
      "https://example.com",
      "mailto:x@example.com",
      "src/app.ts#L12",
      null,
    ]);
    const images = Array.from(root.querySelectorAll("img"));
    assert.equal(images.length, 1);
    assert.match(images[0]!.getAttribute("src")!, /^data:image\/png/);
  });

  it("highlights fenced code with registered languages", () => {
    const root = dom(renderMarkdown("```ts\nconst x: number = 1;\n```"));
    assert.ok(root.querySelector("code.language-ts span.hljs-keyword"));
  });

  it("classifies links", () => {
    assert.deepEqual(classifyLink("https://a.example/x"), {
      kind: "external",
      href: "https://a.example/x",
    });
    assert.deepEqual(classifyLink("src/a.ts:42"), { kind: "file", path: "src/a.ts", line: 42 });
    assert.deepEqual(classifyLink("C:\\repo\\a.ts"), { kind: "file", path: "C:\\repo\\a.ts" });
    assert.equal(classifyLink("javascript:alert(1)").kind, "blocked");
    assert.equal(classifyLink("vbscript:x").kind, "blocked");
    assert.equal(classifyLink("#top").kind, "anchor");
  });
});

describe("webview: markdown in the transcript", () => {
  afterEach(unmount);

  it("sends link clicks to the host and copies code blocks", async () => {
    const { root } = mount();
    hydrate({
      thread: thread([
        turn("t1", [
          agentMessage(
            "a1",
            "See [docs](https://example.com/docs) and [file](src/main.ts#L7).\n\n```bash\nnpm test\n```",
          ),
        ]),
      ]),
    });
    const links = root.querySelectorAll(".markdown a");
    fireEvent.click(links[0]!);
    fireEvent.click(links[1]!);
    const copy = root.querySelector<HTMLButtonElement>(".code-block button[data-copy]");
    assert.ok(copy, "code blocks get a copy button");
    assert.equal(copy.getAttribute("aria-label"), "Copy code");
    fireEvent.click(copy);
    await flush();
    assert.deepEqual(requests("editor/openLink")[0]?.params, { href: "https://example.com/docs" });
    assert.deepEqual(requests("editor/openFile")[0]?.params, { path: "src/main.ts", line: 7 });
    assert.equal(
      (requests("clipboard/write")[0]?.params as { text: string }).text.trim(),
      "npm test",
    );
    const status = root.querySelector(".code-block [role='status']");
    assert.equal(status?.textContent, "", "nothing to announce before the copy succeeded");
    await respond("clipboard/write", {});
    assert.equal(status?.textContent, "Copied", "a visible and announced confirmation");
    assert.ok(copy.querySelector(".codicon-check"), "the icon turns into a check");
  });
});
