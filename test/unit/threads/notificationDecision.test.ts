import assert from "node:assert/strict";

import {
  shouldNotify,
  type NotificationContext,
} from "../../../extension/threads/notificationDecision";

describe("thread notification decision", () => {
  const base: NotificationContext = {
    setting: "whenHidden",
    threadOnScreen: true,
    windowFocused: true,
    alreadyNotified: false,
  };

  it("whenHidden: only when the thread is off screen or the window unfocused", () => {
    assert.equal(shouldNotify(base), false);
    assert.equal(shouldNotify({ ...base, threadOnScreen: false }), true);
    assert.equal(shouldNotify({ ...base, windowFocused: false }), true);
  });

  it("always and never override visibility", () => {
    assert.equal(shouldNotify({ ...base, setting: "always" }), true);
    assert.equal(shouldNotify({ ...base, setting: "never", threadOnScreen: false }), false);
  });

  it("never more than one open notification per thread", () => {
    const hidden = { ...base, threadOnScreen: false };
    assert.equal(shouldNotify({ ...hidden, alreadyNotified: true }), false);
    assert.equal(shouldNotify({ ...hidden, setting: "always", alreadyNotified: true }), false);
  });
});
