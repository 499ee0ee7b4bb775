/**
 * The sidebar's HTML, built purely from its inputs. A strict CSP: scripts only with this page's
 * nonce (no inline script, no eval), styles from the extension or with the nonce, no network.
 * A static message shows until the script renders, and stays if it never does.
 */
import { randomBytes } from "node:crypto";

import { escapeHtml } from "../../protocol/webview/escapeHtml";

export interface WebviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview.js and dist/webview.css. */
  scriptUri: string;
  styleUri: string;
  /** Fresh per page when omitted. */
  nonce?: string;
  lang?: string;
  title?: string;
}

export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    // No <base> may re-point relative URLs, and no form may post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Shown until the app renders into #root (pure CSS: no script needed to hide it). */
const FALLBACK_STYLE = `
#codex-fallback { padding: 12px; font-family: var(--vscode-font-family); color: var(--vscode-descriptionForeground); }
#root:not(:empty) + #codex-fallback { display: none; }
`;

export function buildWebviewHtml(input: WebviewHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  const csp = contentSecurityPolicy(input.cspSource, nonce);
  const attr = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${attr(input.lang ?? "en")}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(input.title ?? "Codex")}</title>
<link rel="stylesheet" href="${attr(input.styleUri)}" nonce="${attr(nonce)}">
<style nonce="${attr(nonce)}">${FALLBACK_STYLE}</style>
</head>
<body>
<div id="root"></div>
<div id="codex-fallback">Loading Codex…</div>
<noscript><p>Codex needs scripts enabled in this view.</p></noscript>
<script nonce="${attr(nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}

export interface ErrorHtmlInput {
  cspSource: string;
  message: string;
  details?: string;
  nonce?: string;
  lang?: string;
}

/** A static page (no script at all) for a view that failed to load. */
export function buildErrorHtml(input: ErrorHtmlInput): string {
  const nonce = input.nonce ?? createNonce();
  const csp = contentSecurityPolicy(input.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.lang ?? "en")}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<style nonce="${escapeHtml(nonce)}">
body { padding: 12px; font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
.details { color: var(--vscode-descriptionForeground); white-space: pre-wrap; }
</style>
</head>
<body>
<p role="alert">${escapeHtml(input.message)}</p>
${input.details ? `<p class="details">${escapeHtml(input.details)}</p>` : ""}
</body>
</html>`;
}
