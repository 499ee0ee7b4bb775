/**
 * `t(key, ...args)`: the English bundle is the key source; the host may override any string via
 * `ChatViewState.strings` (German and Japanese bundles come from the host later).
 * Placeholders are `{0}`, `{1}`, ...
 */
import { en, type MessageKey } from "./en";

let overrides: Record<string, string> = {};

export function setStrings(strings: Record<string, string>): void {
  overrides = strings;
}

export function t(key: MessageKey, ...args: (string | number)[]): string {
  const template = Object.prototype.hasOwnProperty.call(overrides, key) ? overrides[key]! : en[key];
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

export type { MessageKey };
