import assert from "node:assert/strict";

import { effectiveLocale, webviewLanguage } from "../../../extension/views/webviewStrings";

describe("the interface language for the locale", () => {
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
});
