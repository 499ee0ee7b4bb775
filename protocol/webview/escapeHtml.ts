/**
 * Escapes text for HTML content and quoted attribute values. Shared by the host (the webview's
 * HTML shell) and the webview (markdown, highlighting): protocol/ is the folder both may import.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
