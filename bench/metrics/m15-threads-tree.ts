/**
 * 15. The Threads tree with 1,000 threads: the first render (what VS Code asks when the view
 * opens: the root, each group's children, a TreeItem per row) over a `thread/list` answering one
 * page of 50, then each "Load more…" page up to all 1,000, with every thread's live state set.
 * Outside an extension host: `vscode` is a plain stub (bench/lib/vscodeStub.cjs), the port
 * answers `thread/list` from memory, so this measures the tree's own work.
 */
import Module from "node:module";
import path from "node:path";

import { ThreadStates } from "../../extension/threads/threadStates";
import type { ServerNotification } from "../../protocol/codex/ServerNotification";
import { fakePort } from "../lib/fakePort";
import { log, median, report } from "../lib/report";

const THREADS = 1_000;
const REPS = Math.max(5, Number(process.env.BENCH_REPS ?? 5));

// `vscode` resolves to the stub for the tree module loaded below.
const stub = path.join(__dirname, "../lib/vscodeStub.cjs");
const moduleApi = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
};
const resolve = moduleApi._resolveFilename;
moduleApi._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? stub : resolve.call(this, request, ...rest);
};

interface Node {
  kind: string;
}
interface Tree {
  getChildren(node?: Node): Promise<Node[]>;
  getTreeItem(node: Node): unknown;
  loadMore(): Promise<void>;
  dispose(): void;
}

const now = Math.floor(Date.now() / 1000);
const threads = Array.from({ length: THREADS }, (_, i) => ({
  id: `thread-${i}`,
  name: i % 7 === 0 ? `Named thread ${i}` : null,
  preview: `Fix the flaky test number ${i} in the payment service\nand more`,
  updatedAt: now - i * 3_600,
}));

function states(): ThreadStates {
  const live = new ThreadStates();
  const flags = [[], ["waitingOnApproval"]];
  for (let i = 0; i < THREADS; i += 3) {
    live.handle({
      method: "thread/status/changed",
      params: { threadId: `thread-${i}`, status: { type: "active", activeFlags: flags[i % 2] } },
    } as unknown as ServerNotification);
  }
  return live;
}

/** Renders what is expanded: the root, each group's rows, one TreeItem each. */
async function render(tree: Tree): Promise<number> {
  let items = 0;
  for (const node of await tree.getChildren()) {
    tree.getTreeItem(node);
    items++;
    for (const child of await tree.getChildren(node)) {
      tree.getTreeItem(child);
      items++;
    }
  }
  return items;
}

async function main(): Promise<void> {
  const { ThreadsTree } = (await import("../../extension/views/threadsTree")) as unknown as {
    ThreadsTree: new (options: unknown) => Tree;
  };
  const port = fakePort();
  let listed = 0;
  port.request = (async (method: string, params: { cursor: string | null; limit: number }) => {
    if (method !== "thread/list") throw new Error(`unexpected ${method}`);
    const start = params.cursor ? Number(params.cursor) : 0;
    const end = Math.min(THREADS, start + params.limit);
    listed += end - start;
    return {
      data: threads.slice(start, end),
      nextCursor: end < THREADS ? String(end) : null,
    };
  }) as typeof port.request;
  const first: number[] = [];
  const page: number[] = [];
  const all: number[] = [];
  let rows = 0;
  for (let rep = 0; rep < REPS + 1; rep++) {
    const tree = new ThreadsTree({
      port,
      states: states(),
      logger: { warn: () => undefined, info: () => undefined, error: () => undefined },
      folders: () => ["/ws"],
      ensureStarted: async () => undefined,
    });
    const started = performance.now();
    await render(tree);
    const firstMs = performance.now() - started;
    const pages: number[] = [];
    while (listed % THREADS !== 0 || listed === 0) {
      const before = performance.now();
      await tree.loadMore();
      rows = await render(tree);
      pages.push(performance.now() - before);
    }
    listed = 0;
    tree.dispose();
    if (rep === 0) continue; // warm-up
    first.push(firstMs);
    page.push(Math.max(...pages));
    all.push(pages.at(-1)!);
  }
  log(`threads tree: ${THREADS} threads in pages of 50, ${rows} rows at the end; ${REPS} reps`);
  report("15", [
    {
      name: "15 Threads tree first render (first page of 1,000 threads)",
      value: median(first),
      unit: "ms",
      target: "< 16 ms",
      pass: median(first) < 16,
      detail: `root + groups + 50 rows, median of ${REPS}`,
    },
    {
      name: "15 Threads tree, slowest Load more page up to 1,000",
      value: median(page),
      unit: "ms",
      target: "< 16 ms",
      pass: median(page) < 16,
      detail: `each page re-renders every listed row; the last (1,000 rows) median ${median(all).toFixed(2)} ms`,
    },
  ]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
