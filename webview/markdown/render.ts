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

/** Elements removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "form",
  "svg",
  "math",
  "template",
  "noscript",
  "textarea",
  "select",
  "button",
  "title",
  "frame",
  "frameset",
  "link",
  "meta",
  "base",
]);
const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS);
const ALLOWED_ATTR_SET = new Set(ALLOWED_ATTR);

/**
 * The attribute policy, shared by the DOMPurify hook and the second pass. Returns the value to
 * keep, or null to drop the attribute.
 */
function checkAttribute(tag: string, name: string, value: string): string | null {
  if (!ALLOWED_ATTR_SET.has(name)) return null;
  switch (name) {
    case "href":
      return tag === "a" && classifyLink(value).kind !== "blocked" ? value : null;
    case "src":
      return tag === "img" && SAFE_IMAGE.test(value) ? value : null;
    case "class": {
      const kept = value
        .split(/\s+/)
        .filter((token) => SAFE_CLASS.test(token))
        .join(" ");
      return kept || null;
    }
    case "type":
      return tag === "input" && value === "checkbox" ? value : null;
    case "checked":
    case "disabled":
      return tag === "input" ? value : null;
    default:
      return value;
  }
}

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  instance.addHook("uponSanitizeAttribute", (node, data) => {
    const kept = checkAttribute(node.nodeName.toLowerCase(), data.attrName, data.attrValue);
    if (kept === null) data.keepAttr = false;
    else data.attrValue = kept;
  });
  purifier = instance;
  return instance;
}

/**
 * A second, independent pass with the same allow-list over an inert <template>. DOMPurify is
 * the primary sanitiser, but if it is unsupported or misbehaves in some DOM (it silently passes
 * markup through under happy-dom, for one), this still guarantees the policy.
 */
function enforceAllowList(html: string): string {
  const template = document.createElement("template");
  template.innerHTML = html;
  const walk = (parent: ParentNode) => {
    for (const child of Array.from(parent.childNodes)) {
      if (child.nodeType === 3) continue;
      if (child.nodeType !== 1) {
        child.remove();
        continue;
      }
      const element = child as Element;
      const tag = element.localName.toLowerCase();
      if (DROP_WITH_CONTENT.has(tag)) {
        element.remove();
        continue;
      }
      if (!ALLOWED_TAG_SET.has(tag) || element.namespaceURI !== "http://www.w3.org/1999/xhtml") {
        walk(element);
        element.replaceWith(...Array.from(element.childNodes));
        continue;
      }
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const kept = checkAttribute(tag, name, attribute.value);
        if (kept === null) element.removeAttribute(attribute.name);
        else if (kept !== attribute.value) element.setAttribute(attribute.name, kept);
      }
      if (tag === "input") {
        if (element.getAttribute("type") !== "checkbox") {
          element.remove();
          continue;
        }
        element.setAttribute("disabled", "");
      }
      if (tag === "img" && !element.getAttribute("src")) {
        element.remove();
        continue;
      }
      walk(element);
    }
  };
  walk(template.content);
  return template.innerHTML;
}

export function sanitizeHtml(html: string): string {
  const purified = getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    // Our hook decides which links survive; this only has to let file-like paths through.
    ALLOWED_URI_REGEXP:
      /^(?:https?:|mailto:|file:|data:image\/|[a-z]:[\\/]|[^a-z]|[\w+.-]+(?:[^\w+.:-]|$))/i,
    FORBID_TAGS: [...DROP_WITH_CONTENT],
    RETURN_TRUSTED_TYPE: false,
  }) as string;
  return enforceAllowList(purified);
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
