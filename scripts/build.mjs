// Builds the extension host bundle and the webview bundle into dist/.
//   node scripts/build.mjs            one production build (minified, with linked source maps)
//   node scripts/build.mjs --watch    rebuilds on change, unminified
import * as esbuild from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const watch = process.argv.includes("--watch");

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: repoRoot,
  bundle: true,
  minify: !watch,
  sourcemap: "linked",
  legalComments: "linked",
  logLevel: "info",
  define: { "process.env.NODE_ENV": JSON.stringify(watch ? "development" : "production") },
};

export const hostBuild = {
  ...common,
  entryPoints: { extension: "extension/extension.ts" },
  outdir: "dist",
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
};

export const webviewBuild = {
  ...common,
  entryPoints: { webview: "webview/main.tsx" },
  outdir: "dist",
  platform: "browser",
  format: "iife",
  target: ["chrome120"],
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".ttf": "file" },
  assetNames: "[name]",
};

async function main() {
  if (watch) {
    const contexts = await Promise.all([hostBuild, webviewBuild].map((o) => esbuild.context(o)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all([hostBuild, webviewBuild].map((o) => esbuild.build(o)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
