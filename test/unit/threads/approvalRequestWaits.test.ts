import assert from "node:assert/strict";

import { ApprovalRequestWaits } from "../../../extension/threads/approvalRequestWaits";
import { quickCommandApproval } from "../../../extension/threads/quickCommandApproval";
import { ThreadStates } from "../../../extension/threads/threadStates";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { loadStream } from "../bridge/streams";
import { brokerApprovals } from "./brokerApprovals";

const waitingStatus = loadStream("commandApproval").notifications.find(
  (notification) =>
    notification.method === "thread/status/changed" &&
    notification.params.status.type === "active" &&
    notification.params.status.activeFlags.includes("waitingOnApproval"),
) as ServerNotification;

function setup() {
  const { broker, source, listeners, ask } = brokerApprovals();
  return { broker, waits: new ApprovalRequestWaits(source), listeners, ask };
}

/** Whether `promise` has settled once every queued callback ran (no clock involved). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("approval notifications wait for codex's request", () => {
  it("codex marks the thread waiting before it asks: the request's registration ends the wait, with Approve / Decline", async () => {
    const { waits, ask } = setup();
    const { attention } = new ThreadStates().handle(waitingStatus);
    assert.deepEqual(attention, { threadId: "thread-1", kind: "approval" });
    const wait = waits.whenWaiting("thread-1");
    assert.equal(await settled(wait), false, "nothing to decide on before the request");
    const { result } = ask();
    assert.equal(await settled(wait), true, "the request's registration ends the wait");
    const found = await wait;
    const quick = quickCommandApproval(found ?? []);
    assert.equal(quick?.command, "echo hello-from-codex");
    assert.equal(quick.approve(), true);
    assert.deepEqual(await result, { decision: "accept" });
  });

  it("finds a request that is already waiting at once", async () => {
    const { waits, ask } = setup();
    ask();
    assert.equal((await waits.whenWaiting("thread-1"))?.length, 1);
  });

  it("keeps waiting through another thread's request and an approval that settled", async () => {
    const { broker, waits, ask } = setup();
    const wait = waits.whenWaiting("thread-2");
    ask();
    assert.equal(await settled(wait), false, "thread-1's request is not thread-2's");
    broker.answer(broker.waitingIn("thread-1")[0]!.approvalId, {
      kind: "decision",
      decision: "decline",
    });
    assert.equal(await settled(wait), false);
    waits.cancel("thread-2");
    assert.equal(await wait, undefined);
  });

  it("ends a wait the thread's news overtook, and all of them on dispose", async () => {
    const { waits, listeners, ask } = setup();
    const first = waits.whenWaiting("thread-1");
    const second = waits.whenWaiting("thread-1");
    assert.equal(await first, undefined, "a newer wait for the thread replaces the older");
    assert.equal(waits.cancel("thread-1"), true);
    assert.equal(await second, undefined);
    assert.equal(waits.cancel("thread-1"), false, "nothing left to cancel");
    const third = waits.whenWaiting("thread-1");
    waits.dispose();
    assert.equal(await third, undefined);
    assert.equal(listeners.size, 0, "no longer listening to the brokers");
    ask();
  });
});
