/**
 * Runs the markdown pipeline once on sample text in idle time, a step per idle slice, so the
 * first real message does not pay in one long task for compiling the parser's regular
 * expressions, setting up DOMPurify and compiling highlight.js grammars. Only where
 * requestIdleCallback exists (webviews; not the component tests).
 */
import { splitBlocks } from "./blocks";
import { highlight, highlightLanguages } from "./highlight";
import { renderMarkdownFragment } from "./render";

const SAMPLE = [
  "# Heading",
  "Some **bold**, *em*, `code`, a [link](https://example.com) and [a file](src/a.ts#L1).",
  "- item\n- [ ] task\n\n1. one\n2. two",
  "> quote",
  "| a | b |\n|---|:-:|\n| 1 | 2 |",
  "```ts\nconst x: number = 1;\n```",
].join("\n\n");

let started = false;

export function warmUpMarkdown(): void {
  if (started || typeof requestIdleCallback !== "function") return;
  started = true;
  const steps: (() => void)[] = [
    () => splitBlocks(SAMPLE, null, true),
    () => renderMarkdownFragment(SAMPLE),
    ...highlightLanguages().map((language) => () => highlight("x", language)),
  ];
  const run = (deadline: IdleDeadline) => {
    while (steps.length > 0 && deadline.timeRemaining() > 4) {
      try {
        steps.shift()!();
      } catch {
        // only a warm-up
      }
    }
    if (steps.length > 0) requestIdleCallback(run);
  };
  requestIdleCallback(run);
}
