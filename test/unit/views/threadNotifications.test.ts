/**
 * The thread notifier with the real approval broker behind it, and a stand-in for the few
 * `vscode.window` calls it makes (each notification is recorded, and the test clicks its buttons).
 */
import assert from "node:assert/strict";
import path from "node:path";

import type { ThreadAttention } from "../../../extension/threads/threadStates";
import type * as NotifierModule from "../../../extension/views/threadNotifications";
import { provideVscodeModule } from "../activation/fakeVscode";
import { nullLogger } from "../bridge/fakePort";
import { brokerApprovals } from "../threads/brokerApprovals";

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
    const { source, listeners, ask } = brokerApprovals();
    const showed: string[] = [];
    const notifier = new ThreadNotifier({
      setting: () => "whenHidden",
      onScreen: () => false,
      titleOf: async () => "Fix the build",
      show: async (threadId) => void showed.push(threadId),
      approvals: source,
      logger: nullLogger(),
    });
    const attention = (kind: ThreadAttention["kind"]): ThreadAttention => ({
      threadId: "thread-1",
      kind,
    });
    return { notifier, ask, attention, showed, listeners };
  }

  it("codex marks the thread waiting before it asks: once the request registers, Approve / Decline / Show", async () => {
    const { notifier, ask, attention } = setup();
    notifier.notify(attention("approval"));
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

  it("the thread's newer news takes the place of an approval whose request never came", async () => {
    const { notifier, ask, attention } = setup();
    notifier.notify(attention("approval"));
    notifier.notify(attention("finished"));
    await drain();
    assert.deepEqual(
      shown.map(({ message }) => message),
      ["Codex finished “Fix the build”."],
    );
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

  it("stops listening to the brokers when disposed", () => {
    const { notifier, listeners } = setup();
    assert.equal(listeners.size, 1);
    notifier.dispose();
    assert.equal(listeners.size, 0);
  });
});
