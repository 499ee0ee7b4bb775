/**
 * Rendered, sanitised markdown. Links never navigate the webview: clicks are sent to the host
 * (`editor/openLink` for http(s)/mailto, `editor/openFile` for paths). Code blocks get a Copy
 * button, added as real DOM nodes after sanitising (so no HTML button can come from the model).
 *
 * Streaming: the text is split into top-level blocks (markdown/blocks.ts). Each completed block
 * is rendered and sanitised once and keeps its DOM nodes; only the growing last block is
 * rendered again, at most every STREAM_RENDER_FRAMES frames (text arriving in between is
 * rendered once, in one animation frame, when the pause is over). The first text of a new
 * streaming message is shown at once as plain text and upgraded to markdown in the frame after
 * the one that paints it: animation frames run before their paint, so an upgrade in the first
 * frame would put a markdown and sanitiser pass before the first token is on screen. Every block
 * goes through the same sanitiser as a whole message did.
 * The DOM under the root is managed here, not by Preact.
 */
import { memo } from "preact/compat";
import { useContext, useLayoutEffect, useRef } from "preact/hooks";
import { errorMessage, reportError, request, send } from "../host";
import { t, useStrings } from "../l10n";
import { BlockChunks } from "../markdown/blockChunks";
import { splitBlocks, type Block, type BlockSplit } from "../markdown/blocks";
import { classifyLink } from "../markdown/links";
import { browserClock, FrameClockContext, type FrameClock } from "../markdown/frameClock";
import { clipMarkdown, renderMarkdownFragment } from "../markdown/render";

function labelCopyButtons(root: ParentNode): void {
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>("button[data-copy]"))) {
    button.setAttribute("aria-label", t("markdown.copyCode"));
    button.title = t("markdown.copyCode");
  }
}

function decorateCodeBlocks(root: ParentNode): void {
  for (const pre of Array.from(root.querySelectorAll("pre"))) {
    if (pre.parentElement?.classList.contains("code-block")) continue;
    const wrapper = document.createElement("div");
    wrapper.className = "code-block";
    const toolbar = document.createElement("div");
    toolbar.className = "code-toolbar";
    const code = pre.querySelector("code");
    const lang = Array.from(code?.classList ?? [])
      .find((c) => c.startsWith("language-"))
      ?.slice("language-".length);
    const label = document.createElement("span");
    label.className = "code-lang";
    label.textContent = lang ?? "";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-icon code-copy";
    button.dataset.copy = "";
    button.setAttribute("aria-label", t("markdown.copyCode"));
    button.title = t("markdown.copyCode");
    const icon = document.createElement("span");
    icon.className = "codicon codicon-copy";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(icon);
    // "Copied" shows here after a copy; a status region, so screen readers hear it too.
    const status = document.createElement("span");
    status.className = "code-copy-status";
    status.setAttribute("role", "status");
    toolbar.append(label, status, button);
    pre.replaceWith(wrapper);
    wrapper.append(toolbar, pre);
  }
}

/** How long a code block shows "Copied" after its code was copied. */
const COPIED_MS = 2_000;
const copiedTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

function copyCode(button: Element): void {
  const code = button.closest(".code-block")?.querySelector("pre");
  request("clipboard/write", { text: code?.textContent ?? "" })
    .then(() => {
      const icon = button.querySelector(".codicon");
      const status = button.parentElement?.querySelector(".code-copy-status");
      icon?.classList.replace("codicon-copy", "codicon-check");
      if (status) status.textContent = t("common.copied");
      clearTimeout(copiedTimers.get(button));
      copiedTimers.set(
        button,
        setTimeout(() => {
          icon?.classList.replace("codicon-check", "codicon-copy");
          if (status) status.textContent = "";
        }, COPIED_MS),
      );
    })
    .catch((error: unknown) => reportError(`clipboard/write failed: ${errorMessage(error)}`));
}

function onClick(event: MouseEvent): void {
  const target = event.target as Element | null;
  const copy = target?.closest?.("button[data-copy]");
  if (copy) {
    event.preventDefault();
    copyCode(copy);
    return;
  }
  const anchor = target?.closest?.("a");
  if (!anchor) return;
  event.preventDefault();
  const href = anchor.getAttribute("href");
  if (!href) return;
  const link = classifyLink(href);
  if (link.kind === "external") send("editor/openLink", { href: link.href });
  else if (link.kind === "file")
    send("editor/openFile", link.line ? { path: link.path, line: link.line } : { path: link.path });
}

/** The first text of a streaming message up to this length is shown as plain text at once. */
const PLAIN_FIRST_MAX = 2_000;

/** Frames the plain first text stays: the first paints it, the markdown upgrade runs in the next. */
const PLAIN_FRAMES = 2;

/**
 * While a message streams, its growing end is rendered again at most once per this many
 * animation frames (15 times a second at 60 Hz), the first change after a pause at once. Each
 * render costs a markdown pass, a layout and a paint of the transcript, and the frame after it
 * the scroll that follows the bottom; text that grows a few words at a time still reads as
 * flowing at 15 Hz, and the main thread keeps most frames for the reader's scrolling and typing
 * (bench 3: 4 frames took about 15% less main-thread time than 3). Exported for tests.
 */
export const STREAM_RENDER_FRAMES = 4;

/**
 * After a streamed render, later text waits this long on a timer, then for one animation frame
 * to render in. Half a frame short of STREAM_RENDER_FRAMES frames: the timer ends between the
 * last two frames of the period, so the frame asked for is the STREAM_RENDER_FRAMES-th, however
 * the timer falls against the frames. A timer rather than counting frames: an animation frame
 * requested only to count is a frame the page makes for nothing. Exported for tests.
 */
export const STREAM_PAUSE_MS = ((STREAM_RENDER_FRAMES - 0.5) * 1000) / 60;

interface Shown {
  key: string;
  raw: string;
  nodes: ChildNode[];
}

/** Keeps the DOM under `root` in step with the text, block by block. Exported for tests. */
export class MarkdownDom {
  private split: BlockSplit | null = null;
  private shown: Shown[] = [];
  /** The text and mode last rendered (`plain`: the first frame of a streaming message). */
  private shownText: string | null = null;
  private shownFinal = false;
  private plain = false;
  /** The text and mode asked for last. */
  private text = "";
  private streaming = false;
  /** Until when (clock time) a streamed render makes later text wait. */
  private pausedUntil = -Infinity;
  /** A render waiting: for the pause to end (timer), then for its frame. At most one of them. */
  private timer: number | null = null;
  private frame: number | null = null;
  /** Render passes, and blocks rendered (markdown + sanitiser runs): for tests. */
  passes = 0;
  renders = 0;
  private readonly chunks: BlockChunks;

  constructor(
    private readonly root: HTMLElement,
    private readonly clock: FrameClock = browserClock,
  ) {
    this.chunks = new BlockChunks(root);
  }

  update(text: string, streaming: boolean): void {
    this.text = text;
    this.streaming = streaming;
    if (!streaming) {
      this.cancel();
      this.render();
      return;
    }
    if (text === this.shownText && !this.shownFinal) return;
    if ((this.shownText === null || this.plain) && text.length <= PLAIN_FIRST_MAX) {
      if (!this.plain) this.renderAfterFrames(PLAIN_FRAMES);
      this.renderPlain(text);
      return;
    }
    if (this.plain) {
      // Too long for the plain first text before its upgrade: markdown now.
      this.cancel();
      this.render();
      return;
    }
    if (this.timer !== null || this.frame !== null) return; // the waiting render takes this text
    const wait = this.pausedUntil - this.clock.now();
    if (wait <= 0) {
      this.render();
      return;
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.renderAfterFrames(1);
    }, wait);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    if (this.frame !== null) this.clock.cancelFrame(this.frame);
    this.timer = null;
    this.frame = null;
  }

  /** Renders in the `count`th animation frame from now. */
  private renderAfterFrames(count: number): void {
    this.frame = this.clock.requestFrame(() => {
      this.frame = null;
      if (count > 1) this.renderAfterFrames(count - 1);
      else this.render();
    });
  }

  private renderPlain(text: string): void {
    if (this.plain) {
      const p = this.shown[0]!.nodes[0] as HTMLElement;
      p.textContent = text;
    } else {
      this.clear();
      const p = document.createElement("p");
      p.textContent = text;
      this.root.appendChild(p);
      this.shown = [{ key: "plain", raw: text, nodes: [p] }];
      this.plain = true;
    }
    this.shownText = text;
    this.shownFinal = false;
  }

  private clear(): void {
    this.chunks.undo();
    for (const block of this.shown) for (const node of block.nodes) node.remove();
    this.shown = [];
    this.split = null;
  }

  private render(): void {
    const final = !this.streaming;
    if (this.text === this.shownText && final === this.shownFinal && !this.plain) return;
    if (this.plain) this.clear();
    this.plain = false;
    this.passes++;
    let source = clipMarkdown(this.text);
    if (source.includes("\r")) source = source.replace(/\r\n?/g, "\n");
    // A final split's last block was closed by the end of the text, not by a later block.
    const split = splitBlocks(source, this.shownFinal ? null : this.split, final);
    this.split = split;
    const blocks: Block[] = split.done.slice();
    if (split.tail) {
      blocks.push({ raw: split.tail, key: `${blocks.length}:live`, refs: true, final: false });
    }
    this.reconcile(blocks, split);
    this.shownText = this.text;
    this.shownFinal = final;
    if (this.streaming) this.pausedUntil = this.clock.now() + STREAM_PAUSE_MS;
  }

  private build(block: Block, split: BlockSplit): ChildNode[] {
    this.renders++;
    const fragment = renderMarkdownFragment(block.raw, {
      links: block.refs ? split.links : undefined,
      highlight: block.final,
    });
    decorateCodeBlocks(fragment);
    return Array.from(fragment.childNodes);
  }

  private reconcile(blocks: readonly Block[], split: BlockSplit): void {
    const old = this.shown;
    const same = (a: Shown, b: Block) => a.key === b.key && a.raw === b.raw;
    let prefix = 0;
    while (prefix < old.length && prefix < blocks.length && same(old[prefix]!, blocks[prefix]!))
      prefix++;
    if (prefix === old.length && prefix === blocks.length) return;
    // A block in a chunk changed (a re-split, a link definition arriving): the blocks of its
    // chunk and the later ones go back to the root, in place.
    if (prefix < this.chunks.blocks) this.chunks.undo(prefix);
    // Completed blocks that only moved (rare: a re-split) keep their nodes too.
    const reusable = new Map<string, Shown>();
    for (const block of old.slice(prefix))
      if (!block.key.endsWith(":live")) reusable.set(block.key, block);
    const kept = new Set<Shown>();
    for (const block of blocks.slice(prefix)) {
      const match = reusable.get(block.key);
      if (match && match.raw === block.raw) kept.add(match);
    }
    for (const block of old.slice(prefix)) {
      if (!kept.has(block)) for (const node of block.nodes) node.remove();
    }
    // New and moved blocks go after the last node of the unchanged prefix.
    let lastKept: ChildNode | undefined;
    for (let i = prefix - 1; i >= 0 && !lastKept; i--) lastKept = old[i]!.nodes.at(-1);
    let cursor: ChildNode | null = lastKept
      ? this.chunks.topLevel(lastKept).nextSibling
      : this.root.firstChild;
    const next: Shown[] = old.slice(0, prefix);
    for (const block of blocks.slice(prefix)) {
      const match = reusable.get(block.key);
      if (match && kept.has(match)) {
        if (match.nodes.length > 0 && match.nodes[0] === cursor) {
          cursor = match.nodes.at(-1)!.nextSibling;
        } else {
          for (const node of match.nodes) this.root.insertBefore(node, cursor);
        }
        next.push(match);
        continue;
      }
      const nodes = this.build(block, split);
      for (const node of nodes) this.root.insertBefore(node, cursor);
      next.push({ key: block.key, raw: block.raw, nodes });
    }
    this.shown = next;
    const finished = next.length - (next.at(-1)?.key.endsWith(":live") ? 1 : 0);
    this.chunks.add(finished, (block) => next[block]!.nodes);
  }
}

export const Markdown = memo(function Markdown({
  text,
  streaming = false,
}: {
  text: string;
  /** The text is still growing: render incrementally, at most every STREAM_RENDER_FRAMES frames. */
  streaming?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const dom = useRef<MarkdownDom | null>(null);
  const clock = useContext(FrameClockContext);
  useLayoutEffect(() => {
    dom.current = new MarkdownDom(ref.current!, clock);
    return () => dom.current?.dispose();
  }, []);
  useLayoutEffect(() => {
    dom.current?.update(text, streaming);
  }, [text, streaming]);
  // The copy buttons are relabelled in place when the locale changes.
  const strings = useStrings();
  const labelled = useRef(strings);
  useLayoutEffect(() => {
    if (labelled.current === strings || !ref.current) return;
    labelled.current = strings;
    labelCopyButtons(ref.current);
  }, [strings]);
  return <div ref={ref} class="markdown" onClick={onClick} />;
});
