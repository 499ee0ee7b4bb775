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

function thread(id: string, preview: string): Thread {
  const now = Math.floor(Date.now() / 1000);
  return { id, name: null, preview, createdAt: now, updatedAt: now } as Thread;
}

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

  it("a thread started while the tree is shown is listed when its state next changes", async () => {
    let listed: Thread[] = [];
    port.answer("thread/list", () => ({ data: listed, nextCursor: null }));
    assert.deepEqual(await rows(tree), []);

    const alpha = thread("alpha", "Alpha thread");
    // Not listed yet at thread/started, nor when its first turn starts.
    port.emit({ method: "thread/started", params: { thread: alpha } } as ServerNotification);
    assert.deepEqual(await rows(tree), []);
    port.emit({
      method: "thread/status/changed",
      params: { threadId: "alpha", status: { type: "active", activeFlags: [] } },
    } as ServerNotification);
    assert.deepEqual(await rows(tree), []);

    // Listed by the time the model asks for an approval.
    listed = [alpha];
    port.emit({
      method: "thread/status/changed",
      params: { threadId: "alpha", status: { type: "active", activeFlags: ["waitingOnApproval"] } },
    } as ServerNotification);
    await rowsBecome(tree, ["Today", "Alpha thread (Waiting for approval)"]);
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

/** Lets pending promise callbacks run until `condition` holds; fails after 200 turns. */
async function waitFor(what: string, condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`${what} never came`);
}
