/**
 * One title for a listed thread: the Threads tree, its notifications, the History panel and the
 * export all call listedThreadTitle (the History panel through ThreadSummary.title).
 */
import assert from "node:assert/strict";

import { threadSummary } from "../../../extension/bridge/threadHistory";
import { listedThreadTitle } from "../../../extension/threads/listedThreadTitle";
import type { Thread } from "../../../protocol/codex/v2/Thread";

const listed = (name: string | null, preview: string) => ({ name, preview });

describe("a listed thread's title", () => {
  it("is its name, else the first line of its preview, cut, else New thread", () => {
    assert.equal(listedThreadTitle(listed("  Fix the build ", "ignored")), "Fix the build");
    assert.equal(listedThreadTitle(listed(null, "\n  Why is CI red?  \nmore")), "Why is CI red?");
    assert.equal(listedThreadTitle(listed("   ", "from the preview")), "from the preview");
    assert.equal(listedThreadTitle(listed(null, "x".repeat(500))), "x".repeat(120));
    assert.equal(listedThreadTitle(listed(null, " \n ")), "New thread");
  });

  it("is what the History panel is sent", () => {
    const thread = {
      id: "t1",
      name: null,
      preview: "  Why is CI red?\nthe log says",
      cwd: "/w",
      updatedAt: 1,
      modelProvider: "openai",
    } as unknown as Thread;
    assert.equal(threadSummary(thread).title, "Why is CI red?");
  });
});
