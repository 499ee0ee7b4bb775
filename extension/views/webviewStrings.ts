/**
 * The webview's strings for a locale. The webview ships English (its key source); the host sends
 * the German or Japanese bundle in `ChatViewState.strings`, chosen from `chatgpt.localeOverride`
 * or else VS Code's display language, at start and whenever the setting changes.
 */
import { de } from "../../webview/l10n/de";
import { ja } from "../../webview/l10n/ja";

/** The languages the webview has bundles for. */
export type WebviewLanguage = "en" | "de" | "ja";

const BUNDLES: Readonly<Record<Exclude<WebviewLanguage, "en">, Readonly<Record<string, string>>>> =
  { de, ja };

/** The bundle language for a locale tag (`de`, `de-AT`, `ja-jp`...); English for the rest. */
export function webviewLanguage(locale: string | null | undefined): WebviewLanguage {
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

/** `ChatViewState.strings` for `locale`: empty for English (the webview's own bundle). */
export function webviewStringsFor(locale: string | null | undefined): Record<string, string> {
  const language = webviewLanguage(locale);
  return language === "en" ? {} : { ...BUNDLES[language] };
}
