/**
 * Every shipped language has every string English has, with the same placeholders:
 * - `package.nls.<lang>.json` against `package.nls.json` (the manifest's `%key%` strings),
 * - `l10n/bundle.l10n.<lang>.json` against `l10n/bundle.l10n.json` (`vscode.l10n.t`),
 * - `webview/l10n/<lang>.ts` against `webview/l10n/en.ts` (the sidebar), when present.
 * Also: every `%key%` in package.json exists in English, and every `vscode.l10n.t("…")` literal
 * in the extension has an English bundle entry.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../../..");

function readJson(relative: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(root, relative), "utf8")) as Record<string, string>;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\d+)\}/g)].map((match) => match[1]!).sort();
}

/** Missing keys and keys whose placeholders differ from English. */
function compare(english: Record<string, string>, other: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(english)) {
    const translated = other[key];
    if (typeof translated !== "string" || translated.length === 0) {
      problems.push(`missing ${JSON.stringify(key)}`);
    } else if (placeholders(translated).join() !== placeholders(value).join()) {
      problems.push(`placeholders differ in ${JSON.stringify(key)}`);
    }
  }
  return problems;
}

/** Language files next to an English one: `<prefix><lang><suffix>`. */
function languageFiles(dir: string, pattern: RegExp): { lang: string; file: string }[] {
  const absolute = path.join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .map((file) => ({ file: path.join(dir, file), match: pattern.exec(file) }))
    .filter((entry) => entry.match)
    .map((entry) => ({ lang: entry.match![1]!, file: entry.file }));
}

const LANG = "([a-z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)";

/** `l10n.t("…")` or `l10n.t('…')` (`vscode.l10n.t`, and extension/l10n.ts's `l10n.t`). */
const l10nLiterals = /l10n\.t\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g;

/** The string a matched literal stands for. */
function literalValue(match: RegExpMatchArray): string {
  if (match[1] !== undefined) return JSON.parse(`"${match[1]}"`) as string;
  return match[2]!.replace(/\\(.)/g, "$1");
}

describe("l10n completeness", () => {
  describe("package.nls", () => {
    const english = readJson("package.nls.json");
    const files = languageFiles(".", new RegExp(`^package\\.nls\\.${LANG}\\.json$`));

    it("ships German and Japanese", () => {
      const langs = files.map((entry) => entry.lang);
      assert.ok(langs.includes("de") && langs.includes("ja"), langs.join());
    });

    for (const { file } of files) {
      it(`${file} has every key of package.nls.json`, () => {
        assert.deepEqual(compare(english, readJson(file)), []);
      });
    }

    it("every %key% in package.json exists in package.nls.json", () => {
      const manifest = readFileSync(path.join(root, "package.json"), "utf8");
      const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!);
      assert.ok(keys.length > 0);
      assert.deepEqual(
        keys.filter((key) => !(key in english)),
        [],
      );
    });
  });

  describe("l10n bundles", () => {
    const english = readJson("l10n/bundle.l10n.json");
    const files = languageFiles("l10n", new RegExp(`^bundle\\.l10n\\.${LANG}\\.json$`));

    it("ships German and Japanese", () => {
      const langs = files.map((entry) => entry.lang);
      assert.ok(langs.includes("de") && langs.includes("ja"), langs.join());
    });

    for (const { file } of files) {
      it(`${file} has every key of bundle.l10n.json`, () => {
        assert.deepEqual(compare(english, readJson(file)), []);
      });
    }

    it("every l10n.t literal in extension/ and protocol/webview/ has an English entry", () => {
      const missing: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
          const relative = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(relative);
          else if (entry.name.endsWith(".ts")) {
            const source = readFileSync(path.join(root, relative), "utf8");
            for (const match of source.matchAll(l10nLiterals)) {
              const message = literalValue(match);
              if (!(message in english)) missing.push(`${relative}: ${message}`);
            }
          }
        }
      };
      walk("extension");
      walk("protocol/webview");
      assert.deepEqual(missing, []);
    });
  });

  describe("host messages", () => {
    /** A user-facing error built from a bare string instead of `l10n.t(…)`. */
    const bareMessage = /(?:new (?:ChannelRequestError|UserFacingError)\(|failWith\()\s*(?:"|'|`)/g;

    it("every error the bridge shows the user goes through l10n.t", () => {
      const bare: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
          const relative = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(relative);
          else if (entry.name.endsWith(".ts")) {
            const source = readFileSync(path.join(root, relative), "utf8");
            for (const match of source.matchAll(bareMessage)) {
              const line = source.slice(0, match.index).split("\n").length;
              bare.push(`${relative}:${line}`);
            }
          }
        }
      };
      walk("extension");
      assert.deepEqual(bare, []);
    });

    it("the check itself finds a bare message", () => {
      const sample = 'throw new UserFacingError("x"); failWith(`y`, e); failWith(l10n.t("z"), e);';
      assert.equal([...sample.matchAll(bareMessage)].length, 2);
    });
  });

  describe("webview bundles", () => {
    const englishFile = path.join(root, "webview/l10n/en.ts");
    const files = languageFiles("webview/l10n", new RegExp(`^${LANG}\\.tsx?$`)).filter(
      (entry) => entry.lang !== "en",
    );

    /** The bundle a language module exports: its only (or its language-named) string record. */
    function bundleOf(file: string, lang: string): Record<string, unknown> {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(path.join(root, file)) as Record<string, unknown>;
      const candidate =
        exports[lang.replace(/-/g, "_")] ??
        exports.default ??
        Object.values(exports).find((value) => typeof value === "object" && value !== null);
      assert.ok(candidate && typeof candidate === "object", `${file} exports no bundle`);
      return candidate as Record<string, unknown>;
    }

    if (!existsSync(englishFile)) {
      it("has no English bundle yet, so nothing to compare");
      return;
    }

    /** Every English string, including those still waiting for a translation. */
    function englishStrings(): Record<string, string> {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exports = require(englishFile) as Record<string, Record<string, string> | undefined>;
      return { ...exports.en, ...exports.enPendingTranslation };
    }

    it("ships German and Japanese", () => {
      const langs = files.map((entry) => entry.lang);
      assert.ok(langs.includes("de") && langs.includes("ja"), langs.join());
    });

    for (const { lang, file } of files) {
      it(`${file} has every key of en, pending translations included`, () => {
        assert.deepEqual(compare(englishStrings(), bundleOf(file, lang)), []);
      });
    }

    it("slash command descriptions are the English bundle's strings", () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { SLASH_COMMANDS } = require(path.join(root, "protocol/webview/slashCommands")) as {
        SLASH_COMMANDS: { descriptionKey: string; description: string }[];
      };
      const english = englishStrings();
      for (const spec of SLASH_COMMANDS) {
        assert.equal(english[spec.descriptionKey], spec.description, spec.descriptionKey);
      }
    });
  });

  describe("the check itself", () => {
    it("reports a missing key, an empty one and different placeholders", () => {
      const english = { a: "A {0}", b: "B", c: "C" };
      assert.deepEqual(compare(english, { a: "A {0}", b: "B", c: "C" }), []);
      assert.deepEqual(compare(english, { a: "A", c: "" }), [
        'placeholders differ in "a"',
        'missing "b"',
        'missing "c"',
      ]);
    });
  });
});
