/**
 * What the Threads tree lists, fed the way codex feeds it: through `thread/list` (a fake port
 * that lists what the test says codex lists) and the notifications, read by the real
 * registerThreadsView, ThreadsTree and ThreadStates against a stand-in for `vscode`. codex lists a
 * new thread only once its first turn is under way: not yet at `thread/started`, nor at that
 * turn's `turn/started` and first `thread/status/changed` (seen against the pinned codex).
 */
import assert from "node:assert/strict";
import path from "node:path";

import type { Thread } from "../../../protocol/codex/v2/Thread";
import type { ServerNotification } from "../../../protocol/codex/ServerNotification";
import { ThreadStates } from "../../../extension/threads/threadStates";
import type * as ThreadsViewModule from "../../../extension/views/threadsView";
import type { ThreadsNode, ThreadsTree } from "../../../extension/views/threadsTree";
import { fakeVscode, provideVscodeModule } from "../activation/fakeVscode";
import { fakePort, nullLogger, type FakePort } from "../bridge/fakePort";

class TreeItem {
  id?: string;
  description?: string;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}
class ThemeIcon {
  constructor(readonly id: string) {}
}
class ThemeColor {
  constructor(readonly id: string) {}
}
const treeParts: Record<string, unknown> = {
  TreeItem,
  ThemeIcon,
  ThemeColor,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
};
const fake = fakeVscode({ workspaceFolder: "/ws" });
const vscodeModule = new Proxy(treeParts, {
  get: (parts, property: string) =>
    property in parts ? parts[property] : (fake.module as Record<string, unknown>)[property],
});

const VIEW_MODULES = ["threadsView.ts", "threadsTree.ts", "threadNotifications.ts"].map((file) =>
  path.resolve(__dirname, "../../../extension/views", file),
);

/** registerThreadsView bound to the stand-in; the modules another test loaded are put back. */
function loadThreadsView(): typeof ThreadsViewModule {
  const cached = VIEW_MODULES.map((file) => require.cache[file]);
  for (const file of VIEW_MODULES) delete require.cache[file];
  const restoreVscode = provideVscodeModule(vscodeModule);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(VIEW_MODULES[0]!) as typeof ThreadsViewModule;
  } finally {
    restoreVscode();
    VIEW_MODULES.forEach((file, index) => {
      const module = cached[index];
      if (module) require.cache[file] = module;
      else delete require.cache[file];
    });
  }
}

/** A `thread/list` answer: one page, the last. */
const page = (threads: Thread[]) => ({ data: threads, nextCursor: null });

/** A thread started now in the workspace folder, as `thread/list` and `thread/started` carry it. */
function thread(id: string, preview: string): Thread {
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    name: null,
    preview,
    createdAt: now,
    updatedAt: now,
    cwd: "/ws",
    ephemeral: false,
    source: "vscode",
  } as Thread;
}

const started = (thread: Thread) =>
  ({ method: "thread/started", params: { thread } }) as ServerNotification;
const status = (threadId: string, activeFlags: string[]) =>
  ({
    method: "thread/status/changed",
    params: { threadId, status: { type: "active", activeFlags } },
  }) as ServerNotification;

/** The tree as VS Code shows it: each row's label and description, groups expanded. */
async function rows(tree: ThreadsTree): Promise<string[]> {
  const shown: string[] = [];
  const walk = async (nodes: ThreadsNode[]) => {
    for (const node of nodes) {
      const item = tree.getTreeItem(node) as unknown as TreeItem;
      shown.push(item.description ? `${item.label} (${item.description})` : item.label);
      if (node.kind === "group") await walk(await tree.getChildren(node));
    }
  };
  await walk(await tree.getChildren());
  return shown;
}

describe("Threads tree listing", () => {
  const { registerThreadsView } = loadThreadsView();
  let port: FakePort;
  let tree: ThreadsTree;
  let dispose: () => void;

  beforeEach(() => {
    port = fakePort();
    const view = registerThreadsView({
      port,
      states: new ThreadStates(),
      sidebarBridge: {
        current: undefined,
        get: () => assert.fail("the sidebar's chat is not made for the tree"),
      },
      sidebarVisible: () => false,
      focusSidebar: async () => undefined,
      panels: { create: () => undefined, showing: () => undefined, reveal: () => false },
      ensureStarted: async () => undefined,
      folders: () => ["/ws"],
      notificationsSetting: () => "never",
      bridges: () => [],
      onApprovalsChanged: () => ({ dispose: () => undefined }),
      logger: nullLogger(),
    });
    tree = view.tree;
    dispose = () => view.dispose();
  });
  afterEach(() => dispose());

  it("a thread started here shows at once, and takes its listed title when its state next changes", async () => {
    let listed: Thread[] = [];
    port.answer("thread/list", () => ({ data: listed, nextCursor: null }));
    assert.deepEqual(await rows(tree), []);

    // Not listed yet at thread/started (no preview yet), nor when its first turn starts.
    port.emit(started(thread("alpha", "")));
    assert.deepEqual(await rows(tree), ["Today", "New thread"]);
    port.emit(status("alpha", []));
    await rowsBecome(tree, ["Today", "New thread (Running)"]);

    // Listed by the time the model asks for an approval.
    listed = [thread("alpha", "Alpha thread")];
    port.emit(status("alpha", ["waitingOnApproval"]));
    await rowsBecome(tree, ["Today", "Alpha thread (Waiting for approval)"]);
  });

  it("a thread started here shows its state before codex lists it, through reloads, until a page lists it", async () => {
    const pages = port.hold("thread/list");
    const first = rows(tree);
    await waitFor("the first thread/list", () => pages.length === 1);
    pages[0]!(page([thread("older", "Older thread")]));
    assert.deepEqual(await first, ["Today", "Older thread"]);

    port.emit(started(thread("alpha", "")));
    // At once, on top, while the reload thread/started sets off waits for codex.
    assert.deepEqual(await rows(tree), ["Today", "New thread", "Older thread"]);
    port.emit(status("alpha", ["waitingOnApproval"]));
    assert.deepEqual(await rows(tree), [
      "Today",
      "New thread (Waiting for approval)",
      "Older thread",
    ]);
    assert.equal(pages.length, 2, "no page answered yet");

    // Pages that do not list it yet leave it on screen.
    pages[1]!(page([thread("older", "Older thread")]));
    await waitFor("the thread/list after the state change", () => pages.length === 3);
    pages[2]!(page([thread("older", "Older thread")]));
    tree.reload();
    await waitFor("a thread/list for the reload", () => pages.length === 4);
    pages[3]!(page([thread("older", "Older thread")]));
    await settle(() => pages.length === 4);
    assert.deepEqual(await rows(tree), [
      "Today",
      "New thread (Waiting for approval)",
      "Older thread",
    ]);

    // A page that lists it: one row, the listed title.
    tree.reload();
    await waitFor("a thread/list for the next reload", () => pages.length === 5);
    pages[4]!(page([thread("alpha", "Alpha thread"), thread("older", "Older thread")]));
    await rowsBecome(tree, ["Today", "Alpha thread (Waiting for approval)", "Older thread"]);
  });

  it("a thread started in another folder, a sub-folder or ephemeral does not show", async () => {
    port.answer("thread/list", page([]));
    assert.deepEqual(await rows(tree), []);
    port.emit(started({ ...thread("elsewhere", "E"), cwd: "/other" }));
    port.emit(started({ ...thread("below", "B"), cwd: "/ws/sub" }));
    port.emit(started({ ...thread("ephemeral", "T"), ephemeral: true }));
    // One of the folder's after them: it alone shows.
    port.emit(started(thread("mine", "")));
    assert.deepEqual(await rows(tree), ["Today", "New thread"]);
    assert.deepEqual(tree.listedIds(), ["mine"]);
  });

  it("a sub-agent's or another folder's thread lists nothing again when it starts or changes state", async () => {
    port.answer("thread/list", page([thread("alpha", "Alpha thread")]));
    assert.deepEqual(await rows(tree), ["Today", "Alpha thread"]);
    const listings = () => port.calls.filter((call) => call.method === "thread/list").length;
    const before = listings();
    const subAgent = {
      ...thread("helper", ""),
      source: { subAgent: { thread_spawn: { parent_thread_id: "alpha", depth: 1 } } },
    } as unknown as Thread;
    port.emit(started(subAgent));
    port.emit(started({ ...thread("elsewhere", ""), cwd: "/other" }));
    for (const threadId of ["helper", "elsewhere", "helper"]) {
      port.emit(status(threadId, []));
      port.emit(status(threadId, ["waitingOnApproval"]));
    }
    await settle(() => true);
    assert.equal(listings(), before, "no thread/list for threads codex does not list here");
    assert.deepEqual(await rows(tree), ["Today", "Alpha thread"]);

    // A thread of the folder still lists again when it starts.
    port.emit(started(thread("mine", "")));
    await waitFor("a thread/list for the folder's new thread", () => listings() === before + 1);
  });

  it("an archived or deleted thread started here goes, though no page listed it", async () => {
    port.answer("thread/list", page([]));
    assert.deepEqual(await rows(tree), []);
    port.emit(started(thread("alpha", "")));
    port.emit(started(thread("beta", "")));
    assert.deepEqual(await rows(tree), ["Today", "New thread", "New thread"]);
    port.emit({ method: "thread/archived", params: { threadId: "alpha" } } as ServerNotification);
    assert.deepEqual(await rows(tree), ["Today", "New thread"]);
    port.emit({ method: "thread/deleted", params: { threadId: "beta" } } as ServerNotification);
    assert.deepEqual(await rows(tree), []);
  });

  it("a thread started here takes its new name before codex lists it", async () => {
    port.answer("thread/list", page([]));
    assert.deepEqual(await rows(tree), []);
    port.emit(started(thread("alpha", "")));
    port.emit({
      method: "thread/name/updated",
      params: { threadId: "alpha", threadName: " Alpha named " },
    } as ServerNotification);
    await rowsBecome(tree, ["Today", "Alpha named"]);
  });

  it("a filter hides a thread started here until a page lists it", async () => {
    port.answer("thread/list", page([]));
    assert.deepEqual(await rows(tree), []);
    port.emit(started(thread("alpha", "")));
    assert.deepEqual(await rows(tree), ["Today", "New thread"]);
    tree.setFilter("New");
    assert.deepEqual(await rows(tree), ["No threads match “New”"]);
    tree.setFilter(undefined);
    assert.deepEqual(await rows(tree), ["Today", "New thread"]);
  });

  it("state changes while a page is on its way list once more after it, not once each", async () => {
    const pages = port.hold("thread/list");
    const first = rows(tree);
    await waitFor("the first thread/list", () => pages.length === 1);
    pages[0]!(page([]));
    assert.deepEqual(await first, []);

    tree.reload();
    await waitFor("a thread/list for the reload", () => pages.length === 2);
    for (const threadId of ["a", "b", "c", "d"]) {
      port.emit({
        method: "thread/status/changed",
        params: { threadId, status: { type: "active", activeFlags: [] } },
      } as ServerNotification);
    }
    pages[1]!(page([]));
    await waitFor("one thread/list after the one on its way", () => pages.length === 3);
    pages[2]!(page([thread("a", "Alpha")]));
    await rowsBecome(tree, ["Today", "Alpha (Running)"]);
    assert.equal(pages.length, 3);
  });

  it("keeps its rows on screen while a reload lists again, then shows the new page", async () => {
    const pages = port.hold("thread/list");
    const first = rows(tree);
    await waitFor("the first thread/list", () => pages.length === 1);
    pages[0]!(page([thread("alpha", "Old name")]));
    assert.deepEqual(await first, ["Today", "Old name"]);
    let redrawn = 0;
    tree.onDidChangeTreeData(() => redrawn++);

    tree.reload();
    await waitFor("a thread/list for the reload", () => pages.length === 2);
    // VS Code asks again at once: it gets the rows it has, not a listing that waits for codex.
    assert.deepEqual(await rows(tree), ["Today", "Old name"]);
    assert.equal(redrawn, 0, "no redraw before the new page is in");
    pages[1]!(page([thread("alpha", "New name")]));
    await waitFor("one redraw with the new page", () => redrawn === 1);
    assert.deepEqual(await rows(tree), ["Today", "New name"]);
  });

  /** codex lists "Alpha thread" until `codex.answers` is set false; then thread/list fails. */
  async function listedUntilCodexFails(): Promise<{ answers: boolean }> {
    const codex = { answers: true };
    port.answer("thread/list", () => {
      if (!codex.answers) throw new Error("codex is restarting");
      return page([thread("alpha", "Alpha thread")]);
    });
    assert.deepEqual(await rows(tree), ["Today", "Alpha thread"]);
    return codex;
  }

  it("a failed listing keeps the rows it could not refresh, with a row that lists again", async () => {
    const codex = await listedUntilCodexFails();
    let redrawn = 0;
    tree.onDidChangeTreeData(() => redrawn++);

    codex.answers = false;
    port.emit(started(thread("beta", "")));
    await waitFor("the failed reload's redraw", () => redrawn >= 2);
    assert.deepEqual(await rows(tree), [
      "Could not list past threads (Select to try again)",
      "Today",
      "New thread",
      "Alpha thread",
    ]);
    const [failed] = await tree.getChildren();
    const retry = tree.getTreeItem(failed!) as unknown as { command?: { command: string } };
    assert.equal(retry.command?.command, "chatgpt.threads.refresh");

    codex.answers = true;
    tree.reload();
    await rowsBecome(tree, ["Today", "New thread", "Alpha thread"]);
  });

  it("a failed listing under a new filter shows none of the unfiltered rows", async () => {
    const codex = await listedUntilCodexFails();
    codex.answers = false;
    tree.setFilter("beta");
    assert.deepEqual(await rows(tree), ["Could not list past threads (Select to try again)"]);
  });

  it("a reload while a page is on its way lists again rather than keep the older page", async () => {
    const pages = port.hold("thread/list");
    const first = tree.getChildren();
    await waitFor("the first thread/list", () => pages.length === 1);
    tree.reload(); // e.g. a thread was renamed while codex was answering
    pages[0]!(page([thread("alpha", "Old name")]));
    await waitFor("a thread/list after the reload", () => pages.length === 2);
    pages[1]!(page([thread("alpha", "New name")]));
    const [today] = await first;
    assert.ok(today);
    const titles = (await tree.getChildren(today)).map(
      (node) => (tree.getTreeItem(node) as unknown as TreeItem).label,
    );
    assert.deepEqual(titles, ["New name"]);
    assert.deepEqual(await rows(tree), ["Today", "New name"]);
  });
});

/** Reads the tree until it shows `expected`; fails after 200 turns of the event loop. */
async function rowsBecome(tree: ThreadsTree, expected: string[]): Promise<void> {
  let shown: string[] = [];
  for (let turn = 0; turn < 200; turn++) {
    shown = await rows(tree);
    if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(shown, expected);
}

/** Lets pending promise callbacks run until `condition` holds, then a few turns more. */
async function settle(condition: () => boolean): Promise<void> {
  await waitFor("the work to settle", condition);
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Lets pending promise callbacks run until `condition` holds; fails after 200 turns. */
async function waitFor(what: string, condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`${what} never came`);
}
