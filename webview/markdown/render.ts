/**
 * Markdown → sanitised HTML. `marked` renders, highlight.js colours code blocks, then DOMPurify
 * keeps only a strict allow-list: no script/style/iframe/object/embed/form/svg, no event
 * handlers or style attributes, links only http(s)/mailto or file-like paths, images only
 * `data:image/...` URLs.
 */
import createDOMPurify, { type Config, type DOMPurify } from "dompurify";
import { Marked, type Links } from "marked";
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

/** Off while rendering a block that is still streaming: it is highlighted once, when complete. */
let highlightCode = true;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    code({ text, lang }) {
      const language = lang?.trim().split(/\s+/)[0] ?? "";
      const cls = language ? ` class="hljs language-${escapeHtml(language)}"` : ` class="hljs"`;
      const body = highlightCode ? highlight(text, language) : escapeHtml(text);
      return `<pre><code${cls}>${body}</code></pre>\n`;
    },
  },
});

/** The options of the one configured `marked` instance (for lexing blocks the same way). */
export const markedOptions = marked.defaults;

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

const PURIFY_CONFIG: Config = {
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
  // A node is sanitised where it is (sanitizeToFragment); a string still goes through a document
  // of its own and comes back as a string (`purify`).
  IN_PLACE: true,
};

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  const instance = createDOMPurify(window);
  instance.addHook("uponSanitizeAttribute", (node, data) => {
    const kept = checkAttribute(node.nodeName.toLowerCase(), data.attrName, data.attrValue);
    if (kept === null) data.keepAttr = false;
    else data.attrValue = kept;
  });
  // Parsed once: per-call options would rebuild every allow-list set on each call.
  instance.setConfig(PURIFY_CONFIG);
  purifier = instance;
  return instance;
}

/** DOMPurify's pass alone (the first of the two). */
export function purify(html: string): string {
  return getPurifier().sanitize(html) as string;
}

let inert: Document | undefined;

/**
 * Model markup parsed into a detached element of a document without a browsing context (the
 * one <template> contents live in): there no script runs and nothing loads. One document for all
 * calls: DOMPurify's string mode makes a new one per call (DOMParser), which cost as much as the
 * rest of rendering a streamed block. (Nodes from this document also move into the page more
 * cheaply than from a document of `createHTMLDocument`, as measured in Chromium.)
 */
export function parseInert(html: string): HTMLElement {
  inert ??= document.createElement("template").content.ownerDocument;
  const root = inert.createElement("div");
  root.innerHTML = html;
  return root;
}

/** DOMPurify's pass alone, on the children of `root` where they are (from `parseInert`). */
export function purifyInPlace(root: HTMLElement): void {
  getPurifier().sanitize(root);
}

/**
 * True when DOMPurify really sanitises in this DOM: it says it is supported, and a canary loses
 * its script and its handler, as a string and in place. (Under happy-dom, which the component tests use, it reports
 * `isSupported` yet returns the markup unchanged, so the flag alone proves nothing.)
 */
export function domPurifyEffective(): boolean {
  const instance = getPurifier();
  if (!instance.isSupported) return false;
  const markup = '<img src="x" onerror="x()"><script>x()</script>';
  const canary = purify(markup);
  if (/onerror|<script/i.test(canary) || instance.removed.length === 0) return false;
  const root = parseInert(markup);
  purifyInPlace(root);
  return !/onerror|<script/i.test(root.innerHTML) && instance.removed.length > 0;
}

/**
 * A second, independent pass with the same allow-list over an inert <template>. DOMPurify is
 * the primary sanitiser, but if it is unsupported or misbehaves in some DOM (it silently passes
 * markup through under happy-dom, for one), this still guarantees the policy.
 */
export function enforceAllowList(html: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = html;
  enforceAllowListIn(template.content);
  return template.content;
}

/** The second pass on the children of `root`, in place. */
function enforceAllowListIn(root: ParentNode): void {
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
  walk(root);
}

/**
 * Sanitised, as a fragment of the inert document: parsed once, cleaned there by both passes (no
 * serialise-and-parse-again round trip in between).
 */
export function sanitizeToFragment(html: string): DocumentFragment {
  let root = parseInert(html);
  try {
    purifyInPlace(root);
  } catch {
    // DOMPurify refused to work in place (it neutralised the tree; happy-dom, which the
    // component tests use, always ends here): its string mode, as before.
    root = parseInert(purify(html));
  }
  enforceAllowListIn(root);
  // Still in the inert document: the nodes enter the page where they are inserted.
  const fragment = root.ownerDocument.createDocumentFragment();
  fragment.append(...Array.from(root.childNodes));
  return fragment;
}

export function sanitizeHtml(html: string): string {
  const container = document.createElement("div");
  container.appendChild(sanitizeToFragment(html));
  return container.innerHTML;
}

const MAX_MARKDOWN_CHARS = 400_000;

export interface RenderOptions {
  /** Reference-link definitions from elsewhere in the document (a block rendered on its own). */
  links?: Links;
  /** Highlight code blocks (default true). */
  highlight?: boolean;
}

/** Long text is cut (with a marker) before rendering. */
export function clipMarkdown(source: string): string {
  return source.length > MAX_MARKDOWN_CHARS
    ? source.slice(0, MAX_MARKDOWN_CHARS) + "\n\n…"
    : source;
}

function toHtml(text: string, options: RenderOptions): string {
  highlightCode = options.highlight ?? true;
  try {
    const links = options.links;
    if (!links || Object.keys(links).length === 0) return marked.parse(text, { async: false });
    const lexer = new marked.Lexer({ ...marked.defaults });
    Object.assign(lexer.tokens.links, links);
    return marked.parser(lexer.lex(text));
  } catch {
    return `<pre>${escapeHtml(text)}</pre>`;
  } finally {
    highlightCode = true;
  }
}

export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return sanitizeHtml(toHtml(clipMarkdown(source), options));
}

/** `renderMarkdown` as a sanitised fragment, ready to insert (one block of a message). */
export function renderMarkdownFragment(
  source: string,
  options: RenderOptions = {},
): DocumentFragment {
  // The leading newline stays a whitespace text node. (Under happy-dom, which the component
  // tests use, DOMPurify unwraps whatever element comes first; a block is often one element.)
  return sanitizeToFragment("\n" + toHtml(clipMarkdown(source), options));
}
