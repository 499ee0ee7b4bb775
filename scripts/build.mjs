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

/**
 * Host modules in files of their own in dist/ (`dist/<name>.js`): code that activation does not
 * need, loaded where the source requires it lazily (`require(...)` inside a function; not
 * `import()`, which a CommonJS bundle hands to Node's ES module loader), so activation reads and
 * compiles a smaller dist/extension.js (bench 5). Every host build refers to these modules by
 * file instead of bundling them, so each exists once at run time. Keyed by what the source
 * imports, resolved: a repository file, or a package name.
 */
export const HOST_CHUNKS = {
  "extension/appServer/rpcClient.ts": "appServerRpc",
  picomatch: "picomatch",
  "extension/checkpoints/index.ts": "checkpoints",
  // Needed by activation and by a chunk: their own small files, so the error classes
  // (`instanceof`) and the installed translator are the same objects on both sides.
  "extension/appServer/errors.ts": "appServerErrors",
  "extension/l10n.ts": "l10n",
};

/** Stateless, without classes: a copy in more than one host file is harmless. */
const COPYABLE = new Set(["extension/appServer/backoff.ts", "extension/log.ts"]);

/** Fails when a repository module landed in two host files (two instances of its state). */
function checkNoSharedModules(metafiles) {
  const owners = new Map();
  for (const metafile of metafiles) {
    for (const [file, output] of Object.entries(metafile.outputs)) {
      if (!output.entryPoint) continue;
      for (const input of Object.keys(output.inputs)) {
        if (input.startsWith("node_modules/") || COPYABLE.has(input)) continue;
        owners.set(input, [...(owners.get(input) ?? []), file]);
      }
    }
  }
  const shared = [...owners].filter(([, files]) => files.length > 1);
  if (shared.length > 0) {
    throw new Error(
      "host modules bundled more than once (add them to HOST_CHUNKS or COPYABLE):\n" +
        shared.map(([input, files]) => `  ${input}: ${files.join(", ")}`).join("\n"),
    );
  }
}

/** Resolves imports of HOST_CHUNKS (other than `self`) to their dist file. */
function chunksPlugin(self) {
  // The last part of each import spelling (`./rpcClient`, `picomatch`, `../checkpoints`).
  const names = Object.keys(HOST_CHUNKS).map((key) =>
    key.endsWith("/index.ts") ? path.basename(path.dirname(key)) : path.basename(key, ".ts"),
  );
  const filter = new RegExp(`(^|/)(${names.join("|")})(\\.ts)?$`);
  return {
    name: "host-chunks",
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === "host-chunks") return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "host-chunks",
        });
        const key = resolved.path.startsWith(path.join(repoRoot, "node_modules") + path.sep)
          ? args.path
          : path.relative(repoRoot, resolved.path).split(path.sep).join("/");
        const name = HOST_CHUNKS[key];
        if (!name || name === self) return resolved;
        return { path: `./${name}.js`, external: true };
      });
    },
  };
}

/** @type {import('esbuild').BuildOptions} */
const hostCommon = {
  ...common,
  outdir: "dist",
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
};

export const hostBuild = {
  ...hostCommon,
  entryPoints: { extension: "extension/extension.ts" },
  plugins: [chunksPlugin("extension")],
};

/** The host bundle and its chunks: what the extension host runs. */
export const hostBuilds = [
  hostBuild,
  ...Object.entries(HOST_CHUNKS).map(([entry, name]) => ({
    ...hostCommon,
    entryPoints: { [name]: entry },
    plugins: [chunksPlugin(name)],
  })),
];

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
  const builds = [...hostBuilds, webviewBuild];
  if (watch) {
    const contexts = await Promise.all(builds.map((o) => esbuild.context(o)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(builds.map((o) => esbuild.build({ ...o, metafile: true })));
  checkNoSharedModules(results.slice(0, hostBuilds.length).map((r) => r.metafile));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
