/**
 * What sanitised markup must never contain, looked for in a parsed DOM: elements that run or
 * load something, event handlers, style attributes, script URLs and any image that is not a
 * `data:image/...` URL. Runs wherever the DOM is (it is bundled into the Chromium page too).
 */
const FORBIDDEN_TAGS =
  /^(script|iframe|object|embed|frame|frameset|base|link|style|svg|math|meta|form|template|noscript|textarea|button|select|video|audio|source|picture|marquee|details)$/;
const URL_ATTRIBUTES = /(^|:)(href|src|srcset|action|formaction|xlink:href|srcdoc)$/;
const SCRIPT_URL = /^\s*(javascript|vbscript|data:text|data:image\/svg)/i;

/** One line per offence; empty when `root` is clean. */
export function dangerousMarkup(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll("*"))) {
    const tag = element.localName.toLowerCase();
    if (FORBIDDEN_TAGS.test(tag)) found.push(`<${tag}>`);
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith("on") || name === "style" || name === "srcdoc") {
        found.push(`${tag} ${name}=${value.slice(0, 60)}`);
      } else if (URL_ATTRIBUTES.test(name) && SCRIPT_URL.test(value)) {
        found.push(`${tag} ${name}=${value.slice(0, 60)}`);
      } else if ((name === "src" || name === "srcset") && !/^data:image\//i.test(value)) {
        found.push(`${tag} ${name} loads ${value.slice(0, 60)}`);
      }
    }
  }
  return found;
}
