/**
 * Loads a CommonJS file through V8's code cache, so the extension host does not compile the host
 * bundle again in every window (bench 5: compiling dist/host.js was a fifth of activation).
 *
 * The cache lives beside the file: only who may change the file may change its cache, so it
 * opens no new way in, and it goes away with the extension's folder on an update. Its name
 * carries a hash of the source, since V8's own check of a cache is only the source's length.
 * `saveCache()` writes it (to a temporary file, then renamed: two windows may write at once)
 * when there was none or V8 rejected it; run after activation, it also holds the functions
 * activation compiled. A folder that cannot be written just means no cache.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import vm from "node:vm";

/** Node's module internals this uses (as `require` itself does). Exported for tests. */
export interface ModuleInternals {
  new (id: string, parent?: NodeJS.Module): NodeJS.Module & { paths: string[] };
  wrap(source: string): string;
  _nodeModulePaths(directory: string): string[];
}

export interface CodeCacheLoad {
  /** The file's `module.exports`. */
  exports: unknown;
  /** True when the cache was there and V8 took it. */
  usedCache: boolean;
  /** Writes the cache if it was missing or rejected; never throws. */
  saveCache(): void;
}

export function cacheFileFor(file: string, source: string): string {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  return `${file}.${hash}.cache`;
}

export function loadWithCodeCache(
  file: string,
  parent: NodeJS.Module,
  NodeModule = Module as unknown as ModuleInternals,
): CodeCacheLoad {
  // `wrap` and `_nodeModulePaths` are not public API: a Node without them loads the file the
  // ordinary way, only without the cache.
  if (typeof NodeModule.wrap !== "function" || typeof NodeModule._nodeModulePaths !== "function")
    return { exports: parent.require(file), usedCache: false, saveCache: () => undefined };
  const source = readFileSync(file, "utf8");
  const cacheFile = cacheFileFor(file, source);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // Not written yet.
  }
  const script = new vm.Script(NodeModule.wrap(source), { filename: file, cachedData });
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  const loaded = new NodeModule(file, parent);
  loaded.filename = file;
  loaded.paths = NodeModule._nodeModulePaths(path.dirname(file));
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const requireFromFile = (id: string): unknown => loaded.require(id);
  run.call(loaded.exports, loaded.exports, requireFromFile, loaded, file, path.dirname(file));
  loaded.loaded = true;
  return {
    exports: loaded.exports,
    usedCache,
    saveCache: () => {
      if (usedCache) return;
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}
