import assert from "node:assert/strict";

import {
  buildErrorHtml,
  buildWebviewHtml,
  contentSecurityPolicy,
  createNonce,
} from "../../../extension/views/webviewHtml";

const input = {
  cspSource: "https://file+.vscode-resource.vscode-cdn.net",
  scriptUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js",
  styleUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css",
};

function cspOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  assert.ok(match, "has a CSP meta tag");
  return match[1]!.replace(/&#39;/g, "'");
}

describe("webviewHtml", () => {
  it("makes a fresh 128-bit base64 nonce for every page", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, "base64").length, 16);
    const a = /nonce-([^']+)'/.exec(cspOf(buildWebviewHtml(input)))![1];
    const b = /nonce-([^']+)'/.exec(cspOf(buildWebviewHtml(input)))![1];
    assert.notEqual(a, b);
  });

  it("sets the strict CSP", () => {
    const csp = cspOf(buildWebviewHtml({ ...input, nonce: "N0nce+/=" }));
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-N0nce+/='; " +
        `style-src ${input.cspSource} 'nonce-N0nce+/='; font-src ${input.cspSource}; ` +
        `img-src ${input.cspSource} data:; connect-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    assert.equal(
      contentSecurityPolicy("x", "n"),
      csp.replaceAll(input.cspSource, "x").replaceAll("N0nce+/=", "n"),
    );
    assert.ok(!csp.includes("unsafe-eval"));
    assert.ok(!csp.includes("unsafe-inline"));
  });

  it("loads only the bundled script and style, every script with the nonce, none inline", () => {
    const html = buildWebviewHtml({ ...input, nonce: "abc" });
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="abc"/);
    assert.match(
      scripts[0]![1]!,
      /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"/,
    );
    assert.equal(scripts[0]![2], "", "no inline script body");
    assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/webview\.css"/);
    assert.match(html, /<div id="root"><\/div>/);
    assert.match(html, /<noscript>/);
    assert.match(html, /Loading Codex/);
  });

  it("escapes what it interpolates", () => {
    const html = buildWebviewHtml({
      ...input,
      scriptUri: 'x"><script>alert(1)</script>',
      lang: '"en',
    });
    assert.ok(!html.includes("<script>alert(1)"));
    const error = buildErrorHtml({ cspSource: "c", message: "<b>bad</b>", details: "a & b" });
    assert.ok(error.includes("&lt;b&gt;bad&lt;/b&gt;"));
    assert.ok(error.includes("a &amp; b"));
    assert.ok(!/<script/.test(error), "the error page has no script");
  });
});
