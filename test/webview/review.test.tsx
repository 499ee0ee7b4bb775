import "./setup";
import * as assert from "node:assert/strict";
import type { ThreadItem } from "../../protocol/webview/viewModel";
import {
  click,
  flush,
  hydrate,
  mount,
  requests,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

function patch(status: "completed" | "declined" | "failed"): ThreadItem {
  return {
    type: "fileChange",
    id: "call_patch",
    status,
    changes: [
      { path: "/work/project/added.txt", kind: { type: "add" }, diff: "one\ntwo\n" },
      {
        path: "/work/project/notes.txt",
        kind: { type: "update", move_path: null },
        diff: "@@ -1,3 +1,3 @@\n first\n-old\n+new\n last\n",
      },
    ],
  } as ThreadItem;
}

describe("webview: reviewing Codex's changes", () => {
  afterEach(unmount);

  it("a resumed turn (no streamed diff) still ends with its changes and Review", async () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("turn-1", [userMessage("u1", "edit"), patch("completed")])]) });
    const summary = root.querySelector(".turn-diff");
    assert.ok(summary, "the turn's change summary is shown");
    assert.match(summary.textContent ?? "", /\+3/);
    assert.match(summary.textContent ?? "", /−1/);
    click(root, "Review changes");
    await flush();
    assert.deepEqual(requests("editor/openTurnDiff").at(-1)?.params, { turnId: "turn-1" });
  });

  it("a declined patch says nothing was changed, and no turn summary claims otherwise", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("turn-1", [patch("declined")])]) });
    assert.match(root.textContent ?? "", /Declined — nothing was changed/);
    assert.doesNotMatch(root.textContent ?? "", /Edited 2 file/);
    assert.equal(root.querySelector(".turn-diff"), null);
  });

  it("a failed patch says its changes were not applied", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("turn-1", [patch("failed")])]) });
    assert.match(root.textContent ?? "", /Failed — the changes were not applied/);
  });

  it("Review all changes opens the item's files in the multi-file diff editor", async () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("turn-1", [patch("completed")])]) });
    click(root, "Review all changes");
    await flush();
    assert.deepEqual(requests("editor/openItemDiff").at(-1)?.params, {
      turnId: "turn-1",
      itemId: "call_patch",
    });
  });
});
