/**
 * The peers' way of rendering a streaming answer, as Cline and Roo Code do it: the host posts
 * state, the React webview keeps the message text in component state, and every post re-renders
 * the whole message through react-markdown with remark-gfm and a highlighter (rehype-highlight,
 * highlight.js). Bundled by bench/lib/webviewPage.ts for metric 3; fed the same thread/events
 * replay as the built webview and the bare-DOM baseline.
 */
import { createElement, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

interface Posted {
  method?: string;
  params?: { events?: { type: string; delta?: string }[] };
}

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeHighlight];

function StreamingMessage() {
  const [text, setText] = useState("");
  useEffect(() => {
    const onMessage = (event: MessageEvent<Posted>) => {
      if (event.data?.method !== "thread/events") return;
      let delta = "";
      for (const e of event.data.params?.events ?? []) {
        if (e.type === "textAppended") delta += e.delta ?? "";
      }
      // A new state for every post; React batches the posts that arrive before it renders.
      if (delta) setText((previous) => previous + delta);
    };
    window.addEventListener("message", onMessage);
    (window as unknown as { __ready: boolean }).__ready = true;
    return () => window.removeEventListener("message", onMessage);
  }, []);
  return createElement(
    "div",
    { className: "chat-row" },
    createElement(ReactMarkdown, { remarkPlugins, rehypePlugins }, text),
  );
}

createRoot(document.getElementById("root")!).render(createElement(StreamingMessage));
