/**
 * The host's one way to localise a string: `l10n.t(message, ...args)`, the English message as the
 * key and `{0}`, `{1}`... as placeholders, translations in l10n/bundle.l10n.<lang>.json (checked
 * by test/unit/l10n/completeness.test.ts). It has `vscode.l10n.t`'s shape, so code that must not
 * import `vscode` (bridge/, appServer/, wsl/) localises exactly like the code that may.
 *
 * activate() installs the translator for the Codex interface's language (`chatgpt.localeOverride`,
 * else VS Code's), the language the webview shows, so the host's messages in a view match it.
 * Until then, and in tests, messages are English.
 */
export type L10nArg = string | number | boolean;

export interface L10n {
  t(message: string, ...args: L10nArg[]): string;
}

/** Fills `{0}`, `{1}`... in `template` (a placeholder without an argument stays). */
export function format(template: string, args: readonly L10nArg[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

/** A translator from a bundle (message → translation); messages it lacks stay English. */
export function bundleL10n(bundle: Readonly<Record<string, string>>): L10n {
  return {
    t: (message, ...args) =>
      format(
        Object.prototype.hasOwnProperty.call(bundle, message) ? bundle[message]! : message,
        args,
      ),
  };
}

export const englishL10n: L10n = bundleL10n({});

let current: L10n = englishL10n;

/** The host's translator. Pass `l10n.t` a string literal, so the completeness test sees it. */
export const l10n: L10n = { t: (message, ...args) => current.t(message, ...args) };

/** Installs the translator `l10n` uses (activate(), and when the interface language changes). */
export function useHostL10n(translator: L10n): void {
  current = translator;
}
