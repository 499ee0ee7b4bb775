import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { enforceAllowList, renderMarkdown } from "../../webview/markdown/render";
import { dangerousMarkup } from "../hardening/dangerousMarkup";
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
  // DOMPurify does nothing under happy-dom: the sanitiser's tests with DOMPurify at work run in
  // Chromium (markdownSanitizing.test.ts). Here, the second pass is checked on its own.
  it("the allow-list pass alone removes everything dangerous from the corpus", async () => {
    const { payloads } = (await import(
      pathToFileURL(path.resolve(__dirname, "../hardening/xssCorpus.mjs")).href
    )) as { payloads: string[] };
    const offences: string[] = [];
    for (const payload of payloads) {
      for (const offence of dangerousMarkup(enforceAllowList(payload))) {
        offences.push(`${offence}  ←  ${payload.slice(0, 80)}`);
      }
    }
    assert.deepEqual(offences, []);
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
