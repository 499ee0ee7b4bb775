import "./setup";
import * as assert from "node:assert/strict";
import { act } from "@testing-library/preact";
import type { HookRunSummary } from "../../protocol/codex/v2/HookRunSummary";
import type { ThreadItem } from "../../protocol/webview/viewModel";
import { button, click, hydrate, mount, thread, threadEvents, turn, unmount } from "./harness";
import {
  SECOND_AGENT,
  SPAWNED_AGENT,
  collabSpawn,
  collabWait,
  dynamicTool,
  functionOutput,
  hookPrompt,
  newItems,
  sleepItem,
  subAgentStarted,
} from "./fixtures/newItems";

function row(root: HTMLElement, itemId: string): HTMLElement {
  const element = root.querySelector<HTMLElement>(`[data-row-key="item:t1:${itemId}"]`);
  if (!element) throw new Error(`no row for ${itemId}`);
  return element;
}

/** A finished command `ls` in /work/project, with `fields` changed. */
function commandItem(id: string, fields: Record<string, unknown>): ThreadItem {
  return {
    type: "commandExecution",
    id,
    pluginId: null,
    scriptPath: null,
    command: "ls",
    cwd: "/work/project",
    processId: null,
    source: "agent",
    status: "completed",
    commandActions: [],
    aggregatedOutput: "",
    exitCode: 0,
    durationMs: 5,
    ...fields,
  } as ThreadItem;
}

describe("webview: every item codex sends", () => {
  afterEach(unmount);

  it("shows a command's directory relative to the thread's folder, as the approval card does", () => {
    const command = (id: string, cwd: string) => commandItem(id, { cwd });
    const { root } = mount();
    hydrate({
      thread: thread([
        turn("t1", [
          command("c1", "/work/project"),
          command("c2", "/work/project/src/lib"),
          command("c3", "/tmp/elsewhere"),
        ]),
      ]),
    });
    const folders = [...root.querySelectorAll(".item.command .item-meta > span:first-child")];
    assert.deepEqual(
      folders.map((span) => span.textContent?.trim()),
      ["project", "src/lib", "/tmp/elsewhere"],
    );
    assert.equal(folders[1]?.getAttribute("title"), "/work/project/src/lib");
  });

  it('shows a command\'s duration, but no "0 ms" for one under a millisecond or not timed', () => {
    const command = (id: string, durationMs: number | null) => commandItem(id, { durationMs });
    const { root } = mount();
    hydrate({
      thread: thread([
        turn("t1", [
          command("c1", 0),
          command("c2", 0.4),
          command("c3", null),
          command("c4", 3),
          command("c5", 1500),
        ]),
      ]),
    });
    const meta = (id: string) =>
      [...row(root, id).querySelectorAll(".item-meta > span")].map((span) =>
        span.textContent?.trim(),
      );
    assert.deepEqual(meta("c1"), ["project", "exit 0"]);
    assert.deepEqual(meta("c2"), ["project", "exit 0"]);
    assert.deepEqual(meta("c3"), ["project", "exit 0"]);
    assert.deepEqual(meta("c4"), ["project", "exit 0", "3 ms"]);
    assert.deepEqual(meta("c5"), ["project", "exit 0", "1.5 s"]);
  });

  it("renders none of the newer item types as the generic row", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", newItems)]) });
    for (const item of newItems) assert.ok(row(root, item.id).textContent, item.type);
    assert.equal(root.querySelectorAll(".generic-item").length, 0);
  });

  it("shows a spawned sub-agent with its task, model and nested agents with their own status", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [collabSpawn, collabWait])]) });
    const spawn = row(root, collabSpawn.id);
    assert.match(spawn.textContent ?? "", /Started a sub-agent/);
    assert.match(spawn.textContent ?? "", /gpt-5\.1-codex-mini · low/);
    // completed: collapsed until opened
    assert.doesNotMatch(spawn.textContent ?? "", /Find every caller/);
    click(spawn, "Details");
    assert.match(spawn.textContent ?? "", /Find every caller of greet\(\)/);
    assert.match(spawn.querySelector(".agent-list")?.textContent ?? "", /running/);

    // a call still waiting is open, each agent nested with its status and last message
    const wait = row(root, collabWait.id);
    assert.match(wait.textContent ?? "", /Waiting for sub-agents/);
    const agents = Array.from(wait.querySelectorAll(".agent-state"));
    assert.equal(agents.length, 2);
    assert.match(agents[0]!.textContent ?? "", /done/);
    assert.match(agents[0]!.textContent ?? "", /called from src\/app\.ts/);
    assert.ok(agents[0]!.textContent?.includes(SPAWNED_AGENT.slice(-8)));
    assert.match(agents[1]!.textContent ?? "", /failed.*sandbox denied/);
    assert.ok(agents[1]!.querySelector("[title]")?.getAttribute("title") === SECOND_AGENT);
    click(wait, "Details");
    assert.equal(wait.querySelectorAll(".agent-state").length, 0, "collapsible");
  });

  it("updates a sub-agent's status as codex reports it", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [collabSpawn], { status: "inProgress" })]) });
    click(row(root, collabSpawn.id), "Details");
    threadEvents("thread-1", [
      {
        type: "itemUpserted",
        turnId: "t1",
        item: {
          ...collabSpawn,
          agentsStates: { [SPAWNED_AGENT]: { status: "completed", message: "Found 2 callers." } },
        },
      },
    ]);
    const agent = row(root, collabSpawn.id).querySelector(".agent-state")!;
    assert.match(agent.textContent ?? "", /done/);
    assert.match(agent.textContent ?? "", /Found 2 callers/);
  });

  it("names sub-agent activity, hook prompts, dynamic tools, outputs and sleeps", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", newItems)]) });
    assert.match(row(root, subAgentStarted.id).textContent ?? "", /Sub-agent explorer started/);

    const hook = row(root, hookPrompt.id);
    assert.match(hook.textContent ?? "", /A hook added to the prompt \(2\)/);
    click(hook, "What the hook added");
    assert.match(hook.textContent ?? "", /never edit files under vendor/);
    assert.match(hook.textContent ?? "", /npm run lint/);

    const dynamic = row(root, dynamicTool.id);
    assert.match(dynamic.textContent ?? "", /Called editor\.open_tabs/);
    click(dynamic, "Details");
    assert.match(dynamic.textContent ?? "", /"limit": 5/);
    assert.match(dynamic.textContent ?? "", /src\/app\.ts/);

    const output = row(root, functionOutput.id);
    assert.match(output.textContent ?? "", /Output of read_file/);
    act(() => button(output, "Output").control.click());
    assert.match(output.textContent ?? "", /export function greet/);

    assert.match(row(root, sleepItem.id).textContent ?? "", /Waited 5\.0 s/);
  });

  it("shows which hook ran, where it ran, and what it decided", () => {
    const { root } = mount();
    hydrate({ thread: thread([turn("t1", [collabSpawn], { status: "inProgress" })]) });
    const run = {
      id: "run-1",
      eventName: "preToolUse" as const,
      handlerType: "command" as const,
      executionMode: "sync" as const,
      scope: "turn" as const,
      sourcePath: "/home/dev/.codex/hooks/guard.sh",
      source: "user" as const,
      displayOrder: 0,
      status: "running" as const,
      statusMessage: null,
      startedAt: 1,
      completedAt: null,
      durationMs: null,
      entries: [],
    } as unknown as HookRunSummary;
    threadEvents("thread-1", [{ type: "hookRun", turnId: "t1", run }]);
    threadEvents("thread-1", [{ type: "itemUpserted", turnId: "t1", item: sleepItem }]);
    const keys = () =>
      Array.from(root.querySelectorAll(".vrow")).map((row) => row.getAttribute("data-row-key"));
    assert.deepEqual(keys(), ["item:t1:collab-1", "hook:t1:run-1", "item:t1:sleep-1"], "in order");
    const hook = () => root.querySelector<HTMLElement>('[data-row-key="hook:t1:run-1"]')!;
    assert.match(hook().textContent ?? "", /Hook preToolUse \(guard\.sh\)running/);
    threadEvents("thread-1", [
      {
        type: "hookRun",
        turnId: "t1",
        run: {
          ...run,
          status: "blocked",
          statusMessage: "rm -rf is not allowed here",
          entries: [{ kind: "feedback", text: "Use git clean instead." }],
        },
      },
    ]);
    assert.match(hook().textContent ?? "", /blocked/);
    assert.match(hook().textContent ?? "", /rm -rf is not allowed here/);
    assert.match(hook().textContent ?? "", /Use git clean instead/);
    assert.deepEqual(keys(), ["item:t1:collab-1", "hook:t1:run-1", "item:t1:sleep-1"], "in place");
  });

  it("still shows an item type newer than its bindings as a neutral row", () => {
    const { root } = mount();
    const future = { type: "teleport", id: "x1" } as unknown as (typeof newItems)[number];
    hydrate({ thread: thread([turn("t1", [future])]) });
    assert.match(row(root, "x1").textContent ?? "", /teleport/);
  });
});
