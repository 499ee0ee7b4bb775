/**
 * `t(key, ...args)`: the English bundle is the key source; the host may override any string via
 * `ChatViewState.strings` (German and Japanese bundles come from the host later).
 * Placeholders are `{0}`, `{1}`, ...
 *
 * `t` reads a module-level table, so a component only shows new strings when it renders again.
 * The app provides the host's strings through `StringsContext`; memoised components are built
 * with `localizedMemo`, which subscribes them to that context, so a locale switch
 * (`state/patch` with `strings`) re-renders them even when their props did not change.
 */
import { createContext, type FunctionComponent } from "preact";
import { memo } from "preact/compat";
import { useContext } from "preact/hooks";
import { en, enPendingTranslation, type MessageKey, type PendingMessageKey } from "./en";

let overrides: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  overrides = strings;
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

/** The host's current string overrides (its identity changes when the locale does). */
export const StringsContext = createContext<Readonly<Record<string, string>>>({});

/** Re-renders the calling component when the strings change; returns them. */
export function useStrings(): Readonly<Record<string, string>> {
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
