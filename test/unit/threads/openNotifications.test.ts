import assert from "node:assert/strict";

import { OpenNotifications } from "../../../extension/threads/openNotifications";

describe("open thread notifications", () => {
  it("holds back a thread's news while its notification is open, until it closes", () => {
    const open = new OpenNotifications();
    const token = open.opened("t1");
    assert.equal(open.has("t1"), true);
    assert.equal(open.has("t2"), false);
    open.closed("t1", token);
    assert.equal(open.has("t1"), false);
  });

  it("a notification left in the notification center stops holding back once the user deals with the thread", () => {
    const open = new OpenNotifications();
    const stale = open.opened("t1");
    // The approval was answered in the chat; the notice is still in the center.
    assert.equal(open.seen("t1"), true);
    assert.equal(open.has("t1"), false, "the thread's next news may notify");
    const next = open.opened("t1");
    // The user clears the old notice from the center later: the new one's mark stays.
    open.closed("t1", stale);
    assert.equal(open.has("t1"), true);
    open.closed("t1", next);
    assert.equal(open.has("t1"), false);
    assert.equal(open.seen("t1"), false, "nothing was open");
  });
});
