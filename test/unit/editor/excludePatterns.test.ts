import assert from "node:assert/strict";

import { enabledPatterns, excludedBy } from "../../../extension/editor/excludePatterns";

describe("files.exclude patterns on watcher paths", () => {
  const defaults = {
    "**/.git": true,
    "**/.svn": true,
    "**/.DS_Store": true,
    "**/node_modules": true,
    "**/*.code-search": true,
    "**/build": { when: "$(basename).ts" },
    "**/dist": false,
  };

  it("takes the enabled patterns of both settings, once", () => {
    assert.deepEqual(enabledPatterns([defaults, { "**/node_modules": true, "out/**": true }]), [
      "**/.git",
      "**/.svn",
      "**/.DS_Store",
      "**/node_modules",
      "**/*.code-search",
      "out/**",
    ]);
  });

  it("excludes what is inside an excluded folder, at any depth", () => {
    const excluded = excludedBy(enabledPatterns([defaults]));
    assert.equal(excluded(".git/HEAD"), true);
    assert.equal(excluded("repo/.git/hooks/fsmonitor-watchman.sample"), true);
    assert.equal(excluded("a/b/node_modules/x/index.js"), true);
    assert.equal(excluded("notes.code-search"), true);
    assert.equal(excluded("src/.DS_Store"), true);
    // Not excluded: a name that only contains an excluded one, a disabled or conditional pattern.
    assert.equal(excluded("src/.gitignore"), false);
    assert.equal(excluded("docs/git/notes.md"), false);
    assert.equal(excluded("dist/app.js"), false);
    assert.equal(excluded("build/app.js"), false);
    assert.equal(excluded("src/app.ts"), false);
  });

  it("reads *, ?, {a,b} and [..] as VS Code's globs do", () => {
    const excluded = (pattern: string, path: string) => excludedBy([pattern])(path);
    assert.ok(excluded("out/**", "out/a/b.js"));
    assert.ok(excluded("*.{log,tmp}", "x.tmp"));
    assert.ok(!excluded("*.{log,tmp}", "dir/x.tmp"), "* stays in one folder");
    assert.ok(excluded("**/*.{log,tmp}", "dir/x.tmp"));
    assert.ok(excluded("file?.txt", "file1.txt"));
    assert.ok(excluded("[!a]*.md", "b.md"));
    assert.ok(!excluded("[!a]*.md", "a.md"));
    assert.ok(excluded("a+b(c).txt", "a+b(c).txt"), "regex characters are literal");
    assert.ok(excluded("**/.git", ".github/.git/config"), "names starting with a dot match");
  });

  it("excludes nothing without patterns", () => {
    assert.equal(excludedBy([])(".git/HEAD"), false);
  });
});
