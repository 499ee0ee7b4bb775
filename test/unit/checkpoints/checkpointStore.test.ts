import assert from "node:assert/strict";
import { lstatSync, symlinkSync, unlinkSync } from "node:fs";
import * as path from "node:path";

import { CheckpointStore, type FileChange, type TurnChanges } from "../../../extension/checkpoints";
import { TreeWatcher } from "../../../extension/checkpoints/treeWatcher";
import { sandbox, snapshotTree, type Sandbox } from "./treeSnapshot";

function byPath(turn: TurnChanges): Record<string, FileChange> {
  return Object.fromEntries(turn.files.map((f) => [f.path, f]));
}

/** Every behaviour holds while the tree is watched and in the full-walk fallback. */
const MODES = [
  { name: "watching", limits: {} },
  { name: "full-walk fallback", limits: { watch: false } },
];

for (const mode of MODES)
  describe(`checkpoint store (${mode.name})`, () => {
    let box: Sandbox;
    let store: CheckpointStore;

    beforeEach(async () => {
      box = sandbox();
      box.write("src/a.ts", "one\ntwo\nthree\n");
      box.write("src/b.ts", "keep me\n");
      box.write("docs/old.md", "# moved\nbody\n");
      box.write("gone.txt", "delete me\n");
      store = await CheckpointStore.open(box.storage, box.root, mode.limits);
      await store.prepare();
    });

    afterEach(async () => {
      await store.close();
      box.dispose();
    });

    async function turnWith(id: string, act: () => void): Promise<TurnChanges> {
      const turn = await store.beginTurn("thread-1", id);
      act();
      return store.finishTurn(turn);
    }

    it("captures what shell commands did (rewrite, rm, mv, create) and undoes it byte for byte", async () => {
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () =>
        box.sh(
          "sed -i 's/two/TWO/' src/a.ts && rm gone.txt && mv docs/old.md docs/new.md && " +
            "printf 'fresh\\n' > src/c.ts",
        ),
      );
      const files = byPath(turn);
      assert.deepEqual(Object.keys(files).sort(), [
        "docs/new.md",
        "gone.txt",
        "src/a.ts",
        "src/c.ts",
      ]);
      assert.equal(files["src/a.ts"]!.kind, "modified");
      assert.equal(files["src/a.ts"]!.added, 1);
      assert.equal(files["src/a.ts"]!.removed, 1);
      assert.equal(files["gone.txt"]!.kind, "deleted");
      assert.equal(files["gone.txt"]!.removed, 1);
      assert.equal(files["docs/new.md"]!.kind, "renamed");
      assert.equal(files["docs/new.md"]!.previousPath, "docs/old.md");
      assert.equal(files["src/c.ts"]!.kind, "added");
      assert.equal(files["src/c.ts"]!.added, 1);
      assert.equal(turn.incomplete, false);

      const result = await store.undoTurn("thread-1", "t1");
      assert.equal(result.complete, true);
      assert.deepEqual(
        result.files.map((f) => f.outcome),
        ["restored", "restored", "restored", "restored"],
      );
      assert.deepEqual(snapshotTree(box.root), before);
      assert.ok(store.getTurn("thread-1", "t1")!.undone, "the turn is marked undone");
      await assert.rejects(store.undoTurn("thread-1", "t1"), /already undone/);
    });

    it("files the turn under the id codex gives it after it was begun", async () => {
      const handle = await store.beginTurn("thread-1", "provisional");
      box.write("src/b.ts", "codex\n");
      const turn = await store.finishTurn(handle, { turnId: "turn-from-codex" });
      assert.equal(turn.turnId, "turn-from-codex");
      assert.equal(store.getTurn("thread-1", "provisional"), undefined);
      await store.undoTurn("thread-1", "turn-from-codex");
      assert.equal(box.read("src/b.ts").toString(), "keep me\n");
    });

    it("keeps binary files exact and marks them binary", async () => {
      const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 0, 10, 13]);
      box.write("assets/logo.png", image);
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () => box.write("assets/logo.png", Buffer.from([0, 0, 7])));
      const change = byPath(turn)["assets/logo.png"]!;
      assert.equal(change.binary, true);
      assert.equal(change.added + change.removed, 0);
      const pair = await store.beforeAfter("thread-1", "t1", "assets/logo.png");
      assert.deepEqual(pair.before, image);
      assert.deepEqual(pair.after, Buffer.from([0, 0, 7]));
      await store.undoTurn("thread-1", "t1");
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("restores the executable bit (a mode-only change)", async () => {
      box.write("run.sh", "#!/bin/sh\necho hi\n", 0o644);
      const turn = await turnWith("t1", () => box.sh("chmod +x run.sh"));
      const change = byPath(turn)["run.sh"]!;
      assert.equal(change.kind, "modified");
      assert.equal(change.modeOnly, true);
      await store.undoTurn("thread-1", "t1");
      assert.equal(lstatSync(path.join(box.root, "run.sh")).mode & 0o777, 0o644);
    });

    it("creates, retargets and deletes symlinks, never following them", async () => {
      symlinkSync("src/a.ts", path.join(box.root, "link-a"));
      symlinkSync("src/b.ts", path.join(box.root, "link-b"));
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () => {
        unlinkSync(path.join(box.root, "link-a"));
        symlinkSync("src/b.ts", path.join(box.root, "link-a"));
        unlinkSync(path.join(box.root, "link-b"));
        symlinkSync("../outside", path.join(box.root, "link-new"));
      });
      const files = byPath(turn);
      assert.equal(files["link-a"]!.kind, "modified");
      assert.deepEqual(files["link-a"]!.after, { type: "symlink", target: "src/b.ts" });
      assert.equal(files["link-b"]!.kind, "deleted");
      assert.equal(files["link-new"]!.kind, "added");
      await store.undoTurn("thread-1", "t1");
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("removes folders the turn created and recreates folders it deleted", async () => {
      box.write("old/deep/x.txt", "x\n");
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () =>
        box.sh("mkdir -p new/deeper && echo y > new/deeper/y.txt && rm -r old"),
      );
      assert.deepEqual(turn.directories.added, ["new", "new/deeper"]);
      assert.deepEqual(turn.directories.deleted, ["old", "old/deep"]);
      await store.undoTurn("thread-1", "t1");
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("undoes a moved folder and a file replaced by a folder", async () => {
      box.write("lib/one.ts", "1\n");
      box.write("lib/two.ts", "2\n");
      box.write("config", "a file\n");
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () =>
        box.sh("mv lib pkg && rm config && mkdir config && echo x > config/settings.json"),
      );
      const files = byPath(turn);
      assert.equal(files["pkg/one.ts"]!.kind, "renamed");
      assert.equal(files["pkg/one.ts"]!.previousPath, "lib/one.ts");
      assert.equal(files["config"]!.kind, "deleted");
      assert.equal(files["config/settings.json"]!.kind, "added");
      assert.deepEqual(turn.directories, { added: ["config", "pkg"], deleted: ["lib"] });
      const result = await store.undoTurn("thread-1", "t1");
      assert.equal(result.complete, true);
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("keeps a file the user changed after the turn, says what would be lost, and overwrites only on request", async () => {
      const turn = await turnWith("t1", () =>
        box.sh("echo added >> src/a.ts && echo b2 > src/b.ts"),
      );
      assert.equal(turn.files.length, 2);
      box.write("src/a.ts", "user rewrote\nthis file\n");

      const preview = await store.previewUndo("thread-1", "t1");
      const a = preview.find((f) => f.path === "src/a.ts")!;
      assert.equal(a.outcome, "kept-user-edit");
      assert.equal(a.userEdit!.kind, "modified");
      assert.equal(a.userEdit!.added, 2);
      assert.equal(a.userEdit!.removed, 4);
      assert.equal(preview.find((f) => f.path === "src/b.ts")!.outcome, "restored");
      assert.equal(box.read("src/b.ts").toString(), "b2\n", "a preview changes nothing");

      const result = await store.undoTurn("thread-1", "t1");
      assert.equal(result.complete, false, "a partial restore says so");
      assert.equal(result.files.find((f) => f.path === "src/a.ts")!.outcome, "kept-user-edit");
      assert.equal(box.read("src/a.ts").toString(), "user rewrote\nthis file\n");
      assert.equal(box.read("src/b.ts").toString(), "keep me\n");
    });

    it("overwrites the user's edit when asked, saving it first", async () => {
      await turnWith("t1", () => box.sh("echo added >> src/a.ts"));
      box.write("src/a.ts", "user text\n");
      const result = await store.undoTurn("thread-1", "t1", { overwriteUserEdits: true });
      const a = result.files[0]!;
      assert.equal(a.outcome, "overwrote-user-edit");
      assert.ok(a.savedAs, "the overwritten content is kept");
      assert.equal(result.complete, true);
      assert.equal(box.read("src/a.ts").toString(), "one\ntwo\nthree\n");
    });

    it("copies the user's edits made between turns before the next turn can overwrite them", async () => {
      box.write("src/a.ts", "user version\n");
      const turn = await turnWith("t1", () => box.write("src/a.ts", "codex version\n"));
      assert.equal(byPath(turn)["src/a.ts"]!.kind, "modified");
      await store.undoTurn("thread-1", "t1");
      assert.equal(box.read("src/a.ts").toString(), "user version\n");
    });

    it("restores to before a turn by undoing it and every later turn, latest first", async () => {
      const before = snapshotTree(box.root);
      await turnWith("t1", () => box.sh("echo 1 >> src/a.ts && echo new > n.txt"));
      await turnWith("t2", () => box.sh("echo 2 >> src/a.ts && rm n.txt && rm src/b.ts"));
      await turnWith("t3", () => box.sh("echo 3 >> src/a.ts"));
      const results = await store.restoreTo("thread-1", "t1");
      assert.deepEqual(
        results.map((r) => [r.turnId, r.complete]),
        [
          ["t3", true],
          ["t2", true],
          ["t1", true],
        ],
      );
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("reports nothing for a turn that changed nothing, or changed a file and changed it back", async () => {
      const turn = await turnWith("t1", () =>
        box.sh(
          "cp src/a.ts /tmp/ck-$$ && echo x > src/a.ts && cp /tmp/ck-$$ src/a.ts && rm /tmp/ck-$$",
        ),
      );
      assert.deepEqual(turn.files, []);
      assert.equal(turn.incomplete, false);
    });

    it("never reads or touches .git, and a commit there is not a change", async () => {
      box.write(".git/HEAD", "ref: refs/heads/main\n");
      box.write(".git/index", Buffer.from([1, 2, 3]));
      box.write("vendor/lib/.git", "gitdir: ../../.git/modules/lib\n");
      const turn = await turnWith("t1", () =>
        box.sh("echo changed > .git/HEAD && echo 'x' >> src/b.ts && echo y > .git/new"),
      );
      assert.deepEqual(
        turn.files.map((f) => f.path),
        ["src/b.ts"],
      );
      assert.equal(turn.incomplete, false);
      const gitBefore = snapshotTree(path.join(box.root, ".git"));
      await store.undoTurn("thread-1", "t1");
      assert.deepEqual(snapshotTree(path.join(box.root, ".git")), gitBefore);
    });

    it("works in a folder that is not a Git repository and refuses storage inside the workspace", async () => {
      await assert.rejects(
        CheckpointStore.open(path.join(box.root, ".codex-store"), box.root),
        /outside the workspace/,
      );
    });

    describe("incomplete checkpoints", () => {
      it("marks a turn that changed a file over the size cap, and does not pretend to undo it", async () => {
        await store.close();
        box.write("big.bin", Buffer.alloc(2048, 1));
        store = await CheckpointStore.open(box.storage, box.root, {
          ...mode.limits,
          maxFileBytes: 1024,
        });
        await store.prepare();
        const turn = await turnWith("t1", () =>
          box.sh("printf x >> big.bin && echo z >> src/a.ts"),
        );
        assert.equal(turn.incomplete, true);
        assert.deepEqual(turn.incompleteReasons, [{ path: "big.bin", reason: "too-large" }]);
        const result = await store.undoTurn("thread-1", "t1");
        assert.equal(result.files.find((f) => f.path === "big.bin")!.outcome, "not-restorable");
        assert.equal(result.files.find((f) => f.path === "src/a.ts")!.outcome, "restored");
        assert.equal(result.complete, false);
      });

      it("marks a turn that changed a skipped folder (node_modules)", async () => {
        box.write("node_modules/pkg/index.js", "module.exports = 1;\n");
        await store.prepare();
        const turn = await turnWith("t1", () => box.sh("mkdir node_modules/other"));
        assert.equal(turn.incomplete, true);
        assert.deepEqual(turn.incompleteReasons, [
          { path: "node_modules", reason: "skipped-folder-changed" },
        ]);
      });

      it("captures a patch's files inside a skipped folder when told ahead", async () => {
        box.write("node_modules/pkg/index.js", "module.exports = 1;\n");
        await store.prepare();
        const handle = await store.beginTurn("thread-1", "t1");
        await store.recordPatch(handle, [path.join(box.root, "node_modules/pkg/index.js")]);
        box.write("node_modules/pkg/index.js", "module.exports = 2;\n");
        const turn = await store.finishTurn(handle);
        assert.equal(turn.incomplete, false);
        assert.deepEqual(
          turn.files.map((f) => [f.path, f.kind]),
          [["node_modules/pkg/index.js", "modified"]],
        );
        await store.undoTurn("thread-1", "t1");
        assert.equal(box.read("node_modules/pkg/index.js").toString(), "module.exports = 1;\n");
      });
    });

    it("survives a restart: turns, undo and the shadow index come back from disk", async () => {
      const before = snapshotTree(box.root);
      const turn = await turnWith("t1", () => box.sh("echo more >> src/a.ts && rm src/b.ts"));
      const entries = store.usage().indexEntries;
      await store.close();

      store = await CheckpointStore.open(box.storage, box.root, mode.limits);
      assert.deepEqual(store.getTurn("thread-1", "t1"), turn);
      assert.deepEqual(
        store.listTurns("thread-1").map((t) => t.turnId),
        ["t1"],
      );
      assert.equal(store.usage().indexEntries, entries, "the index is loaded, not rebuilt");
      const scan = await store.prepare();
      assert.deepEqual(scan.changed, [], "the reloaded index matches the tree");
      await store.undoTurn("thread-1", "t1");
      assert.deepEqual(snapshotTree(box.root), before);
    });

    it("prunes the oldest threads first, only until the store fits the byte limit", async () => {
      const versions = ["a", "b", "c"].map((c) => `${c}\n`.repeat(5000));
      for (const [i, thread] of ["old", "middle", "new"].entries()) {
        const handle = await store.beginTurn(thread, "t");
        box.write("big.txt", versions[i]!);
        await store.finishTurn(handle);
      }
      const usage = store.usage();
      const { removedThreads, freed } = await store.prune(usage.blobBytes - 1);
      // Version a is still needed by "middle" (its before-state): only dropping both frees it.
      assert.deepEqual(removedThreads, ["old", "middle"]);
      assert.equal(freed, versions[0]!.length);
      assert.deepEqual(store.listTurns("old"), []);
      const undo = await store.undoTurn("new", "t");
      assert.equal(undo.complete, true);
      assert.equal(box.read("big.txt").toString(), versions[1]);
    });

    it("prunes by itself when a turn ends over the limit", async () => {
      await store.close();
      store = await CheckpointStore.open(box.storage, box.root, { ...mode.limits, maxBytes: 1 });
      const turn = await store.beginTurn("one", "t");
      box.write("one.txt", "one\n");
      await store.finishTurn(turn);
      assert.deepEqual(store.listTurns("one"), []);
    });

    it("never prunes a thread with a turn in progress", async () => {
      const early = await store.beginTurn("busy", "t1");
      box.write("busy.txt", "busy\n");
      await store.finishTurn(early);
      const running = await store.beginTurn("busy", "t2");
      const other = await store.beginTurn("other", "t");
      box.write("other.txt", "other\n");
      await store.finishTurn(other);
      const { removedThreads } = await store.prune(1);
      assert.deepEqual(removedThreads, ["other"]);
      assert.equal(store.listTurns("busy").length, 1);
      const last = await store.finishTurn(running);
      assert.deepEqual(last.overlappedWith, ["t"], "the overlap with the other thread is reported");
    });
  });

describe("checkpoint store: the watcher and its full-walk fallback", () => {
  let box: Sandbox;
  let store: CheckpointStore;

  beforeEach(async () => {
    box = sandbox();
    box.write("src/a.ts", "a\n");
    box.write("src/deep/b.ts", "b\n");
    box.write("docs/readme.md", "docs\n");
    box.write("node_modules/pkg/index.js", "1\n");
  });

  afterEach(async () => {
    await store.close();
    box.dispose();
  });

  it("re-stats only the changed paths while watching; walks the whole tree without a watcher", async () => {
    store = await CheckpointStore.open(box.storage, box.root);
    assert.equal((await store.prepare()).mode, "full");
    box.write("src/a.ts", "a2\n");
    const scan = await store.rescan();
    assert.equal(scan.mode, "changed");
    assert.deepEqual(scan.changed, ["src/a.ts"]);
    assert.ok(scan.entries < 5, `only the named paths were stat'ed (${scan.entries})`);
    assert.equal((await store.rescan({ full: true })).mode, "full");
    await store.close();

    store = await CheckpointStore.open(box.storage, box.root, { watch: false });
    await store.prepare();
    box.write("src/a.ts", "a3\n");
    const fallback = await store.rescan();
    assert.equal(fallback.mode, "full");
    assert.equal(fallback.fallback, "watcher-unavailable");
    assert.deepEqual(fallback.changed, ["src/a.ts"]);
  });

  it("follows folders created, moved and deleted between scans, and files changed in them", async () => {
    store = await CheckpointStore.open(box.storage, box.root);
    await store.prepare();
    const before = snapshotTree(box.root);
    const handle = await store.beginTurn("thread-1", "t1");
    // The moved folder's old watch still reports its files under the old path.
    box.sh(
      "mkdir -p gen/a/b && echo g > gen/a/b/g.ts && mv src lib && echo c > lib/deep/c.ts && " +
        "sed -i s/b/B/ lib/deep/b.ts && rm -r docs && mkdir node_modules/new",
    );
    const turn = await store.finishTurn(handle);
    assert.deepEqual(turn.files.map((f) => [f.path, f.kind]).sort(), [
      ["docs/readme.md", "deleted"],
      ["gen/a/b/g.ts", "added"],
      ["lib/a.ts", "renamed"],
      ["lib/deep/b.ts", "added"], // moved and edited: no longer the same content
      ["lib/deep/c.ts", "added"],
      ["src/deep/b.ts", "deleted"],
    ]);
    assert.deepEqual(turn.incompleteReasons, [
      { path: "node_modules", reason: "skipped-folder-changed" },
    ]);
    // The folders' new places are watched: a later change there is seen.
    const next = await store.beginTurn("thread-1", "t2");
    box.sh("echo more >> lib/deep/c.ts && echo x > gen/a/b/x.ts");
    const second = await store.finishTurn(next);
    assert.deepEqual(second.files.map((f) => f.path).sort(), ["gen/a/b/x.ts", "lib/deep/c.ts"]);
    assert.equal((await store.rescan()).mode, "changed", "still watching, no fallback");
    await store.restoreTo("thread-1", "t1");
    box.sh("rmdir node_modules/new");
    assert.deepEqual(snapshotTree(box.root), before);
  });

  it("the safety walk catches a change no event announced, and falls back to full walks", async () => {
    const fallbacks: string[] = [];
    store = await CheckpointStore.open(box.storage, box.root, {}, (stats) =>
      fallbacks.push(`${stats.fallback}`),
    );
    await store.prepare();
    assert.deepEqual(await store.verify(), [], "nothing missed");
    box.write("src/a.ts", "unannounced\n");
    // Lose the event, as an overflowing kernel queue would.
    const watcher = (store as unknown as { scanner: { watcher: TreeWatcher } }).scanner.watcher;
    await watcher.flush();
    watcher.take();
    assert.deepEqual(await store.verify(), ["src/a.ts"]);
    box.write("docs/readme.md", "later\n");
    const scan = await store.rescan();
    assert.equal(scan.mode, "full");
    assert.equal(scan.fallback, "watcher-missed-change");
    assert.deepEqual(scan.changed, ["docs/readme.md"]);
    assert.deepEqual(fallbacks, ["watcher-missed-change", "watcher-missed-change"], "logged");
  });
});

describe("checkpoint tree watcher", () => {
  it("names the changed paths, and asks for a full walk past the kernel queue's length", async () => {
    const box = sandbox();
    const watcher = new TreeWatcher(box.root, { maxEvents: 4, maxFolders: 10 });
    try {
      watcher.watch("", "tracked");
      box.write("one.txt", "1\n");
      await watcher.flush();
      assert.deepEqual([...watcher.take().paths], ["one.txt"]);
      assert.equal(watcher.needsFullWalk, undefined);
      box.sh("for i in 1 2 3 4 5 6; do echo $i > f$i; done");
      await watcher.flush();
      assert.equal(watcher.needsFullWalk, "watcher-overflow");
      watcher.resetAfterFullWalk();
      assert.equal(watcher.needsFullWalk, undefined);
    } finally {
      watcher.close();
      box.dispose();
    }
  });
});
