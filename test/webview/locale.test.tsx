import "./setup";
import * as assert from "node:assert/strict";
import type { ApprovalView, ThreadItem } from "../../protocol/webview/viewModel";
import {
  agentMessage,
  allButtons,
  flush,
  hydrate,
  mount,
  notify,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

const diff = "diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-old\n+new\n";

const fileChange: ThreadItem = {
  type: "fileChange",
  id: "f1",
  status: "completed",
  changes: [{ path: "/work/project/a.ts", kind: { type: "update", move_path: null }, diff }],
} as ThreadItem;

const approval: ApprovalView = {
  id: "ap1",
  threadId: "thread-1",
  status: "pending",
  request: {
    kind: "command",
    params: {
      kind: "command",
      threadId: "thread-1",
      turnId: "t2",
      itemId: "c9",
      startedAtMs: 0,
      environmentId: null,
      reason: null,
      command: "ls",
      cwd: "/work/project",
    },
  } as ApprovalView["request"],
};

function names(root: HTMLElement): string[] {
  return allButtons(root).map((b) => b.name);
}

describe("webview: locale switch", () => {
  afterEach(unmount);

  it("re-renders memoised rows, approvals, notices and code blocks with new strings", async () => {
    const { root } = mount();
    hydrate({
      thread: thread([
        turn(
          "t1",
          [
            userMessage("u1", "edit a.ts"),
            fileChange,
            agentMessage("a1", "Done:\n\n```ts\nx\n```"),
          ],
          {
            diff,
            plan: { explanation: null, steps: [{ step: "edit", status: "completed" }] },
          },
        ),
        turn("t2", [userMessage("u2", "list")], { status: "inProgress" }),
      ]),
      approvals: [approval],
      notices: [{ id: "n1", level: "warning", message: "heads up", details: null }],
    });
    await flush();
    const text = () => root.textContent ?? "";
    assert.match(text(), /Edited 1 file\(s\)/);
    assert.match(text(), /Plan: 1 of 1 done/);
    assert.match(text(), /Run this command\?/);
    assert.ok(names(root).includes("Open diff of /work/project/a.ts"));
    assert.ok(names(root).includes("Review changes"));
    assert.ok(names(root).includes("Dismiss"));
    assert.ok(names(root).includes("Copy code"));
    const item = root.querySelector(".file-change");

    notify("state/patch", { language: "de" });
    await flush();

    assert.match(text(), /1 Datei\(en\) bearbeitet/, "memoised item");
    assert.match(text(), /Plan: 1 von 1 erledigt/, "memoised turn plan");
    assert.match(text(), /Diesen Befehl ausführen\?/, "memoised approval card");
    assert.doesNotMatch(text(), /Edited|Plan: 1 of|Run this command/);
    const after = names(root);
    for (const name of ["Änderungen prüfen", "Zulassen", "Schließen", "Code kopieren", "Verlauf"])
      assert.ok(after.includes(name), `${name} in ${after.join(", ")}`);
    assert.ok(!after.includes("Review changes") && !after.includes("Copy code"));
    assert.equal(root.querySelector(".file-change"), item, "re-rendered in place, not remounted");

    // and back to English
    notify("state/patch", { language: "en" });
    await flush();
    assert.match(text(), /Edited 1 file\(s\)/);
    assert.ok(names(root).includes("Copy code"));
  });
});
