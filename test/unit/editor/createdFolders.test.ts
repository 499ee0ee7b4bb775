import assert from "node:assert/strict";

import { CreatedFolders, topMostFolders } from "../../../extension/editor/createdFolders";

describe("folders created in the workspace, listed for the @-mention index", () => {
  it("keeps the folders that are not inside another one", () => {
    assert.deepEqual(
      topMostFolders(["/w/repo/src/a", "/w/repo", "/w/repo/src", "/w/repo2", "/w/repo"]),
      ["/w/repo", "/w/repo2"],
    );
  });

  it("lists a clone's nested folders once, from the top, one listing at a time", async () => {
    const listed: string[] = [];
    let listing = 0;
    const folders = new CreatedFolders(async (folder) => {
      assert.equal(listing++, 0, "one listing at a time");
      listed.push(folder);
      await new Promise((resolve) => setImmediate(resolve));
      listing--;
    });
    // The watcher reports a clone's folders in one batch.
    const done = ["/w/clone", "/w/clone/src", "/w/clone/src/lib", "/w/other"].map((folder) =>
      folders.add(folder),
    );
    await Promise.all(done);
    assert.deepEqual(listed, ["/w/clone", "/w/other"]);

    // A later burst is listed on its own.
    await Promise.all([folders.add("/w/late"), folders.add("/w/late/deeper")]);
    assert.deepEqual(listed, ["/w/clone", "/w/other", "/w/late"]);
  });

  it("lists a folder reported while a listing runs after that listing", async () => {
    const listed: string[] = [];
    let reportedMeanwhile: Promise<void> | undefined;
    const folders = new CreatedFolders(async (folder) => {
      listed.push(folder);
      reportedMeanwhile ??= folders.add("/w/b");
      await new Promise((resolve) => setImmediate(resolve));
    });
    await folders.add("/w/a");
    await reportedMeanwhile;
    assert.deepEqual(listed, ["/w/a", "/w/b"]);
  });
});
