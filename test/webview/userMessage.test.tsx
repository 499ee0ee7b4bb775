import "./setup";
import * as assert from "node:assert/strict";
import type { ThreadItem } from "../../protocol/webview/viewModel";
import { selectionContextText } from "../../protocol/webview/selectionContext";
import { threadTitle } from "../../protocol/webview/threadTitle";
import { hydrate, mount, thread, turn, unmount } from "./harness";

/** A message as codex echoes it: the user's words and the selection as separate text parts. */
function withSelection(words: string): { item: ThreadItem; sent: string } {
  const sent = selectionContextText({
    path: "/work/project/src/app.ts",
    startLine: 6,
    endLine: 8,
    text: "const a = 1;\nconst b = 2;\nconst c = 3;",
  });
  return {
    sent,
    item: {
      type: "userMessage",
      id: "u1",
      clientId: null,
      content: [
        { type: "text", text: words, text_elements: [] },
        { type: "text", text: sent, text_elements: [] },
      ],
    },
  };
}

describe("webview: a user message with a selection", () => {
  afterEach(unmount);

  it("shows the user's words and a selection chip; the code sent is on the chip's hover", () => {
    const { root } = mount();
    const { item, sent } = withSelection("Explain this");
    hydrate({ thread: thread([turn("t1", [item])]) });
    const bubble = root.querySelector<HTMLElement>(".user-bubble");
    assert.ok(bubble);
    assert.equal(bubble.querySelector(".user-text")?.textContent, "Explain this");
    assert.ok(!(bubble.textContent ?? "").includes("```"), "no code fence in the bubble");
    assert.ok(!(bubble.textContent ?? "").includes("const a"), "no code in the bubble");
    const chip = bubble.querySelector<HTMLElement>(".chips vscode-tag");
    assert.equal(chip?.textContent?.trim(), "app.ts:6-8");
    assert.equal(chip?.getAttribute("title"), sent);
  });

  it("titles the thread with the user's words only", () => {
    const { item } = withSelection("Explain this");
    assert.equal(threadTitle({ name: null, turns: [turn("t1", [item])] }), "Explain this");
  });

  it("text the user typed that merely looks like a selection stays in the bubble", () => {
    const { root } = mount();
    const typed = "Selected code from app.ts (lines 6-8):\n```\ncode\n```\nwhy?";
    hydrate({ thread: thread([turn("t1", [withSelection(typed).item])]) });
    assert.match(root.querySelector(".user-text")?.textContent ?? "", /why\?/);
  });
});
