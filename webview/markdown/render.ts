/**
 * Markdown → sanitised HTML. `marked` renders, highlight.js colours code blocks, then DOMPurify
 * keeps only a strict allow-list: no script/style/iframe/object/embed/form/svg, no event
 * handlers or style attributes, links only http(s)/mailto or file-like paths, images only
 * `data:image/...` URLs.
 */
import createDOMPurify, { type DOMPurify } from "dompurify";
import { Marked } from "marked";
import { escapeHtml, highlight } from "./highlight";
import { classifyLink } from "./links";

const ALLOWED_TAGS = [
  "a",
  "b",
  "blockquote",
  "br",
  "code",
  "del",
  "div",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "input",
  "kbd",
  "li",
  "ol",
  "p",
  "pre",
  "s",
  "span",
  "strong",
  "sub",
  "sup",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
];
const ALLOWED_ATTR = [
  "href",
  "title",
  "alt",
  "src",
  "class",
  "start",
  "align",
  "colspan",
  "rowspan",
  "type",
  "checked",
  "disabled",
];
const SAFE_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const SAFE_CLASS = /^(hljs(-[\w-]+)?|language-[\w+#.-]+)$/;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    code({ text, lang }) {
      const language = lang?.trim().split(/\s+/)[0] ?? "";
      const cls = language ? ` class="hljs language-${escapeHtml(language)}"` : ` class="hljs"`;
      return `<pre><code${cls}>${highlight(text, language)}</code></pre>\n`;
    },
  },
});

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  instance.addHook("uponSanitizeAttribute", (node, data) => {
    const name = data.attrName;
    if (name === "href") {
      const target = classifyLink(data.attrValue);
      if (target.kind === "blocked") data.keepAttr = false;
    } else if (name === "src") {
      if (node.nodeName !== "IMG" || !SAFE_IMAGE.test(data.attrValue)) data.keepAttr = false;
    } else if (name === "class") {
      data.attrValue = data.attrValue
        .split(/\s+/)
        .filter((token) => SAFE_CLASS.test(token))
        .join(" ");
      if (!data.attrValue) data.keepAttr = false;
    } else if (name === "type" && node.nodeName === "INPUT") {
      if (data.attrValue !== "checkbox") data.keepAttr = false;
    } else if (name === "type" || name === "checked" || name === "disabled") {
      if (node.nodeName !== "INPUT") data.keepAttr = false;
    }
  });
  instance.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "INPUT") {
      // Only GFM task-list checkboxes survive, and they are read-only.
      if (node.getAttribute("type") !== "checkbox") node.parentNode?.removeChild(node);
      else node.setAttribute("disabled", "");
    }
    if (node.nodeName === "IMG" && !node.getAttribute("src")) node.parentNode?.removeChild(node);
  });
  purifier = instance;
  return instance;
}

export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    // Our hook decides which links survive; this only has to let file-like paths through.
    ALLOWED_URI_REGEXP:
      /^(?:https?:|mailto:|file:|data:image\/|[a-z]:[\\/]|[^a-z]|[\w+.-]+(?:[^\w+.:-]|$))/i,
    FORBID_TAGS: ["style", "script", "iframe", "object", "embed", "form", "svg", "math"],
    RETURN_TRUSTED_TYPE: false,
  }) as string;
}

const MAX_MARKDOWN_CHARS = 400_000;

export function renderMarkdown(source: string): string {
  const text =
    source.length > MAX_MARKDOWN_CHARS ? source.slice(0, MAX_MARKDOWN_CHARS) + "\n\n…" : source;
  let html: string;
  try {
    html = marked.parse(text, { async: false });
  } catch {
    html = `<pre>${escapeHtml(text)}</pre>`;
  }
  return sanitizeHtml(html);
}
