import assert from "node:assert/strict";

import {
  FileMentionIndex,
  type FileSource,
  MentionCorpus,
  rankMentions,
} from "../../../extension/editor/fileMentions";

const top = (query: string, paths: readonly string[] | MentionCorpus, limit = 5) =>
  rankMentions(query, paths, limit).map((match) => match.path);

describe("rankMentions", () => {
  it("keeps the same top results when the cut-off skips folder-only matches", () => {
    // Many paths match the query only in a folder: the top-K cut-off skips them by an upper
    // bound of their score. The kept results must be the head of the full ranking.
    const folders = ["src", "Src", "lib/src", "s/r/c", "srcMain", "a-src", "x_src", "sRc"];
    const names = ["index.ts", "srcMap.ts", "Button.tsx", "rc.json", "c", "s.rc", "fooBarCs.ts"];
    const paths: string[] = [];
    for (let i = 0; i < 400; i++) {
      const folder = folders[i % folders.length]!;
      const name = names[(i * 7) % names.length]!;
      paths.push(`${"deep/".repeat(i % 5)}${folder}/${i % 3 ? "comp" : "Comp"}${i}/${name}`);
    }
    for (const query of ["sr", "src", "src/", "src/c", "srcm", "rc", "s/c", "scs"]) {
      const full = rankMentions(query, paths, paths.length);
      for (const limit of [1, 5, 50]) {
        assert.deepEqual(
          rankMentions(query, paths, limit),
          full.slice(0, limit),
          `${query} ${limit}`,
        );
      }
    }
  });

  it("puts an exact basename first", () => {
    const paths = ["src/index.ts.bak", "lib/my-index.ts", "src/deep/nested/index.ts", "index.tsx"];
    assert.equal(top("index.ts", paths)[0], "src/deep/nested/index.ts");
  });

  it("prefers basename matches over directory matches", () => {
    const paths = ["mentions/a/b/util.ts", "src/fileMentions.ts"];
    assert.deepEqual(top("mentions", paths), ["src/fileMentions.ts", "mentions/a/b/util.ts"]);
  });

  it("prefers word-boundary and camelCase matches", () => {
    const paths = ["src/formatMessage.ts", "src/fileMentions.ts"];
    assert.equal(top("fm", paths)[0], "src/fileMentions.ts");
    assert.equal(top("todocl", ["x/todoCodeLens.ts", "x/todayCoolest.ts"])[0], "x/todoCodeLens.ts");
  });

  it("prefers consecutive runs", () => {
    assert.equal(top("lens", ["a/l-e-n-s.ts", "a/codeLens.ts"])[0], "a/codeLens.ts");
  });

  it("prefers shorter paths among equals, then alphabetical order", () => {
    assert.deepEqual(top("readme", ["docs/a/README.md", "README.md", "docs/README.md"]), [
      "README.md",
      "docs/README.md",
      "docs/a/README.md",
    ]);
  });

  it("matches path segments with slashes, and ignores case and spaces", () => {
    const paths = ["extension/editor/fileMentions.ts", "extension/bridge/files.ts"];
    assert.equal(top("ext/ed/fm", paths)[0], "extension/editor/fileMentions.ts");
    assert.equal(top("FILE mentions", paths)[0], "extension/editor/fileMentions.ts");
  });

  it("leaves out paths that are not a subsequence", () => {
    assert.deepEqual(top("xyz", ["abc.ts", "x/y.ts"]), []);
    assert.deepEqual(top("ba", ["ab"]), []);
  });

  it("returns the shortest paths for an empty query, and nothing for limit 0", () => {
    assert.deepEqual(top("", ["a/b/c.ts", "a.ts", "b/c.ts"], 2), ["a.ts", "b/c.ts"]);
    assert.deepEqual(top("a", ["a.ts"], 0), []);
  });

  it("narrows while typing without losing matches, and notices corpus changes", () => {
    const corpus = new MentionCorpus(["src/alpha.ts", "src/beta.ts"]);
    assert.deepEqual(top("a", corpus).sort(), ["src/alpha.ts", "src/beta.ts"]);
    assert.deepEqual(top("al", corpus), ["src/alpha.ts"]);
    corpus.add("src/algebra.ts");
    assert.deepEqual(top("alg", corpus), ["src/algebra.ts"]);
    corpus.remove("src/algebra.ts");
    assert.deepEqual(top("alg", corpus), []);
  });

  it("ranks 50,000 paths correctly", () => {
    const words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"];
    const paths: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const a = words[i % words.length]!;
      const b = words[(i * 7) % words.length]!;
      paths.push(`src/${a}/${b}-${i}/${b}${a[0]!.toUpperCase()}${a.slice(1)}${i}.ts`);
    }
    paths.push("src/editor/fileMentions.ts");
    const corpus = new MentionCorpus(paths);
    assert.equal(corpus.size, 50_001);
    let query = "";
    for (const ch of "fileMentions.ts") {
      query += ch;
      const results = rankMentions(query, corpus, 20);
      assert.ok(results.length > 0 && results.length <= 20);
      for (let i = 1; i < results.length; i++) {
        assert.ok(results[i - 1]!.score >= results[i]!.score, "sorted best first");
      }
      if (query.length >= 5) assert.equal(results[0]!.path, "src/editor/fileMentions.ts");
    }
    const target = paths[12_345]!;
    const basename = target.slice(target.lastIndexOf("/") + 1);
    assert.equal(rankMentions(basename, corpus, 5)[0]!.path, target);
    assert.deepEqual(rankMentions("qqq", corpus, 5), []);
  });
});

describe("FileMentionIndex", () => {
  function fakeSource(files: string[]) {
    let listener: { created(path: string): void; deleted(path: string): void } | undefined;
    let listings = 0;
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source: FileSource = {
      async listFiles() {
        listings++;
        await gate;
        return [...files];
      },
      watch(callbacks) {
        listener = callbacks;
        return { dispose: () => (listener = undefined) };
      },
    };
    return {
      source,
      emit: (kind: "created" | "deleted", path: string) => listener?.[kind](path),
      release: () => release?.(),
      listings: () => listings,
      watching: () => listener !== undefined,
    };
  }

  it("lists lazily once, and applies watcher events (also those during the listing)", async () => {
    const fake = fakeSource(["src/a.ts", "src/old/b.ts", "src/old/c.ts"]);
    const index = new FileMentionIndex(fake.source);
    assert.equal(fake.listings(), 0);
    const first = index.search("a");
    fake.emit("created", "src/new.ts");
    fake.release();
    await first;
    assert.equal(fake.listings(), 1);
    assert.deepEqual(
      (await index.search("new")).map((m) => m.path),
      ["src/new.ts"],
    );
    fake.emit("deleted", "src/old");
    assert.deepEqual(await index.search("old"), []);
    assert.equal(fake.listings(), 1);
    index.dispose();
    assert.equal(fake.watching(), false);
  });

  it("retries the listing after a failure", async () => {
    let calls = 0;
    const index = new FileMentionIndex({
      async listFiles() {
        calls++;
        if (calls === 1) throw new Error("no workspace yet");
        return ["a.ts"];
      },
      watch: () => ({ dispose() {} }),
    });
    await assert.rejects(index.search("a"), /no workspace yet/);
    assert.deepEqual(
      (await index.search("a")).map((m) => m.path),
      ["a.ts"],
    );
  });
});
