/**
 * Rendered, sanitised markdown. Links never navigate the webview: clicks are sent to the host
 * (`editor/openLink` for http(s)/mailto, `editor/openFile` for paths). Code blocks get a Copy
 * button, added as real DOM nodes after sanitising (so no HTML button can come from the model).
 */
import { memo } from "preact/compat";
import { useLayoutEffect, useMemo, useRef } from "preact/hooks";
import { send } from "../host";
import { t, useStrings } from "../l10n";
import { classifyLink } from "../markdown/links";
import { renderMarkdown } from "../markdown/render";

function decorateCodeBlocks(root: HTMLElement): void {
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>("button[data-copy]"))) {
    // Already decorated: only the label may have changed (locale switch).
    button.setAttribute("aria-label", t("markdown.copyCode"));
    button.title = t("markdown.copyCode");
  }
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
    toolbar.append(label, button);
    pre.replaceWith(wrapper);
    wrapper.append(toolbar, pre);
  }
}

function onClick(event: MouseEvent): void {
  const target = event.target as Element | null;
  const copy = target?.closest?.("button[data-copy]");
  if (copy) {
    event.preventDefault();
    const code = copy.closest(".code-block")?.querySelector("pre");
    send("clipboard/write", { text: code?.textContent ?? "" });
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

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const ref = useRef<HTMLDivElement>(null);
  // The HTML does not change with the locale, so the copy buttons are relabelled in place.
  const strings = useStrings();
  useLayoutEffect(() => {
    if (ref.current) decorateCodeBlocks(ref.current);
  }, [html, strings]);
  return (
    <div ref={ref} class="markdown" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
  );
});
