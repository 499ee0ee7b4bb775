/**
 * `t(key, ...args)`: the English bundle is the key source; `ChatViewState.language` picks the
 * German or Japanese bundle, which the webview carries itself. Placeholders are `{0}`, `{1}`, ...
 *
 * `t` reads a module-level table, so a component only shows new strings when it renders again.
 * The app provides the language through `StringsContext`; memoised components are built with
 * `localizedMemo`, which subscribes them to that context, so a locale switch (`state/patch` with
 * `language`) re-renders them even when their props did not change.
 */
import { createContext, type FunctionComponent } from "preact";
import { memo } from "preact/compat";
import { useContext } from "preact/hooks";
import type { UiLanguage } from "../../protocol/webview/viewModel";
import { de } from "./de";
import { en, enPendingTranslation, type MessageKey, type PendingMessageKey } from "./en";
import { ja } from "./ja";

const BUNDLES: Readonly<Record<UiLanguage, Readonly<Record<string, string>>>> = { en: {}, de, ja };

let overrides: Readonly<Record<string, string>> = {};

export function setLanguage(language: UiLanguage): void {
  overrides = BUNDLES[language] ?? {};
}

const english: Record<MessageKey | PendingMessageKey, string> = { ...en, ...enPendingTranslation };

export function t(key: MessageKey | PendingMessageKey, ...args: (string | number)[]): string {
  const template = Object.prototype.hasOwnProperty.call(overrides, key)
    ? overrides[key]!
    : english[key];
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

export type { MessageKey, PendingMessageKey };

/** The current interface language. */
export const StringsContext = createContext<UiLanguage>("en");

/** Re-renders the calling component when the language changes; returns it. */
export function useStrings(): UiLanguage {
  return useContext(StringsContext);
}

/**
 * `memo` for components that call `t`: skips re-rendering on equal props, but not when the
 * strings change.
 */
export function localizedMemo<P extends object>(component: FunctionComponent<P>) {
  function Localized(props: P) {
    useStrings();
    return component(props);
  }
  Localized.displayName = component.displayName ?? component.name;
  return memo(Localized);
}
