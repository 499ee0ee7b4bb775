import assert from "node:assert/strict";

import { toUserInput } from "../../../extension/bridge/userInput";
import {
  parseSelectionContext,
  selectionContextText,
} from "../../../protocol/webview/selectionContext";

describe("userInput", () => {
  it("sends the text, files as mentions and by path, selections as quoted text, images as data URLs", () => {
    const input = toUserInput("Explain this", [
      { kind: "file", path: "/w/src/a.ts" },
      { kind: "selection", path: "/w/src/b.ts", startLine: 3, endLine: 5, text: "let x = 1;" },
      { kind: "image", name: "shot.png", dataUrl: "data:image/png;base64,AAAA" },
    ]);
    assert.deepEqual(input, [
      { type: "text", text: "Explain this", text_elements: [] },
      { type: "mention", name: "a.ts", path: "/w/src/a.ts" },
      {
        type: "text",
        text: "Selected code from /w/src/b.ts (lines 3-5):\n```\nlet x = 1;\n```",
        text_elements: [],
      },
      { type: "image", url: "data:image/png;base64,AAAA" },
      {
        type: "text",
        text: "Attached files (read them as needed):\n- /w/src/a.ts",
        text_elements: [],
      },
    ]);
  });

  it("names every attached file once, in one text item", () => {
    const input = toUserInput("", [
      { kind: "file", path: "/w/a.ts" },
      { kind: "file", path: "/w/b.ts" },
    ]);
    assert.equal(input.length, 3);
    assert.deepEqual(input[2], {
      type: "text",
      text: "Attached files (read them as needed):\n- /w/a.ts\n- /w/b.ts",
      text_elements: [],
    });
  });

  it("sends nothing for blank text without attachments", () => {
    assert.deepEqual(toUserInput("   ", []), []);
  });

  it("fences a selection so backticks inside cannot close it", () => {
    const text = selectionContextText({
      path: "/w/README.md",
      startLine: 1,
      endLine: 1,
      text: "```js\nx\n```",
    });
    assert.ok(text.startsWith("Selected code from /w/README.md (line 1):\n````\n"));
    assert.ok(text.endsWith("\n````"));
  });

  it("recognises its own selection part exactly, and nothing the user might type", () => {
    const selection = { path: "/w/src/app.ts", startLine: 6, endLine: 8, text: "a\n```\nb" };
    assert.deepEqual(parseSelectionContext(selectionContextText(selection)), selection);
    for (const typed of [
      "Look at this:\n```\ncode\n```",
      "Selected code from app.ts (lines 6-8):\n```\ncode\n```\nand more",
      "Selected code from app.ts (lines 6-8):\n```\nx```y\n```",
      "Selected code from app.ts (line 6):",
    ]) {
      assert.equal(parseSelectionContext(typed), null, typed);
    }
  });
});
