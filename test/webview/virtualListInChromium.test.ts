/**
 * The transcript's scrolling in a real browser (happy-dom lays nothing out and has no
 * ResizeObserver): an answer streamed into the built webview in headless Chromium, read at its
 * end and read further up while it streams.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";

import { emptyThread, initialChatViewState } from "../../extension/bridge/chatState";
import type { ThreadEvent } from "../../protocol/webview/threadEvents";
import type { ThreadView } from "../../protocol/webview/viewModel";
import {
  RECORDING_STUB,
  nextFrames,
  notifyWebview,
  openWebview,
  serveWebview,
  type ServedWebview,
} from "../support/webviewInChromium";

const THREAD = "thread-1";

function paragraph(n: number): string {
  return `Paragraph ${n}: the answer goes on, line after line, so that it is taller than the view.\n\n`;
}

/** A thread whose running turn is answering: the answer's first `paragraphs` paragraphs. */
function answering(paragraphs: number): ThreadView {
  let text = "";
  for (let n = 1; n <= paragraphs; n++) text += paragraph(n);
  return {
    ...emptyThread(THREAD, "/work/project"),
    turns: [
      {
        id: "t1",
        status: "inProgress",
        error: null,
        diff: null,
        plan: null,
        items: [
          {
            type: "userMessage",
            id: "u1",
            content: [{ type: "text", text: "Explain it at length", text_elements: [] }],
          },
          {
            type: "agentMessage",
            id: "a1",
            text,
            moderation: null,
            phase: null,
            memoryCitation: null,
            delivery: null,
            questions: null,
          },
        ],
      },
    ],
  } as ThreadView;
}

/** A thread whose turn has answered: `paragraphs` paragraphs, every block of them finished. */
function answered(paragraphs: number): ThreadView {
  const thread = answering(paragraphs);
  return { ...thread, turns: thread.turns.map((turn) => ({ ...turn, status: "completed" })) };
}

/** Streams paragraphs `from`..`to` one post each, then waits until the last one is shown. */
async function stream(page: Page, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) {
    const delta: ThreadEvent = {
      type: "textAppended",
      turnId: "t1",
      itemId: "a1",
      target: "agentText",
      index: 0,
      delta: paragraph(n),
    };
    await notifyWebview(page, "thread/events", { threadId: THREAD, events: [delta] });
  }
  await page.waitForFunction(
    (last) => document.querySelector(".markdown")?.textContent?.includes(`Paragraph ${last}:`),
    to,
  );
  await nextFrames(page, 3);
}

/** The first paragraph reaching into the list's view, and where it is. */
function firstInView(page: Page): Promise<{ text: string; top: number; scrollTop: number }> {
  return page.evaluate(() => {
    const list = document.querySelector<HTMLElement>(".vlist")!;
    const viewTop = list.getBoundingClientRect().top;
    const shown = Array.from(list.querySelectorAll<HTMLElement>(".markdown p")).find(
      (p) => p.getBoundingClientRect().bottom > viewTop,
    )!;
    return {
      text: (shown.textContent ?? "").slice(0, 14),
      top: shown.getBoundingClientRect().top,
      scrollTop: list.scrollTop,
    };
  });
}

describe("webview: the transcript's scrolling in Chromium", function () {
  this.timeout(60_000);
  let served: ServedWebview;

  before(async () => {
    served = await serveWebview(RECORDING_STUB);
  });

  after(async () => {
    await served?.close();
  });

  /** The webview in a 420 × 700 page, showing `thread`, signed in and connected. */
  async function openWithThread(thread: ThreadView): Promise<Page> {
    const page = await openWebview(served, { width: 420, height: 700 });
    await notifyWebview(
      page,
      "state/hydrate",
      initialChatViewState({
        connection: { kind: "ready" },
        account: { status: "notRequired" },
        thread,
      }),
    );
    return page;
  }

  it("follows a streamed answer at its end, and holds still for a reader further up in it", async () => {
    const page = await openWithThread(answering(40));
    await page.waitForSelector(".markdown p");
    await stream(page, 41, 60);
    const atEnd = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>(".vlist")!;
      return list.scrollHeight - list.scrollTop - list.clientHeight;
    });
    assert.ok(atEnd <= 2, `the view follows the answer's end (${atEnd} px below it)`);

    // The reader scrolls up into the answer and reads there while the rest streams in.
    await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>(".vlist")!;
      list.scrollTop = list.scrollHeight - list.clientHeight - 600;
    });
    await nextFrames(page, 3);
    const reading = await firstInView(page);
    await stream(page, 61, 120);
    const after = await firstInView(page);
    assert.equal(after.text, reading.text, "the paragraph read is still the first in view");
    assert.ok(
      Math.abs(after.top - reading.top) <= 1,
      `it did not move (${reading.top} -> ${after.top} px; scrollTop ${reading.scrollTop} -> ${after.scrollTop})`,
    );
    assert.ok(
      await page.getByRole("button", { name: "Jump to latest" }).isVisible(),
      "the way back to the end is offered",
    );
    await page.context().close();
  });

  it("lays out a long answer's paragraphs evenly, across the chunks its finished blocks are in", async () => {
    const page = await openWithThread(answered(64));
    await page.waitForSelector(".markdown-chunk");
    const layout = await page.evaluate(() => {
      const markdown = document.querySelector<HTMLElement>(".agent-message .markdown")!;
      const paragraphs = Array.from(markdown.querySelectorAll("p"));
      const tops = paragraphs.map((p) => p.getBoundingClientRect().top);
      return {
        chunks: markdown.querySelectorAll(":scope > .markdown-chunk").length,
        gaps: tops.slice(1).map((top, i) => Math.round(top - tops[i]!)),
        // (A margin here would collapse through the message's edges, not show inside them.)
        firstMargin: getComputedStyle(paragraphs[0]!).marginTop,
        lastMargin: getComputedStyle(paragraphs.at(-1)!).marginBottom,
      };
    });
    assert.ok(layout.chunks >= 2, `${layout.chunks} chunks`);
    // Same text, same height: one gap between every two paragraphs, chunk boundaries included.
    assert.equal(new Set(layout.gaps).size, 1, `gaps ${[...new Set(layout.gaps)].join(", ")}`);
    assert.equal(layout.firstMargin, "0px", "no margin above the first paragraph");
    assert.equal(layout.lastMargin, "0px", "no margin below the last");
    await page.context().close();
  });
});
