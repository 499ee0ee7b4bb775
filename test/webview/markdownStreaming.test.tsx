import "./setup";
import * as assert from "node:assert/strict";
import { act } from "@testing-library/preact";
import type { ThreadEvent } from "../../protocol/webview/threadEvents";
import {
  MarkdownDom,
  STREAM_PAUSE_MS,
  STREAM_RENDER_FRAMES,
} from "../../webview/components/Markdown";
import { GrowingText } from "../../webview/components/items/ToolItems";
import { CHUNK_BLOCKS, CHUNK_CLASS } from "../../webview/markdown/blockChunks";
import { splitBlocks, type BlockSplit } from "../../webview/markdown/blocks";
import {
  agentMessage,
  flush,
  hydrate,
  mount,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";
import { ManualClock } from "./manualClock";
import { render } from "preact";

function delta(text: string, itemId = "a1"): ThreadEvent {
  return { type: "textAppended", turnId: "t1", itemId, target: "agentText", index: 0, delta: text };
}

/** A transcript paced by `clock` with one in-progress turn and an empty, streaming agent message. */
function streamingMessage(clock: ManualClock) {
  const mounted = mount({ frameClock: clock });
  hydrate({ thread: thread([turn("t1", [userMessage("u1", "go")], { status: "inProgress" })]) });
  threadEvents("thread-1", [{ type: "itemUpserted", turnId: "t1", item: agentMessage("a1", "") }]);
  const markdown = () => mounted.root.querySelector<HTMLElement>(".agent-message .markdown")!;
  return { ...mounted, markdown };
}

/** The text a reader sees under `root`. */
const shown = (root: Element) => (root.textContent ?? "").trim();

describe("webview: streaming markdown, block by block", () => {
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock();
  });
  afterEach(unmount);

  /** Lets a streamed render's pause pass and runs the frames the waiting render asked for. */
  function pauseOver(): void {
    act(() => {
      clock.advance(STREAM_PAUSE_MS);
      for (let i = 0; i < 3 && clock.pendingFrames > 0; i++) clock.frame();
    });
    assert.equal(clock.pendingFrames, 0, "a render waited for more than the frames it asked for");
  }

  /** A MarkdownDom on a fresh element, disposed after `body`. */
  function withDom(body: (dom: MarkdownDom, root: HTMLElement) => void): void {
    const root = document.createElement("div");
    document.body.appendChild(root);
    const dom = new MarkdownDom(root, clock);
    try {
      body(dom, root);
    } finally {
      dom.dispose();
      root.remove();
    }
  }

  it("shows the first delta at once as plain text, as markdown in the frame after the one that paints it", () => {
    const { markdown } = streamingMessage(clock);
    threadEvents("thread-1", [delta("Hi **there**")]);
    assert.equal(markdown().textContent, "Hi **there**", "on screen before any frame");
    assert.equal(markdown().querySelector("strong"), null);
    act(() => clock.frame()); // the frame that paints the plain text
    assert.equal(markdown().textContent, "Hi **there**", "still plain in the frame it is painted");
    assert.equal(markdown().querySelector("strong"), null);
    act(() => clock.frame());
    assert.equal(markdown().querySelector("strong")?.textContent, "there");
    assert.equal(shown(markdown()), "Hi there");
    assert.equal(clock.pendingFrames + clock.pendingTimers, 0, "nothing asked for: no new text");
  });

  it("leaves the frame that paints the plain first text free of markdown passes", () => {
    withDom((dom, root) => {
      dom.update("Hi **there**", true);
      assert.equal(shown(root), "Hi **there**", "in the DOM at once");
      clock.frame(); // animation frames run before the paint of their frame
      assert.equal(dom.passes, 0, "no markdown pass before the first paint");
      dom.update("Hi **there**, you", true);
      assert.equal(shown(root), "Hi **there**, you", "still plain, updated at once");
      assert.equal(clock.pendingFrames, 1, "the upgrade still waits for its one frame");
      clock.frame();
      assert.equal(dom.passes, 1);
      assert.equal(root.querySelector("strong")?.textContent, "there");
      assert.equal(shown(root), "Hi there, you");
    });
  });

  it("renders markdown at once when the plain first text grows long before its upgrade", () => {
    withDom((dom, root) => {
      dom.update("Hi **there**", true);
      const long = `Hi **there** ${"word ".repeat(500)}`;
      dom.update(long, true);
      assert.equal(root.querySelector("strong")?.textContent, "there", "markdown, no frame run");
      assert.equal(shown(root), long.replace(/\*\*/g, "").trim());
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0, "the upgrade is not waited for");
    });
  });

  it("keeps a completed block's DOM and renders only the growing last block", () => {
    const { markdown } = streamingMessage(clock);
    threadEvents("thread-1", [delta("# Title\n\nFirst paragraph.\n\n")]);
    pauseOver();
    threadEvents("thread-1", [delta("Second")]);
    pauseOver();
    const heading = markdown().querySelector("h1");
    const first = markdown().querySelectorAll("p")[0];
    assert.equal(heading?.textContent, "Title");
    assert.equal(first?.textContent, "First paragraph.");
    for (const more of [" paragraph", " grows", " **here**.\n\n", "- a list\n", "- of two\n"]) {
      threadEvents("thread-1", [delta(more)]);
      pauseOver();
      assert.ok(markdown().querySelector("h1") === heading, "the heading element is reused");
      assert.ok(markdown().querySelectorAll("p")[0] === first, "the paragraph element is reused");
    }
    const paragraphs = markdown().querySelectorAll("p");
    assert.equal(paragraphs[1]?.textContent, "Second paragraph grows here.");
    assert.equal(paragraphs[1]?.querySelector("strong")?.textContent, "here");
    assert.deepEqual(
      Array.from(markdown().querySelectorAll("li")).map((li) => li.textContent),
      ["a list", "of two"],
      "the last block updates as it grows",
    );
    // Only the structure markdown makes: no wrappers around blocks (the CSS styles children).
    assert.deepEqual(
      Array.from(markdown().children).map((e) => e.tagName.toLowerCase()),
      ["h1", "p", "p", "ul"],
    );
  });

  it("renders the growing end once a pause is over, in one frame, with every batch since", () => {
    // The pause ends within the last frame of the period after a render: the frame asked for then
    // is the period's last.
    const frameMs = 1000 / 60;
    assert.ok(STREAM_PAUSE_MS > (STREAM_RENDER_FRAMES - 1) * frameMs);
    assert.ok(STREAM_PAUSE_MS < STREAM_RENDER_FRAMES * frameMs);
    withDom((dom, root) => {
      dom.update("Start", true);
      clock.frame(); // plain text, painted
      clock.frame(); // markdown
      assert.equal(dom.passes, 1);
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0, "idle: no frame, no timer");

      clock.advance(5);
      dom.update("Start\n\nearly", true);
      dom.update("Start\n\nearly and more", true);
      assert.equal(shown(root), "Start", "text within the pause waits");
      assert.equal(clock.pendingFrames, 0, "no frame asked for while the pause lasts");
      assert.equal(clock.pendingTimers, 1, "one timer for both batches");
      clock.advance(STREAM_PAUSE_MS - 5 - 1);
      assert.equal(shown(root), "Start");
      assert.equal(clock.pendingFrames, 0);
      clock.advance(1);
      assert.equal(
        shown(root),
        "Start",
        "the pause is over: rendered in a frame, not in the timer",
      );
      assert.equal(clock.pendingFrames, 1, "one frame asked for");
      clock.frame();
      assert.match(shown(root), /^Start\s*early and more$/, "both batches, in one render");
      assert.equal(dom.passes, 2);
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0, "nothing new: nothing asked for");

      clock.advance(STREAM_PAUSE_MS); // a quiet pause
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0);
      const paragraph = root.querySelector("p");
      const built = dom.renders;
      dom.update("Start\n\nnext", true);
      assert.match(shown(root), /next$/, "the first change after a pause, at once");
      assert.equal(dom.renders, built + 1, "only the growing block was rendered again");
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0);
      dom.update("Start\n\nnext one", true);
      assert.match(shown(root), /next$/, "the next change waits");
      assert.ok(root.querySelector("p") === paragraph, "the completed block kept its element");

      dom.update("Start\n\nnext one two", false);
      assert.match(shown(root), /next one two$/, "the final text, at once");
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0, "the waiting render is dropped");
      assert.equal(root.querySelectorAll("p").length, 2);
    });
  });

  it("stops waiting for its timer or frames when disposed", () => {
    withDom((dom) => {
      dom.update("Hi", true);
      assert.equal(clock.pendingFrames, 1, "the plain text's upgrade waits for a frame");
      dom.dispose();
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0);
    });
    withDom((dom, root) => {
      dom.update("Hi", true);
      clock.frame();
      clock.frame();
      dom.update("Hi there", true);
      assert.equal(clock.pendingTimers, 1);
      dom.dispose();
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0);
      clock.advance(STREAM_PAUSE_MS);
      assert.equal(shown(root), "Hi");
    });
    withDom((dom, root) => {
      dom.update("Hi", true);
      clock.frame();
      clock.frame();
      dom.update("Hi there", true);
      clock.advance(STREAM_PAUSE_MS);
      assert.equal(clock.pendingFrames, 1);
      dom.dispose();
      assert.equal(clock.pendingFrames + clock.pendingTimers, 0);
      assert.equal(shown(root), "Hi");
    });
  });

  it("treats an open code fence as the growing block; highlights it once it is complete", () => {
    const { markdown } = streamingMessage(clock);
    threadEvents("thread-1", [delta("Code:\n\n```ts\nconst a: number = 1;\n")]);
    pauseOver();
    threadEvents("thread-1", [delta("const b = 2;\n")]);
    pauseOver();
    const code = () => markdown().querySelector("pre code");
    assert.match(code()?.textContent ?? "", /const a: number = 1;\nconst b = 2;/);
    assert.equal(code()?.querySelector("span.hljs-keyword"), null, "not highlighted while open");
    assert.ok(markdown().querySelector(".code-block button[data-copy]"), "copy button");
    threadEvents("thread-1", [delta("```\n\nAfter the code.\n")]);
    pauseOver();
    assert.ok(code()?.querySelector("span.hljs-keyword"), "highlighted once complete");
    const block = markdown().querySelector(".code-block");
    assert.equal(markdown().querySelectorAll("button[data-copy]").length, 1);
    threadEvents("thread-1", [delta("More text.")]);
    pauseOver();
    assert.ok(markdown().querySelector(".code-block") === block, "the completed block is kept");
    assert.match(markdown().textContent ?? "", /After the code\.\nMore text\./);
  });

  it("highlights the last block when the message completes", async () => {
    const { markdown } = streamingMessage(clock);
    threadEvents("thread-1", [delta("```js\nlet x = 1;\n```")]);
    pauseOver();
    assert.equal(markdown().querySelector("span.hljs-keyword"), null);
    threadEvents("thread-1", [
      { type: "turnCompleted", turnId: "t1", status: "completed", error: null },
    ]);
    await flush();
    assert.ok(markdown().querySelector("code.language-js span.hljs-keyword"));
  });

  it("resolves reference links with definitions from anywhere in the message", async () => {
    const { markdown } = streamingMessage(clock);
    threadEvents("thread-1", [delta("See [the docs][docs] and [src][].\n\n")]);
    pauseOver();
    threadEvents("thread-1", [
      delta("[docs]: https://example.com/docs\n[src]: src/a.ts#L3\n\nEnd."),
    ]);
    pauseOver();
    const hrefs = () =>
      Array.from(markdown().querySelectorAll("a")).map((a) => a.getAttribute("href"));
    assert.deepEqual(hrefs(), ["https://example.com/docs", "src/a.ts#L3"]);
    threadEvents("thread-1", [
      { type: "turnCompleted", turnId: "t1", status: "completed", error: null },
    ]);
    await flush();
    assert.deepEqual(hrefs(), ["https://example.com/docs", "src/a.ts#L3"]);
  });

  it("sanitises every block, the growing one included", async () => {
    const { markdown, root } = streamingMessage(clock);
    const hostile = [
      "Intro.\n\n",
      '<img src="x" onerror="alert(1)">\n\n',
      "<div>\n\n<script>alert(2)</script>\n\n</div>\n\n",
      '[click](javascript:alert(3)) and <a href="JaVaScRiPt:alert(4)" onclick="alert(5)">x</a>\n\n',
      '<svg><circle onload="alert(6)"/></svg><style>body{display:none}</style>\n\n',
      '<p style="color:red" class="evil">styled</p>',
    ];
    const check = () => {
      const html = markdown().innerHTML;
      for (const tag of ["script", "svg", "style", "img", "iframe"]) {
        assert.equal(markdown().querySelector(tag), null, `${tag} survived in ${html}`);
      }
      for (const element of Array.from(markdown().querySelectorAll("*"))) {
        for (const name of element.getAttributeNames()) {
          assert.ok(!/^on|^style$/i.test(name), `${name} survived in ${html}`);
        }
        assert.ok(!element.classList.contains("evil"), `class survived in ${html}`);
        const href = element.getAttribute("href");
        assert.ok(href === null || !/script/i.test(href), `unsafe href survived: ${href}`);
      }
    };
    for (const part of hostile) {
      // In pieces, so the hostile markup is also the growing last block for a while.
      for (let at = 0; at < part.length; at += 7) {
        threadEvents("thread-1", [delta(part.slice(at, at + 7))]);
        check();
        pauseOver();
        check();
      }
    }
    threadEvents("thread-1", [
      { type: "turnCompleted", turnId: "t1", status: "completed", error: null },
    ]);
    await flush();
    check();
    assert.match(root.textContent ?? "", /Intro\.[\s\S]*styled/);
  });

  it("renders a completed message from hydrate in one go", () => {
    const { root } = mount({ frameClock: clock });
    hydrate({
      thread: thread([
        turn("t1", [agentMessage("a1", "# T\n\nText [x][1].\n\n[1]: https://a.example")]),
      ]),
    });
    const markdown = root.querySelector(".markdown")!;
    assert.equal(markdown.querySelector("h1")?.textContent, "T");
    assert.equal(markdown.querySelector("a")?.getAttribute("href"), "https://a.example");
  });
});

describe("markdown blocks: incremental split", () => {
  const doc = [
    "Intro para\nsecond line\n***bold*** text\n\n---\n\nfoo\n***\nbar\n\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter table\n\n- x\n- y\n\n- z loose\n\n  continued\n\n",
    "```js\nconst a = 1;\n\n\nconsole.log(a)\n```\nText after fence\n~~~\nraw\n~~~\n\n    indented\n\n",
    "Title\n=====\n\n> quote\nlazy\n\n1. one\n2. two\n\n<div>\n\n*md*\n\n</div>\n\nfoo\n<divination> x\n",
    "\n[ref]: https://example.com\n\nA [ref] link.\n",
  ].join("");

  it("streamed character by character, ends where a fresh split of the whole text does", () => {
    let split: BlockSplit | null = null;
    for (let i = 1; i <= doc.length; i++) {
      const text = doc.slice(0, i);
      split = splitBlocks(text, split);
      assert.equal(split.done.map((b) => b.raw).join("") + split.tail, text);
      assert.ok(split.done.every((b) => b.final));
    }
    const fresh = splitBlocks(doc, null, true);
    const finished = splitBlocks(doc, split, true);
    assert.deepEqual(
      finished.done.map((b) => b.key),
      fresh.done.map((b) => b.key),
    );
    assert.equal(fresh.tail, "");
    assert.equal(fresh.done.map((b) => b.raw).join(""), doc);
    assert.deepEqual(Object.keys(fresh.links), ["ref"]);
    // The streamed split's completed blocks are the fresh split's blocks (same keys: same DOM).
    const streamed = split!.done;
    assert.deepEqual(
      streamed.map((b) => b.raw),
      fresh.done.slice(0, streamed.length).map((b) => b.raw),
    );
    assert.deepEqual(
      streamed.filter((b) => !b.refs).map((b) => b.key),
      fresh.done
        .slice(0, streamed.length)
        .filter((b) => !b.refs)
        .map((b) => b.key),
    );
  });

  it("keeps a block open while the next block's first line could still change it", () => {
    // `***` alone is a rule, `***bold***` continues the paragraph.
    const split = splitBlocks("foo\n***");
    assert.equal(split.done.length, 0);
    assert.equal(splitBlocks("foo\n***bold***", split).done.length, 0);
    const closed = splitBlocks("foo\n***\nbar", split);
    assert.deepEqual(
      closed.done.map((b) => b.raw),
      ["foo\n"],
    );
  });
});

describe("webview: a long answer's finished blocks in chunks", () => {
  let clock: ManualClock;
  let root: HTMLElement;
  let dom: MarkdownDom;
  beforeEach(() => {
    clock = new ManualClock();
    root = document.createElement("div");
    document.body.appendChild(root);
    dom = new MarkdownDom(root, clock);
  });
  afterEach(() => {
    dom.dispose();
    root.remove();
  });

  /** Streams `text` in and lets its render run. */
  function stream(text: string): void {
    dom.update(text, true);
    clock.advance(STREAM_PAUSE_MS);
    for (let i = 0; i < 3 && clock.pendingFrames > 0; i++) clock.frame();
  }
  const paragraphs = (count: number, from = 0) =>
    Array.from({ length: count }, (_, i) => `Paragraph ${from + i}.`);
  /** What a reader reads, block by block, in order. */
  const read = () => Array.from(root.querySelectorAll("p"), (p) => p.textContent);
  const chunks = () => Array.from(root.querySelectorAll(`:scope > .${CHUNK_CLASS}`));

  it("streams into chunks of finished blocks, each block's nodes kept, in reading order", () => {
    const all = paragraphs(2 * CHUNK_BLOCKS + 5);
    stream(all.slice(0, 3).join("\n\n")); // shown plain, then as markdown two frames later
    const first = root.querySelector("p");
    for (let shown = 4; shown <= all.length; shown += 7) stream(all.slice(0, shown).join("\n\n"));
    stream(all.join("\n\n"));
    assert.deepEqual(read(), all);
    assert.equal(chunks().length, 2, "the finished blocks beyond the last full chunk stay loose");
    assert.ok(root.querySelector("p") === first, "a chunked block keeps its element");
    assert.ok(chunks().every((chunk) => chunk.children.length === CHUNK_BLOCKS));

    dom.update(all.join("\n\n"), false);
    assert.deepEqual(read(), all, "the final render leaves them as they are");
  });

  it("streamed in random pieces, ends showing what one render of the whole text shows", () => {
    const part = [
      "Intro para\nsecond line\n***bold*** text\n\n---\n\n",
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\n- z loose\n\n  continued\n\n",
      "```js\nconst a = 1;\n\n\nconsole.log(a)\n```\nText after fence\n\n",
      "Title\n=====\n\n> quote\nlazy\n\n1. one\n2. two\n\nA [ref] link.\n\n",
    ].join("");
    const doc = `${part.repeat(8)}[ref]: https://example.com\n\nThe end.\n`;
    /** The message as a reader gets it: chunks dissolved into their blocks. */
    const flattened = (element: HTMLElement) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const chunk of Array.from(copy.querySelectorAll(`.${CHUNK_CLASS}`)))
        chunk.replaceWith(...Array.from(chunk.childNodes));
      return copy.innerHTML;
    };
    const reference = document.createElement("div");
    const once = new MarkdownDom(reference, clock);
    once.update(doc, false);
    assert.ok(reference.querySelectorAll(`.${CHUNK_CLASS}`).length >= 2, "long enough to chunk");

    for (const seed of [1, 2]) {
      let state = seed;
      const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      root.replaceChildren();
      dom.dispose();
      dom = new MarkdownDom(root, clock);
      for (let end = 0; end < doc.length;) {
        end = Math.min(doc.length, end + 1 + Math.floor(random() * 300));
        stream(doc.slice(0, end));
      }
      dom.update(doc, false);
      assert.equal(flattened(root), flattened(reference), `seed ${seed}`);
      assert.equal(
        root.querySelectorAll(`.${CHUNK_CLASS}`).length,
        reference.querySelectorAll(`.${CHUNK_CLASS}`).length,
      );
    }
    once.dispose();
  });

  it("takes blocks out of their chunk when one of them changes, and groups them again", () => {
    const all = paragraphs(2 * CHUNK_BLOCKS + 1);
    dom.update(all.join("\n\n"), false);
    assert.equal(chunks().length, 2);
    // An earlier block changes (a message replaced, a link definition arriving): rebuilt in place.
    const edited = [...all];
    edited[3] = "Paragraph three, edited.";
    dom.update(edited.join("\n\n"), false);
    assert.deepEqual(read(), edited);
    assert.equal(chunks().length, 2);
    assert.equal(root.querySelectorAll(`.${CHUNK_CLASS}:empty`).length, 0, "no empty chunk left");

    // A block of the second chunk changes: the first chunk, and its blocks, stay as they are.
    const [firstChunk] = chunks();
    const firstBlock = root.querySelector("p");
    edited[CHUNK_BLOCKS + 2] = "Paragraph in the second chunk, edited.";
    dom.update(edited.join("\n\n"), false);
    assert.deepEqual(read(), edited);
    assert.equal(chunks().length, 2);
    assert.ok(chunks()[0] === firstChunk, "the first chunk is kept");
    assert.ok(root.querySelector("p") === firstBlock, "its blocks keep their elements");

    const shorter = paragraphs(CHUNK_BLOCKS - 1, 100);
    dom.update(shorter.join("\n\n"), false);
    assert.deepEqual(read(), shorter);
    assert.equal(chunks().length, 0, "a message shorter than a chunk is not chunked");
  });
});

describe("command output: appended, not replaced", () => {
  it("appends deltas as text and keeps only the tail of huge output", () => {
    const root = document.createElement("div");
    document.body.appendChild(root);
    try {
      act(() => render(<GrowingText text={"line 1\n"} max={100} />, root));
      const span = root.querySelector("span")!;
      const first = span.firstChild;
      act(() => render(<GrowingText text={"line 1\nline 2\n"} max={100} />, root));
      assert.ok(span.firstChild === first, "the existing text node is kept");
      assert.equal(span.textContent, "line 1\nline 2\n");
      let text = "line 1\nline 2\n";
      for (let i = 3; i < 2_000; i++) {
        text += `line ${i}\n`;
        act(() => render(<GrowingText text={text} max={100} />, root));
      }
      const shown = span.textContent ?? "";
      assert.ok(text.endsWith(shown), "a tail of the output");
      assert.ok(shown.length >= 100 && shown.length < 100 + 4_096, `${shown.length} characters`);
      act(() => render(<GrowingText text={"replaced\n"} max={100} />, root));
      assert.equal(span.textContent, "replaced\n");
    } finally {
      act(() => render(null, root));
      root.remove();
    }
  });
});
