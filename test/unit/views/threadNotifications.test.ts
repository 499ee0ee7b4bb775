/**
 * The thread notifier with the real approval broker behind it, and a stand-in for the few
 * `vscode.window` calls it makes (each notification is recorded, and the test clicks its buttons).
 */
import assert from "node:assert/strict";
import path from "node:path";

import { ThreadStates, type ThreadAttention } from "../../../extension/threads/threadStates";
import type * as NotifierModule from "../../../extension/views/threadNotifications";
import { provideVscodeModule } from "../activation/fakeVscode";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { nullLogger } from "../bridge/fakePort";
import { loadStream } from "../bridge/streams";
import { brokerApprovals } from "../threads/brokerApprovals";

/** codex's recorded `thread/status/changed` marking thread-1 waiting, sent before its request. */
const waitingStatus = loadStream("commandApproval").notifications.find(
  (notification) =>
    notification.method === "thread/status/changed" &&
    notification.params.status.type === "active" &&
    notification.params.status.activeFlags.includes("waitingOnApproval"),
) as ServerNotification;

interface Shown {
  message: string;
  items: string[];
  click(item: string | undefined): void;
}

const shown: Shown[] = [];
const message = (text: string, ...items: string[]) =>
  new Promise<string | undefined>((click) => shown.push({ message: text, items, click }));
const fakeVscode = {
  l10n: {
    t: (text: string, ...args: unknown[]) =>
      text.replace(/\{(\d+)\}/g, (_all, index: string) => String(args[Number(index)])),
  },
  window: {
    state: { focused: true },
    showInformationMessage: message,
    showWarningMessage: message,
    showErrorMessage: message,
  },
};

/**
 * The notifier module bound to the stand-in. Another test may have loaded it with its own `vscode`
 * (activation does): this one is loaded fresh, and the cached one is put back afterwards.
 */
function loadNotifier(): typeof NotifierModule {
  const file = path.resolve(__dirname, "../../../extension/views/threadNotifications.ts");
  const cached = require.cache[file];
  delete require.cache[file];
  const restoreVscode = provideVscodeModule(fakeVscode);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as typeof NotifierModule;
  } finally {
    restoreVscode();
    if (cached) require.cache[file] = cached;
    else delete require.cache[file];
  }
}

/** Lets every queued callback and promise run (no clock involved). */
async function drain(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe("thread notifications", () => {
  let ThreadNotifier: typeof NotifierModule.ThreadNotifier;

  before(() => {
    ({ ThreadNotifier } = loadNotifier());
  });

  function setup() {
    shown.length = 0;
    const { broker, source, listeners, ask } = brokerApprovals();
    const showed: string[] = [];
    const notifier = new ThreadNotifier({
      setting: () => "whenHidden",
      onScreen: () => false,
      titleOf: async () => "Fix the build",
      show: async (threadId) => void showed.push(threadId),
      approvals: source,
      logger: nullLogger(),
    });
    const attention = (kind: ThreadAttention["kind"], threadId = "thread-1"): ThreadAttention => ({
      threadId,
      kind,
    });
    /** The messages shown so far, oldest first. */
    const messages = () => shown.map(({ message }) => message);
    return { notifier, broker, ask, attention, showed, listeners, messages };
  }

  it("codex marks the thread waiting before it asks: once the request registers, Approve / Decline / Show", async () => {
    const { notifier, ask } = setup();
    const { attention } = new ThreadStates().handle(waitingStatus);
    assert.deepEqual(attention, { threadId: "thread-1", kind: "approval" });
    notifier.notify(attention);
    await drain();
    assert.equal(shown.length, 0, "nothing to say before codex's request arrives");
    const { result } = ask();
    await drain();
    assert.equal(shown.length, 1);
    assert.equal(
      shown[0]?.message,
      "Codex wants to run a command in “Fix the build”: echo hello-from-codex",
    );
    assert.deepEqual(shown[0]?.items, ["Approve", "Decline", "Show"]);
    shown[0]?.click("Approve");
    assert.deepEqual(await result, { decision: "accept" });
  });

  it("a request already waiting is offered at once, and the thread gets one notification", async () => {
    const { notifier, ask, attention } = setup();
    ask();
    notifier.notify(attention("approval"));
    notifier.notify(attention("approval"));
    await drain();
    assert.equal(shown.length, 1);
    assert.deepEqual(shown[0]?.items, ["Approve", "Decline", "Show"]);
  });

  it("the thread marked waiting twice before its request came gets one notification", async () => {
    const { notifier, ask, attention } = setup();
    notifier.notify(attention("approval"));
    notifier.notify(attention("approval"));
    ask();
    await drain();
    assert.equal(shown.length, 1);
  });

  it("a script of several lines gets Show only, and Show opens the thread", async () => {
    const { notifier, ask, attention, showed } = setup();
    notifier.notify(attention("approval"));
    ask({ command: "/bin/bash -lc 'cd /tmp\nrm -rf build'" });
    await drain();
    assert.deepEqual(
      shown.map(({ message, items }) => ({ message, items })),
      [{ message: "Codex is waiting for your approval in “Fix the build”.", items: ["Show"] }],
    );
    shown[0]?.click("Show");
    await drain();
    assert.deepEqual(showed, ["thread-1"]);
  });

  it("another thread's request, or an approval that settled, does not show a waiting thread's notification", async () => {
    const { notifier, broker, ask, attention } = setup();
    notifier.notify(attention("approval", "thread-2"));
    ask();
    await drain();
    assert.equal(shown.length, 0, "thread-1's request is not thread-2's");
    broker.answer(broker.waitingIn("thread-1")[0]!.approvalId, {
      kind: "decision",
      decision: "decline",
    });
    await drain();
    assert.equal(shown.length, 0);
    ask({ threadId: "thread-2" });
    await drain();
    assert.equal(shown.length, 1, "its own request shows it");
  });

  it("the thread's newer news takes the place of an approval whose request never came", async () => {
    const { notifier, ask, attention, messages } = setup();
    notifier.notify(attention("approval"));
    notifier.notify(attention("finished"));
    await drain();
    assert.deepEqual(messages(), ["Codex finished “Fix the build”."]);
    ask();
    await drain();
    assert.equal(shown.length, 1, "the superseded approval notification never shows");
  });

  it("a thread the user dealt with before the request came gets no notification", async () => {
    const { notifier, ask, attention } = setup();
    notifier.notify(attention("approval"));
    notifier.seen("thread-1");
    ask();
    await drain();
    assert.equal(shown.length, 0);
    notifier.notify(attention("approval"));
    await drain();
    assert.equal(shown.length, 1, "its next news notifies");
  });

  it("holds back a thread's news while its notification is open, until the user closes it", async () => {
    const { notifier, attention, messages } = setup();
    notifier.notify(attention("finished"));
    await drain();
    notifier.notify(attention("failed"));
    notifier.notify(attention("finished", "thread-2"));
    await drain();
    assert.deepEqual(
      messages(),
      ["Codex finished “Fix the build”.", "Codex finished “Fix the build”."],
      "thread-1's failure waits; thread-2 has its own notification",
    );
    shown[0]?.click(undefined);
    await drain();
    notifier.notify(attention("failed"));
    await drain();
    assert.equal(messages()[2], "Codex: the turn failed in “Fix the build”.");
  });

  it("a notification left in the notification center stops holding back once the user deals with the thread", async () => {
    const { notifier, attention } = setup();
    notifier.notify(attention("finished"));
    await drain();
    // The user answers or looks at the thread in Codex; the notice is still in the center.
    notifier.seen("thread-1");
    notifier.notify(attention("finished"));
    await drain();
    assert.equal(shown.length, 2, "the thread's next news notifies");
    // The user clears the old notice from the center later: the newer one still holds back news.
    shown[0]?.click(undefined);
    await drain();
    notifier.notify(attention("finished"));
    await drain();
    assert.equal(shown.length, 2);
    shown[1]?.click(undefined);
    await drain();
    notifier.notify(attention("finished"));
    await drain();
    assert.equal(shown.length, 3);
  });

  it("once disposed, stops listening to the brokers and shows nothing it was waiting for", async () => {
    const { notifier, listeners, ask, attention } = setup();
    assert.equal(listeners.size, 1);
    notifier.notify(attention("approval"));
    notifier.dispose();
    assert.equal(listeners.size, 0);
    ask();
    await drain();
    assert.equal(shown.length, 0);
  });
});
