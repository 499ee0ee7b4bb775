/**
 * `@vscode/webview-ui-toolkit`: the FAST-based web components this UI uses, imported one by one
 * (the package is side-effect free, so esbuild drops the rest) and registered once.
 *
 * Used: `vscode-button` (approval decisions outside forms, header / panel / notice / history row
 * actions, sign-in choices, composer Send / Stop, chip remove), `vscode-progress-ring` (loading
 * states), `vscode-badge` (the pending-approval count), `vscode-tag` (attachment chips) and
 * `vscode-divider`. Kept native, each with its reason at the call site:
 * - the composer textarea: the composer reads and sets the caret (`selectionStart`,
 *   `setSelectionRange`) and grows with `scrollHeight`, all on the real textarea, which
 *   `vscode-text-area` keeps inside its shadow root;
 * - the API key and other text inputs: FAST's form-associated controls mirror their value into a
 *   `current-value` attribute on the host, which a secret must never reach; and like the selects
 *   (model / effort / mode pickers, elicitation choices) they are controlled Preact inputs, which
 *   the toolkit's own value syncing fought (found when this UI was written); the native controls
 *   use the same input / dropdown theme variables;
 * - every button inside a `<form>`: `vscode-button` is form-associated and its keypress handler
 *   clicks the form's first `[type=submit]` on Enter, so pressing Enter on "Decline" would also
 *   submit the form; and a form-associated element is never a form's default button, so Enter in
 *   a text field would not submit a form with several fields;
 * - link-style actions and disclosure rows: `vscode-link` is an `<a href>`, these are actions;
 * - the actions repeated on every transcript row (Restore and Edit under each user message, Copy
 *   on each code block): they mount as rows scroll in and as a turn starts, and a toolkit
 *   button's shadow DOM each time was measurable work ahead of the answer's first token.
 *
 * CSP: FAST writes component styles and design tokens into constructable stylesheets
 * (`adoptedStyleSheets`), and the VS Code theme into `body.style` through the CSSOM; neither is
 * governed by `style-src`, so the webview's `style-src <cspSource> 'nonce-…'` needs no change.
 * FAST's one `<style>` element (a `:focus-visible` feature test) gets the page nonce through
 * cspNonce.ts. Left over: compiling the badge / tag template (it has a `style` binding that stays
 * empty) parses it into an inert `<template>`, which Chromium reports once per template as a
 * refused inline style; nothing that renders is blocked. All of this is checked in Chromium with
 * the real policy by test/webview/fixtures/preview.mjs.
 *
 * Theme: the toolkit copies the `--vscode-*` variables into its design tokens on `window` load
 * and again whenever VS Code changes the `<body>` class, so dist/webview.js must keep loading as a
 * parser-blocking script (it does: extension/views/webviewHtml.ts).
 */
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeDivider,
  vsCodeProgressRing,
  vsCodeTag,
} from "@vscode/webview-ui-toolkit";

let registered = false;

/** Defines the custom elements once per page (tests start the app many times in one window). */
export function registerToolkit(): void {
  if (registered || customElements.get("vscode-button")) {
    registered = true;
    return;
  }
  registered = true;
  // FAST has read the nonce by now (cspNonce.ts); do not leave it in the DOM.
  document.querySelector("meta[data-codex-csp-nonce]")?.remove();
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeBadge(),
    vsCodeDivider(),
    vsCodeProgressRing(),
    vsCodeTag(),
  );
}
