import "./setup";
import * as assert from "node:assert/strict";
import { fireEvent } from "@testing-library/preact";
import { editorContextText } from "../../protocol/webview/contextMentions";
import type { Attachment } from "../../protocol/webview/messages";
import { flushUntil } from "./flushUntil";
import { flush, hydrate, lastRequest, mount, requests, respond, unmount } from "./harness";

function setup() {
  const { root } = mount();
  hydrate({});
  const textarea = root.querySelector<HTMLTextAreaElement>("textarea")!;
  return { root, textarea };
}

function type(textarea: HTMLTextAreaElement, value: string) {
  textarea.value = value;
  textarea.setSelectionRange(value.length, value.length);
  fireEvent.input(textarea);
}

function options(root: HTMLElement) {
  return Array.from(root.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]'));
}

const contexts = [
  { source: "problems", description: "2 problems in app.ts", available: true },
  {
    source: "terminal",
    description: "Shell integration is off in terminal “sh”",
    available: false,
  },
  { source: "changes", description: "Not a Git repository.", available: false },
  { source: "selection", description: "Nothing is selected in the editor.", available: false },
] as const;

const problems: Extract<Attachment, { kind: "context" }> = {
  kind: "context",
  source: "problems",
  label: "2 in app.ts",
  text: "Problems in app.ts (2 errors):\napp.ts:3:1 error x\napp.ts:4:1 error y",
};

describe("webview: @problems, @terminal, @changes, @selection and line ranges", () => {
  afterEach(unmount);

  it("lists the context sources first, greyed with the reason when there is nothing", async () => {
    const { root, textarea } = setup();
    type(textarea, "fix @");
    await flushUntil(() => requests("composer/searchFiles").length > 0, "the search");
    await respond("composer/searchFiles", {
      files: [{ path: "/w/app.ts", label: "app.ts", description: "" }],
      contexts: [...contexts],
    });
    const rows = options(root);
    assert.deepEqual(
      rows.map((row) => row.querySelector(".suggestion-label")?.textContent),
      ["@problems", "@terminal", "@changes", "@selection", "app.ts"],
    );
    assert.equal(rows[1]!.getAttribute("aria-disabled"), "true");
    assert.match(rows[1]!.title, /Shell integration is off/);

    // Picking an unavailable one attaches nothing; its row says why.
    fireEvent.mouseDown(rows[2]!);
    await flush();
    assert.equal(requests("composer/resolveContext").length, 0);
    assert.equal(root.querySelector(".composer-note")?.textContent, undefined);
    assert.match(root.querySelector('[role="listbox"]')?.textContent ?? "", /Not a Git repository/);

    // @problems: the host builds it; the chip's hover is what the model reads.
    fireEvent.mouseDown(options(root)[0]!);
    await flushUntil(() => requests("composer/resolveContext").length > 0, "the resolve");
    assert.deepEqual(lastRequest("composer/resolveContext").params, { source: "problems" });
    await respond("composer/resolveContext", { attachment: problems });
    assert.equal(textarea.value, "fix ");
    const chip = root.querySelector<HTMLElement>(".attachments vscode-tag")!;
    assert.match(chip.textContent ?? "", /@problems/);
    assert.equal(chip.getAttribute("title"), editorContextText(problems));

    fireEvent.keyDown(textarea, { key: "Enter" });
    assert.deepEqual(lastRequest("chat/send").params, { text: "fix ", attachments: [problems] });
  });

  it("offers a typed line range on each matching file and says what a long range left out", async () => {
    const { root, textarea } = setup();
    type(textarea, "@app.ts:10-40");
    await flushUntil(() => requests("composer/searchFiles").length > 0, "the search");
    await respond("composer/searchFiles", {
      files: [
        { path: "/w/app.ts", label: "app.ts:10-40", description: "", startLine: 10, endLine: 40 },
      ],
      contexts: [],
    });
    fireEvent.mouseDown(options(root)[0]!);
    await flushUntil(() => requests("composer/resolveContext").length > 0, "the resolve");
    assert.deepEqual(lastRequest("composer/resolveContext").params, {
      source: "lines",
      path: "/w/app.ts",
      startLine: 10,
      endLine: 40,
    });
    await respond("composer/resolveContext", {
      attachment: { kind: "selection", path: "/w/app.ts", startLine: 10, endLine: 20, text: "x" },
      reason: "Lines 10-40 are longer than 20000 characters: attached lines 10-20.",
    });
    assert.match(root.querySelector(".attachments")?.textContent ?? "", /app\.ts:10-20/);
    assert.match(root.querySelector(".composer-note")?.textContent ?? "", /attached lines 10-20/);
  });
});
