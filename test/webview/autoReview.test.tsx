/**
 * Auto-review rows in the transcript: after the command they are about; a denial explains what,
 * the risk and the reason, with Approve anyway (a request to the host, by review id only).
 */
import "./setup";
import * as assert from "node:assert/strict";
import type { AutoReviewView, ThreadItem } from "../../protocol/webview/viewModel";
import {
  click,
  flush,
  hydrate,
  mount,
  requests,
  respond,
  thread,
  turn,
  unmount,
  userMessage,
} from "./harness";

const command = {
  type: "commandExecution",
  id: "call_rm",
  command: "/bin/bash -c 'rm -rf ./out'",
  cwd: "/w",
  processId: null,
  source: "agent",
  status: "declined",
  commandActions: [],
  aggregatedOutput: null,
  exitCode: null,
  durationMs: null,
} as unknown as ThreadItem;

function review(extra: Partial<AutoReviewView>): AutoReviewView {
  return {
    id: "review-1",
    threadId: "thread-1",
    turnId: "t1",
    targetItemId: "call_rm",
    status: "denied",
    riskLevel: "high",
    userAuthorization: "low",
    rationale: "Deletes files the user did not ask to delete.",
    action: {
      type: "command",
      source: "unifiedExec",
      command: "/bin/bash -c 'rm -rf ./out'",
      cwd: "/w",
    },
    ...extra,
  };
}

const baseThread = () => thread([turn("t1", [userMessage("u1", "clean up"), command])]);

describe("webview: auto-review", () => {
  afterEach(unmount);

  it("a denial comes right after its command, says why, and offers Approve anyway", async () => {
    const { root } = mount();
    hydrate({ thread: baseThread(), reviews: [review({})] });
    await flush();
    const block = root.querySelector(".auto-review-block") as HTMLElement;
    assert.ok(block, "the denial is shown");
    const text = block.textContent ?? "";
    assert.match(text, /Auto-review denied this action/);
    assert.match(text, /rm -rf \.\/out/);
    assert.match(text, /Risk: high · Asked for by you: low/);
    assert.match(text, /Deletes files the user did not ask to delete\./);
    // Placed after its command row.
    const rows = [...root.querySelectorAll("[data-row-key]")].map((el) =>
      el.getAttribute("data-row-key"),
    );
    const at = rows.indexOf("review:review-1");
    assert.ok(
      at > rows.indexOf("item:t1:call_rm") && rows.indexOf("item:t1:call_rm") >= 0,
      rows.join(","),
    );

    click(block, "Approve anyway");
    await flush();
    assert.deepEqual(requests("autoReview/approve").at(-1)?.params, { reviewId: "review-1" });
    await respond("autoReview/approve", {});
    hydrate({ thread: baseThread(), reviews: [review({ overridden: true })] });
    await flush();
    assert.match(
      root.querySelector(".auto-review-block")?.textContent ?? "",
      /You approved this action/,
    );
  });

  it("checking and approved are one quiet line", async () => {
    const { root } = mount();
    hydrate({ thread: baseThread(), reviews: [review({ status: "approved", riskLevel: "low" })] });
    await flush();
    const line = root.querySelector(".auto-review-line") as HTMLElement;
    assert.match(line.textContent ?? "", /Auto-review approved this action.*Risk: low/);
    assert.equal(root.querySelector(".auto-review-block"), null);
  });
});
