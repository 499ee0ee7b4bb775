import assert from "node:assert/strict";

import { panelTitle, restoredThreadId } from "../../../extension/views/panelState";

describe("Codex panel state", () => {
  it("restores the thread id the webview saved, if it looks like one", () => {
    assert.equal(
      restoredThreadId({ threadId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b", draft: "" }),
      "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
    );
    for (const state of [
      undefined,
      null,
      "t",
      {},
      { threadId: 5 },
      { threadId: "" },
      { threadId: "../x" },
      { threadId: "a".repeat(200) },
    ]) {
      assert.equal(restoredThreadId(state), null, JSON.stringify(state));
    }
  });

  it("titles the panel after the thread", () => {
    assert.equal(panelTitle(null, "Codex"), "Codex");
    assert.equal(panelTitle("Fix the build", "Codex"), "Fix the build");
    assert.equal(panelTitle("  explain\nthis  file ", "Codex"), "explain this file");
    assert.equal(panelTitle("a".repeat(60), "Codex", 10), `${"a".repeat(9)}…`);
    assert.equal(panelTitle("", "Codex"), "Codex");
  });
});
