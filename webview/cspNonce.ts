/**
 * Runs before any toolkit module (main.tsx imports it first). FAST tests `:focus-visible` support
 * once, while its modules load, by inserting a `<style>` element; under the webview's CSP
 * (`style-src <cspSource> 'nonce-…'`) that element is refused unless it carries the page's nonce,
 * and FAST then falls back to `:focus`, so toolkit buttons would show a focus ring on every mouse
 * click. FAST takes the nonce from `<meta property="csp-nonce">`; it is the nonce of our own
 * `<script>` (readable by the page's scripts only). registerToolkit() removes the meta again,
 * FAST reads it nowhere else.
 */
const script = document.currentScript as HTMLScriptElement | null;
const nonce = script?.nonce;
if (nonce && !document.querySelector('meta[property="csp-nonce"]')) {
  const meta = document.createElement("meta");
  meta.setAttribute("property", "csp-nonce");
  meta.setAttribute("content", nonce);
  meta.dataset.codexCspNonce = "";
  document.head.appendChild(meta);
}
