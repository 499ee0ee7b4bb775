import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { ShadowIndex, type IndexEntry } from "../../../extension/checkpoints/shadowIndex";

const file = (hash: string, size = 3): IndexEntry => ({
  type: "file",
  size,
  mtime: 1.5,
  ctime: 2.25,
  ino: 7,
  mode: 0o755,
  hash,
});

describe("checkpoint shadow index", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "codex-shadow-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reloads entries from the snapshot plus the journal of later changes", async () => {
    const index = new ShadowIndex(path.join(dir, "index.json"));
    for (let i = 0; i < 2_500; i++) index.set(`f${i}`, file(`h${i}`)); // past the journal cap
    await index.flush();
    index.set("f1", file("changed", 9));
    index.delete("f2");
    index.set("link", {
      type: "symlink",
      size: 1,
      mtime: 0,
      ctime: 0,
      ino: 1,
      mode: 0o777,
      target: "f1",
    });
    index.set("big", { ...file("", 99), hash: undefined, tooLarge: true, racy: true });
    await index.flush();

    const reloaded = new ShadowIndex(path.join(dir, "index.json"));
    await reloaded.load();
    assert.equal(reloaded.entries.size, 2_501);
    assert.deepEqual(reloaded.entries.get("f1"), file("changed", 9));
    assert.equal(reloaded.entries.has("f2"), false);
    assert.equal(reloaded.entries.get("link")!.target, "f1");
    assert.equal(reloaded.entries.get("big")!.tooLarge, true);
    assert.equal(reloaded.entries.get("big")!.racy, true);
  });

  it("stops at a torn journal line (a crash mid-write only costs re-hashing)", async () => {
    const index = new ShadowIndex(path.join(dir, "index.json"));
    index.set("a", file("ha"));
    await index.flush();
    appendFileSync(path.join(dir, "index.json.journal"), '["b",0,3,1');
    const reloaded = new ShadowIndex(path.join(dir, "index.json"));
    await reloaded.load();
    assert.deepEqual([...reloaded.entries.keys()], ["a"]);
  });
});
