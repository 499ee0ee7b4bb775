/**
 * The host bundle's loader (extension/codeCache.ts): a CommonJS file run as `require` would, a V8
 * code cache beside it named by the source's hash, used by the next load, and no trouble when
 * the cache is stale, damaged or cannot be written.
 */
import * as assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { cacheFileFor, loadWithCodeCache, type ModuleInternals } from "../../extension/codeCache";

describe("code cache loader", function () {
  let dir: string;
  let file: string;
  const source = (n: number) =>
    `exports.value = require("./helper.js").base + ${n};\nexports.dir = __dirname;\n`;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "codex-code-cache-"));
    file = path.join(dir, "host.js");
    writeFileSync(path.join(dir, "helper.js"), "exports.base = 40;\n");
    writeFileSync(file, source(2));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const caches = () => readdirSync(dir).filter((name) => name.endsWith(".cache"));

  it("runs the file as require would: its exports, its own relative require, __dirname", () => {
    const loaded = loadWithCodeCache(file, module);
    assert.deepEqual(loaded.exports, { value: 42, dir });
    assert.equal(loaded.usedCache, false);
  });

  it("saves a cache beside the file that the next load takes; then there is nothing to save", () => {
    loadWithCodeCache(file, module).saveCache();
    assert.deepEqual(caches(), [path.basename(cacheFileFor(file, source(2)))]);
    const again = loadWithCodeCache(file, module);
    assert.equal(again.usedCache, true);
    assert.deepEqual(again.exports, { value: 42, dir });
    again.saveCache();
    assert.equal(caches().length, 1);
  });

  it("a changed file of the same length does not take the old cache (V8 checks only length)", () => {
    loadWithCodeCache(file, module).saveCache();
    writeFileSync(file, source(3));
    const changed = loadWithCodeCache(file, module);
    assert.equal(changed.usedCache, false);
    assert.deepEqual(changed.exports, { value: 43, dir });
  });

  it("a damaged cache is rejected by V8, the file still runs, and the cache is written again", () => {
    writeFileSync(cacheFileFor(file, source(2)), "not a code cache");
    const loaded = loadWithCodeCache(file, module);
    assert.equal(loaded.usedCache, false);
    assert.deepEqual(loaded.exports, { value: 42, dir });
    loaded.saveCache();
    assert.equal(loadWithCodeCache(file, module).usedCache, true);
  });

  it("a cache that cannot be written is no error, and leaves nothing behind", () => {
    const loaded = loadWithCodeCache(file, module);
    rmSync(dir, { recursive: true, force: true });
    assert.doesNotThrow(() => loaded.saveCache());
    assert.equal(existsSync(dir), false);
  });

  it("a Node without the module internals it uses loads the file the ordinary way, uncached", () => {
    // A stand-in: Node's Module.wrap is an accessor whose setter would change the real one.
    const withoutInternals = {} as unknown as ModuleInternals;
    const loaded = loadWithCodeCache(file, module, withoutInternals);
    assert.deepEqual(loaded.exports, { value: 42, dir });
    assert.equal(loaded.usedCache, false);
    loaded.saveCache();
    assert.deepEqual(caches(), [], "no cache written");
  });
});
