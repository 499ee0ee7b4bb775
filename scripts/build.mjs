// Builds the extension host bundle and the webview bundle into dist/.
//   node scripts/build.mjs            one production build (minified, with linked source maps)
//   node scripts/build.mjs --watch    rebuilds on change, unminified
import * as esbuild from "esbuild";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
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
 * Host code that activation does not need, in files of their own in dist/ (`dist/<name>.js`),
 * loaded where the source requires it lazily (`require(...)` inside a function; not `import()`,
 * which a CommonJS bundle hands to Node's ES module loader), so activation reads and compiles a
 * smaller dist/host.js (bench 5). Keyed by what the source imports, resolved: a repository
 * file, or a package name.
 */
export const HOST_CHUNKS = {
  "extension/appServer/rpcClient.ts": "appServerRpc",
  picomatch: "picomatch",
  "extension/checkpoints/index.ts": "checkpoints",
  "extension/chat.ts": "chat",
  "extension/export/exportFlow.ts": "exportThread",
};

/** The host bundle; the extension's entry (dist/extension.js) loads it with V8's code cache. */
const HOST_MAIN = "host";
const HOST_ENTRY = "extension";

/** @type {import('esbuild').BuildOptions} */
const hostCommon = {
  ...common,
  outdir: "dist",
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
};

const repoPath = (file) => path.relative(repoRoot, file).split(path.sep).join("/");

/**
 * Resolves, in the host build of `self`, an import of another HOST_CHUNKS file to that file, and
 * an import of a module in `fromMain` to dist/host.js's copy of it (its `__hostModules`
 * export), so each module exists once at run time: one set of classes for `instanceof`, one
 * copy of module state.
 */
function hostPlugin(self, fromMain = new Set()) {
  const skip = "host-plugin";
  return {
    name: "host",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === skip || args.kind === "entry-point") return undefined;
        // `vscode` and Node's modules: one require of each per file, however many modules import
        // them (the extension host intercepts every require: a lookup and a realpath each).
        if (args.path === "vscode" || isBuiltin(args.path)) {
          return args.namespace === "host-require"
            ? { path: args.path, external: true }
            : { path: args.path, namespace: "host-require" };
        }
        if (args.namespace !== "file") return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: skip,
        });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const key = repoPath(resolved.path);
        const chunk = HOST_CHUNKS[key] ?? HOST_CHUNKS[args.path];
        if (chunk && chunk !== self) return { path: `./${chunk}.js`, external: true };
        if (self !== HOST_MAIN && fromMain.has(key)) return { path: key, namespace: "host-main" };
        return { path: resolved.path, sideEffects: resolved.sideEffects };
      });
      // Through the entry, which holds the host bundle's exports (see extension/entry.ts).
      build.onResolve({ filter: /^host-main$/ }, () => ({
        path: `./${HOST_ENTRY}.js`,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: "host-require" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "host-main" }, (args) => ({
        contents: `module.exports = require("host-main").__hostModules[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

/** dist/host.js, exporting its copy of the `shared` modules for the chunks. */
function mainBuild(shared) {
  const modules = [...shared].sort();
  const entry =
    `export * from "./extension/extension.ts";\n` +
    modules
      .map((key, index) => `import * as m${index} from ${JSON.stringify(`./${key}`)};\n`)
      .join("") +
    `export const __hostModules = {\n` +
    modules.map((key, index) => `  ${JSON.stringify(key)}: m${index},\n`).join("") +
    `};\n`;
  return {
    ...hostCommon,
    entryPoints: { [HOST_MAIN]: "host-entry" },
    plugins: [
      {
        name: "host-entry",
        setup(build) {
          build.onResolve({ filter: /^host-entry$/ }, () => ({
            path: "host-entry",
            namespace: "host-entry",
          }));
          build.onLoad({ filter: /.*/, namespace: "host-entry" }, () => ({
            contents: modules.length ? entry : `export * from "./extension/extension.ts";\n`,
            resolveDir: repoRoot,
            loader: "js",
          }));
        },
      },
      hostPlugin(HOST_MAIN),
    ],
  };
}

function chunkBuild(entry, name, fromMain) {
  return { ...hostCommon, entryPoints: { [name]: entry }, plugins: [hostPlugin(name, fromMain)] };
}

const bundledInputs = (result) =>
  Object.keys(Object.values(result.metafile.outputs).find((output) => output.entryPoint).inputs);

/**
 * The host's builds: the entry dist/extension.js, the bundle dist/host.js and one file per
 * HOST_CHUNKS entry. A dry run first finds the repository modules a chunk shares with
 * dist/host.js (served by it then); one that two chunks share and dist/host.js does not bundle
 * fails the build (give it a chunk of its own). Packages (stateless libraries here) are bundled
 * into each file that needs them.
 */
export async function hostBuilds(overrides = {}) {
  const dry = { ...overrides, write: false, metafile: true, logLevel: "silent" };
  const [main, ...chunks] = await Promise.all([
    esbuild.build({ ...mainBuild(new Set()), ...dry }),
    ...Object.entries(HOST_CHUNKS).map(([entry, name]) =>
      esbuild.build({ ...chunkBuild(entry, name), ...dry }),
    ),
  ]);
  const inMain = new Set(bundledInputs(main));
  const shared = new Set();
  const owners = new Map();
  for (const [index, name] of Object.values(HOST_CHUNKS).entries()) {
    for (const input of bundledInputs(chunks[index])) {
      // Packages are copied instead: a namespace export keeps all of a package (valibot whole).
      if (input.split("/").includes("node_modules")) continue;
      // This plugin's own modules (`host-require:vscode`, …): each file has its own.
      if (/^[\w-]+:/.test(input)) continue;
      if (inMain.has(input)) shared.add(input);
      else owners.set(input, [...(owners.get(input) ?? []), name]);
    }
  }
  const twice = [...owners].filter(([, names]) => names.length > 1);
  if (twice.length > 0) {
    throw new Error(
      "modules bundled into two host chunks (give them a HOST_CHUNKS entry of their own):\n" +
        twice.map(([input, names]) => `  ${input}: ${names.join(", ")}`).join("\n"),
    );
  }
  return [
    { ...hostCommon, entryPoints: { [HOST_ENTRY]: "extension/entry.ts" }, ...overrides },
    { ...mainBuild(shared), ...overrides },
    ...Object.entries(HOST_CHUNKS).map(([entry, name]) => ({
      ...chunkBuild(entry, name, shared),
      ...overrides,
    })),
  ];
}

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

/**
 * Scripts in dist/ that no build writes any more (a chunk renamed or gone): they would ship. And
 * code caches of earlier builds (extension/codeCache.ts), so a bench starts without one.
 */
function removeStaleScripts() {
  const dist = path.join(repoRoot, "dist");
  if (!existsSync(dist)) return;
  const current = new Set([HOST_ENTRY, HOST_MAIN, "webview", ...Object.values(HOST_CHUNKS)]);
  for (const name of readdirSync(dist)) {
    const stem = /^(.+)\.js(\.map|\.LEGAL\.txt)?$/.exec(name)?.[1];
    if ((stem && !current.has(stem)) || name.endsWith(".cache")) rmSync(path.join(dist, name));
  }
}

async function main() {
  removeStaleScripts();
  // In watch mode the modules the chunks share with dist/host.js are found once, at start.
  const builds = [...(await hostBuilds()), webviewBuild];
  if (watch) {
    const contexts = await Promise.all(builds.map((o) => esbuild.context(o)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((o) => esbuild.build(o)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message ?? error);
    process.exit(1);
  });
}
