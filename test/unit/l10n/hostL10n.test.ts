/**
 * The host's translator (extension/l10n.ts) and how activate() chooses it: the messages the
 * bridge sends into a view speak the view's language, `chatgpt.localeOverride` included.
 */
import assert from "node:assert/strict";
import path from "node:path";

import { describeError, RequestTimeoutError } from "../../../extension/appServer/errors";
import { bundleL10n, englishL10n, l10n, useHostL10n, type L10n } from "../../../extension/l10n";
import { hostBundleReader, hostL10nFor } from "../../../extension/views/webviewStrings";

const root = path.resolve(__dirname, "../../..");

describe("host l10n", () => {
  afterEach(() => useHostL10n(englishL10n));

  it("fills placeholders; a message missing from the bundle stays English", () => {
    const german = bundleL10n({ "Could not list models: {0}": "Modelle: {0}" });
    assert.equal(german.t("Could not list models: {0}", "kaputt"), "Modelle: kaputt");
    assert.equal(german.t("Only {0} and {1}", "a", 2), "Only a and 2");
    assert.equal(englishL10n.t("{0} was cancelled.", "turn/start"), "turn/start was cancelled.");
    assert.equal(
      englishL10n.t("keeps {1} without an argument", "x"),
      "keeps {1} without an argument",
    );
  });

  it("l10n.t uses the installed translator, also inside vscode-free code (describeError)", () => {
    const error = new RequestTimeoutError("thread/list", 30_000);
    assert.equal(describeError(error), "Codex did not answer thread/list within 30 s.");
    useHostL10n(hostL10nFor("ja", "en", englishL10n, hostBundleReader(root)));
    assert.equal(describeError(error), "Codex は 30 s 以内に thread/list に応答しませんでした。");
    assert.equal(l10n.t("Sign-in did not complete."), "サインインが完了しませんでした。");
  });

  it("follows the interface language: VS Code's translator when it agrees, else the bundle", () => {
    const vscodeL10n: L10n = { t: (message) => `vscode:${message}` };
    const reader = hostBundleReader(root);
    assert.equal(hostL10nFor("de-AT", "de", vscodeL10n, reader), vscodeL10n);
    assert.equal(hostL10nFor("", "en", vscodeL10n, reader), vscodeL10n);
    assert.equal(hostL10nFor("en", "de", vscodeL10n, reader), englishL10n);
    const german = hostL10nFor("de", "en", vscodeL10n, reader);
    assert.equal(
      german.t("Could not list models: {0}", "x"),
      "Modelle konnten nicht aufgelistet werden: x",
    );
  });

  it("an unreadable bundle falls back to English", () => {
    const missing = hostL10nFor("ja", "en", englishL10n, hostBundleReader("/nonexistent"));
    assert.equal(missing.t("Sign-in did not complete."), "Sign-in did not complete.");
  });
});
