/**
 * The Codex interface's language on both sides: the webview picks its bundle from
 * `ChatViewState.language` (it carries en, de and ja itself), and the host translates its own
 * messages shown in a view (`l10n` in extension/l10n.ts). Both follow `chatgpt.localeOverride`,
 * else VS Code's display language, at start and whenever the setting changes.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

import type { UiLanguage } from "../../protocol/webview/viewModel";
import { bundleL10n, englishL10n, type L10n } from "../l10n";

/** The bundle language for a locale tag (`de`, `de-AT`, `ja-jp`...); English for the rest. */
export function webviewLanguage(locale: string | null | undefined): UiLanguage {
  const primary = (locale ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return primary === "de" || primary === "ja" ? primary : "en";
}

/** The effective locale: the override when set, else VS Code's language, else English. */
export function effectiveLocale(
  override: string | null | undefined,
  vscodeLanguage: string,
): string {
  return override?.trim() || vscodeLanguage || "en";
}

/**
 * The host's translator for `locale`: VS Code's own (`vscode.l10n`, which follows VS Code's
 * display language) when the languages agree, else one over the host bundle of that language
 * (`readBundle("de")` reads l10n/bundle.l10n.de.json).
 */
export function hostL10nFor(
  locale: string | null | undefined,
  vscodeLanguage: string,
  vscodeL10n: L10n,
  readBundle: (language: Exclude<UiLanguage, "en">) => Record<string, string>,
): L10n {
  const language = webviewLanguage(locale);
  if (language === webviewLanguage(vscodeLanguage)) return vscodeL10n;
  return language === "en" ? englishL10n : bundleL10n(readBundle(language));
}

/** Reads l10n/bundle.l10n.<language>.json of the extension at `extensionPath`; {} if unreadable. */
export function hostBundleReader(
  extensionPath: string,
): (language: Exclude<UiLanguage, "en">) => Record<string, string> {
  return (language) => {
    try {
      const file = path.join(extensionPath, "l10n", `bundle.l10n.${language}.json`);
      return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    } catch {
      return {};
    }
  };
}
