import "./setup";
import * as assert from "node:assert/strict";
import {
  agentMessage,
  button,
  findButton,
  hydrate,
  mount,
  thread,
  threadEvents,
  turn,
  unmount,
  userMessage,
} from "./harness";

const RESTORE = /^Restore to here/;
const EDIT = /^Edit and resend/;

describe("webview: rewinding to an earlier message", () => {
  afterEach(unmount);

  it("offers Restore and Edit under a user message only while no turn runs", () => {
    const { root } = mount();
    hydrate({
      thread: thread([turn("t1", [userMessage("u1", "first"), agentMessage("a1", "done")])]),
    });
    const restore = button(root, RESTORE).element;
    assert.ok(button(root, EDIT));

    threadEvents("thread-1", [{ type: "turnStarted", turnId: "t2" }]);
    assert.equal(findButton(root, RESTORE), undefined, "no rewind while Codex works");
    assert.equal(findButton(root, EDIT), undefined);

    threadEvents("thread-1", [
      { type: "turnCompleted", turnId: "t2", status: "completed", error: null },
    ]);
    // Compared as a boolean: mocha would try to print two DOM trees on a failure.
    assert.ok(
      button(root, RESTORE).element === restore,
      "the same buttons come back: a turn's start and end do not rebuild them",
    );
  });
});
