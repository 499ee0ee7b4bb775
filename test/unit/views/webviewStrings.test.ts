import assert from "node:assert/strict";

import {
  effectiveLocale,
  webviewLanguage,
  webviewStringsFor,
} from "../../../extension/views/webviewStrings";
import { de } from "../../../webview/l10n/de";
import { en } from "../../../webview/l10n/en";
import { ja } from "../../../webview/l10n/ja";

describe("webview strings for the locale", () => {
  it("the override wins, else VS Code's language", () => {
    assert.equal(effectiveLocale("de", "ja"), "de");
    assert.equal(effectiveLocale("", "ja"), "ja");
    assert.equal(effectiveLocale(undefined, "en-us"), "en-us");
    assert.equal(effectiveLocale("  ", ""), "en");
  });

  it("maps region and case variants to the bundled languages, the rest to English", () => {
    for (const [locale, language] of [
      ["de", "de"],
      ["de-AT", "de"],
      ["DE_ch", "de"],
      ["ja", "ja"],
      ["ja-JP", "ja"],
      ["en", "en"],
      ["en-gb", "en"],
      ["fr", "en"],
      ["zh-cn", "en"],
      ["", "en"],
    ] as const) {
      assert.equal(webviewLanguage(locale), language, locale);
    }
  });

  it("sends the German or Japanese bundle, and nothing for English", () => {
    assert.deepEqual(webviewStringsFor("de-DE"), { ...de });
    assert.deepEqual(webviewStringsFor("ja"), { ...ja });
    assert.deepEqual(webviewStringsFor("en"), {});
    assert.deepEqual(webviewStringsFor("pt-br"), {});
    const german = webviewStringsFor("de");
    assert.equal(Object.keys(german).length, Object.keys(en).length);
    assert.notEqual(german["composer.send"], en["composer.send"]);
  });

  it("returns a copy the caller may keep", () => {
    const strings = webviewStringsFor("de");
    strings["composer.send"] = "changed";
    assert.notEqual(webviewStringsFor("de")["composer.send"], "changed");
  });
});
