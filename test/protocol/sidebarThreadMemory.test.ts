/**
 * The sidebar's thread across a window reload, against the real codex: a fresh bridge and a
 * fresh codex process (as after "Reload Window") reopen the remembered thread; a thread archived
 * since cannot be resumed, so the sidebar falls back to a new thread and forgets it.
 */
import assert from "node:assert/strict";

import { ChatBridge } from "../../extension/bridge/bridge";
import {
  SIDEBAR_THREAD_KEY,
  SidebarThreadMemory,
  type ThreadIdStore,
} from "../../extension/views/sidebarThreadMemory";
import { itemsOf, turnsDone, waitForState } from "../support/bridgeState";
import { text } from "../support/mockModel/script";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";

describe("sidebar thread memory against the real codex", function () {
  this.timeout(60_000);
  let harness: CodexHarness;
  const values = new Map<string, unknown>();
  const workspaceState: ThreadIdStore = {
    get: (key) => values.get(key),
    update: async (key, value) => void values.set(key, value),
  };
  const open: { bridge: ChatBridge; memory: SidebarThreadMemory }[] = [];

  /** The sidebar's bridge and memory as one window activation creates them. */
  function activate(log: string[]) {
    const bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(log),
      cwd: () => harness.workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
      initialState: { draft: "draft kept across the reload" },
    });
    const memory = new SidebarThreadMemory({ bridge, workspaceState, logger: memoryLogger(log) });
    open.push({ bridge, memory });
    return { bridge, memory };
  }

  /** "Reload Window": the window's bridge goes, codex is a new process. */
  async function reload() {
    for (const { bridge, memory } of open.splice(0)) {
      memory.dispose();
      bridge.dispose();
    }
    await harness.supervisor.restart();
  }

  beforeEach(async () => {
    values.clear();
    harness = await startCodexHarness({ approvalPolicy: "on-request", sandboxMode: "read-only" });
  });

  afterEach(async () => {
    for (const { bridge, memory } of open.splice(0)) {
      memory.dispose();
      bridge.dispose();
    }
    await harness.dispose();
  });

  it("reopens the thread after a reload, and the next turn continues it", async () => {
    const first = activate([]);
    harness.model.enqueue(text("First answer."));
    await first.bridge.threads.send("First question", []);
    const done = await waitForState(first.bridge, turnsDone(1), "the first turn");
    const threadId = done.thread!.id;
    await waitForState(first.bridge, () => values.get(SIDEBAR_THREAD_KEY) === threadId, "saved");

    await reload();
    const log: string[] = [];
    const second = activate(log);
    await harness.supervisor.ensureStarted();
    await second.memory.restore();
    const restored = second.bridge.state.snapshot;
    assert.equal(restored.thread?.id, threadId, log.join("\n"));
    assert.equal(itemsOf(restored, "agentMessage")[0]?.text, "First answer.");
    assert.equal(restored.draft, "draft kept across the reload");
    assert.deepEqual(restored.notices, []);

    harness.model.enqueue(text("Second answer."));
    await second.bridge.threads.send("Follow-up", []);
    const next = await waitForState(second.bridge, turnsDone(2), "the follow-up turn");
    assert.equal(next.thread?.id, threadId);
  });

  it("an archived thread is not reopened: logged, forgotten, the sidebar stays on a new thread", async () => {
    const first = activate([]);
    harness.model.enqueue(text("Soon archived."));
    await first.bridge.threads.send("Archive me later", []);
    const done = await waitForState(first.bridge, turnsDone(1), "the first turn");
    const threadId = done.thread!.id;
    // Archived elsewhere (a panel, another window): the sidebar's memory still names it.
    await harness.port.request("thread/archive", { threadId });
    assert.equal(values.get(SIDEBAR_THREAD_KEY), threadId);

    await reload();
    const log: string[] = [];
    const second = activate(log);
    await harness.supervisor.ensureStarted();
    await second.memory.restore();
    assert.equal(second.bridge.state.snapshot.thread, null);
    assert.deepEqual(second.bridge.state.snapshot.notices, []);
    assert.equal(values.get(SIDEBAR_THREAD_KEY), undefined);
    assert.ok(
      log.some((line) => line.includes(`could not reopen thread ${threadId}`)),
      log.join("\n"),
    );
  });
});
