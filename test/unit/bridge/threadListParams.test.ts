/** The one `thread/list` request the History panel and the Threads tree both send. */
import assert from "node:assert/strict";

import { threadListParams } from "../../../extension/bridge/threadListParams";

describe("threadListParams", () => {
  it("lists every project's unarchived threads, newest first, without filters", () => {
    assert.deepEqual(threadListParams({ cursor: null, limit: 20, folders: [], searchTerm: "  " }), {
      cursor: null,
      limit: 20,
      sortKey: "updated_at",
      sortDirection: "desc",
      archived: false,
    });
  });

  it("filters by the workspace folders and a trimmed title search", () => {
    const folders = ["/w/a", "/w/b"];
    const params = threadListParams({ cursor: "c2", limit: 5, folders, searchTerm: " fix " });
    assert.deepEqual(params.cwd, folders);
    assert.notEqual(params.cwd, folders, "a copy: the caller's list stays its own");
    assert.equal(params.searchTerm, "fix");
    assert.equal(params.cursor, "c2");
  });
});
