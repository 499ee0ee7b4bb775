import assert from "node:assert/strict";

import { attachedFilesText } from "../../../protocol/webview/attachedFiles";
import { threadTitle, userMessageText } from "../../../protocol/webview/threadTitle";
import type { ThreadItem, TurnView } from "../../../protocol/webview/viewModel";

type UserMessageItem = Extract<ThreadItem, { type: "userMessage" }>;

function userMessage(content: UserMessageItem["content"]): UserMessageItem {
  return { type: "userMessage", id: "u", clientId: null, content } as UserMessageItem;
}

function turn(items: ThreadItem[]): TurnView {
  return { id: "t", status: "completed", error: null, items, diff: null, plan: null };
}

const text = (value: string) => ({ type: "text" as const, text: value, text_elements: [] });

describe("threadTitle", () => {
  it("is the thread's name when it has one", () => {
    assert.equal(threadTitle({ name: "Fix the build", turns: [] }), "Fix the build");
  });

  it("is the first words the user wrote, on one line, when the thread has no name", () => {
    const thread = {
      name: null,
      turns: [turn([userMessage([text("  explain\nthis   file ")])]), turn([])],
    };
    assert.equal(threadTitle(thread), "explain this file");
  });

  it("skips the attached-files list the host adds, and messages with no text", () => {
    const files = ["/w/src/a.ts"];
    const thread = {
      name: "  ",
      turns: [
        turn([
          userMessage([
            { type: "mention", name: "a.ts", path: files[0]! },
            text(attachedFilesText(files)!),
          ] as UserMessageItem["content"]),
        ]),
        turn([userMessage([text("second message")])]),
      ],
    };
    assert.equal(threadTitle(thread), "second message");
  });

  it("is null for no thread and for a thread with nothing written yet", () => {
    assert.equal(threadTitle(null), null);
    assert.equal(threadTitle({ name: null, turns: [] }), null);
  });
});

describe("userMessageText", () => {
  it("joins the typed text parts and leaves out the attached-files list", () => {
    const files = ["/w/b.ts"];
    const item = userMessage([
      text("one"),
      { type: "mention", name: "b.ts", path: files[0]! },
      text(attachedFilesText(files)!),
      text("two"),
    ] as UserMessageItem["content"]);
    assert.equal(userMessageText(item), "one\ntwo");
  });
});
