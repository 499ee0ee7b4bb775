import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers, enforced: a layer (a folder) must not import the folders above it. Each entry
 * lists what files under `from` may not import: other top-level folders of the repo (`folders`),
 * sibling folders of `from`'s parent (`siblings`, e.g. extension/bridge from extension/appServer)
 * and packages (`packages`, e.g. vscode). Relative specifiers are matched per directory depth,
 * so `../webview/x` inside protocol/ (protocol/webview) is not mistaken for the top-level webview/.
 * Plain `no-restricted-imports` instead of an import-boundaries plugin: no new dependency, and
 * the handful of layers sit at fixed depths. test/unit/lint/layers.test.ts proves each rule fires.
 */
const LAYERS = [
  { from: "webview", folders: ["extension"], packages: ["vscode"] },
  { from: "protocol", folders: ["extension", "webview"], packages: ["vscode"] },
  {
    from: "extension/appServer",
    siblings: ["bridge", "views", "connection"],
    packages: ["vscode"],
  },
  { from: "extension/connection", siblings: ["bridge", "views"], packages: ["vscode"] },
  { from: "extension/bridge", siblings: ["views"], packages: ["vscode"] },
  // The threads' live state and notification decision: pure, under the Threads view.
  { from: "extension/threads", siblings: ["bridge", "views"], packages: ["vscode"] },
];
const MAX_DEPTH = 4;

function layerRules({ from, folders = [], siblings = [], packages = [] }) {
  const base = from.split("/").length;
  const alternatives = (names) => `(${names.join("|")})(/|$)`;
  return Array.from({ length: MAX_DEPTH }, (_, extra) => {
    const depth = base + extra; // directories between the repo root and the file
    const patterns = packages.map((name) => ({
      regex: `^${name}(/|$)`,
      message: `${from}/ must not import ${name} (see ARCHITECTURE.md, layers).`,
    }));
    if (folders.length > 0) {
      patterns.push({
        regex: `^(\\.\\./){${depth}}${alternatives(folders)}`,
        message: `${from}/ must not import ${folders.join(" or ")}/ (see ARCHITECTURE.md, layers).`,
      });
    }
    if (siblings.length > 0) {
      patterns.push({
        regex: `^(\\.\\./){${depth - base + 1}}${alternatives(siblings)}`,
        message: `${from}/ must not import ${siblings.join(", ")} (see ARCHITECTURE.md, layers).`,
      });
    }
    return {
      files: [`${from}/${"*/".repeat(extra)}*.{ts,tsx}`],
      rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
    };
  });
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "out/",
      "bin/",
      ".vscode-test/",
      "protocol/codex/",
      "protocol/codexRpc.ts",
      "bench/results/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      // `import vscode = require("vscode")` is how the host imports the API: esbuild turns
      // `import * as vscode` into a full copy of the API object per importing module.
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
      "no-console": "error",
      eqeqeq: ["error", "always"],
    },
  },
  ...LAYERS.flatMap(layerRules),
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["test/**", "bench/**", "scripts/**"],
    rules: { "no-console": "off" },
  },
);
