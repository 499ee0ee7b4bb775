import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";

import { CheckpointStore, sharedBlobs } from "../../../../extension/checkpoints";
import { silentLogger } from "../../../../extension/log";
import { PendingPersistence } from "../../../../extension/review/inline/pendingPersistence";
import type { PendingSnapshot } from "../../../../extension/review/inline/pendingChanges";
import { sandbox, type Sandbox } from "../../checkpoints/treeSnapshot";

const big = "line\n".repeat(100_000); // 500 KB: what workspaceState must not hold
const snapshot: PendingSnapshot = {
  version: 1,
  files: [
    { path: "/w/a.ts", threadId: "th", turnIds: ["t1"], baseline: big, after: `${big}more\n` },
    { path: "/w/img.png", threadId: "th", turnIds: ["t1"], baseline: null, noInline: "binary" },
  ],
};

describe("review/inline: pending set persistence", () => {
  let box: Sandbox;
  beforeEach(() => (box = sandbox()));
  afterEach(() => box.dispose());

  function setup(withStore: boolean) {
    let state: unknown;
    const persistence = new PendingPersistence(
      () => (withStore ? sharedBlobs(box.storage, box.root) : Promise.resolve(undefined)),
      (value) => {
        state = value === undefined ? undefined : structuredClone(value);
        return Promise.resolve();
      },
      silentLogger,
    );
    return { persistence, state: () => state };
  }

  it("keeps the texts as checkpoint blobs (workspaceState holds hashes) and reads them back", async () => {
    const { persistence, state } = setup(true);
    await persistence.save(snapshot);
    const saved = JSON.stringify(state());
    assert.ok(saved.length < 2_000, `workspaceState holds no texts (${saved.length} chars)`);
    assert.equal((state() as { version: number }).version, 2);
    assert.deepEqual(await setup(true).persistence.load(state()), snapshot);
  });

  it("the blobs it needs survive the store's pruning; texts gone drop their file", async () => {
    const { persistence, state } = setup(true);
    await persistence.save(snapshot);
    const store = await CheckpointStore.open(box.storage, box.root, { watch: false });
    await store.prepare();
    const turn = await store.beginTurn("old", "t");
    box.write("x.txt", "x\n");
    await store.finishTurn(turn);
    box.write("x.txt", "y\n");
    await store.rescan(); // the index moves on: the turn's blobs are the thread's only
    const { removedThreads, freed } = await store.prune(0);
    await store.close();
    assert.deepEqual(removedThreads, ["old"]);
    assert.ok(freed > 0, "the sweep ran");
    assert.deepEqual(await setup(true).persistence.load(state()), snapshot, "retained");
    rmSync(path.join(box.storage), { recursive: true, force: true });
    const loaded = await setup(true).persistence.load(state());
    assert.deepEqual(
      loaded?.files.map((f) => f.path),
      ["/w/img.png"],
      "a file whose texts are gone is dropped",
    );
  });

  it("without a storage folder, the text fallback: the texts in workspaceState, as before", async () => {
    const { persistence, state } = setup(false);
    await persistence.save(snapshot);
    assert.deepEqual(state(), snapshot);
    assert.deepEqual(await persistence.load(state()), snapshot);
    await persistence.save({ version: 1, files: [] });
    assert.equal(state(), undefined);
  });
});
