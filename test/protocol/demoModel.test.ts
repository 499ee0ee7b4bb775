/**
 * The demo of `npm start -- --mock` against the real, pinned codex, driven through the bridge as
 * the webview drives it: the demo model's scripts (test/support/mockModel/demo) make codex run
 * real commands and write real files in the demo project, in Agent mode (the default) and in
 * Chat mode (read-only sandbox: codex asks first).
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as path from "node:path";

import { ChatBridge } from "../../extension/bridge/bridge";
import type { ApprovalView } from "../../protocol/webview/viewModel";
import {
  itemsOf,
  lastTurn,
  pendingApproval,
  turnsDone,
  waitForState,
} from "../support/bridgeState";
import { killAllCodex, spawnCodex } from "../support/appServerHarness";
import { createCodexHome, type CodexHome } from "../support/codexHome";
import {
  demoCodexHomeOptions,
  demoModelReply,
  startDemoModel,
} from "../support/mockModel/demo/demoModel";
import type { MockModel } from "../support/mockModel/server";
import {
  DEMO_TODO,
  createDemoWorkspace,
  type DemoWorkspace,
} from "../support/mockModel/demo/workspace";
import { memoryLogger, startCodexHarness, type CodexHarness } from "../support/recordCodexStream";

describe("demo model: npm start -- --mock drives the real codex in the demo project", function () {
  this.timeout(60_000);
  let harness: CodexHarness;
  let workspace: DemoWorkspace;
  let bridge: ChatBridge;

  beforeEach(async () => {
    const { modelUrl: _unused, ...homeOptions } = demoCodexHomeOptions("");
    harness = await startCodexHarness(homeOptions);
    harness.model.onRequest(demoModelReply);
    workspace = await createDemoWorkspace();
    bridge = new ChatBridge({
      port: harness.port,
      logger: memoryLogger(harness.log),
      cwd: () => workspace.dir,
      openExternal: async () => false,
      confirmFullAccess: async () => true,
      batchIntervalMs: 16,
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed") console.log(harness.log.slice(-40).join("\n"));
    bridge.dispose();
    await harness.dispose();
    await workspace.dispose();
  });

  const file = (name: string) => readFile(path.join(workspace.dir, name), "utf8");

  async function turn(prompt: string, count = 1) {
    await bridge.threads.send(prompt, []);
    const done = await waitForState(bridge, turnsDone(count), `the turn for "${prompt}"`);
    assert.equal(lastTurn(done)?.status, "completed", JSON.stringify(lastTurn(done)?.error));
    return done;
  }

  async function approve(kind: ApprovalView["request"]["kind"]): Promise<void> {
    const state = await waitForState(bridge, (s) => !!pendingApproval(s), `a ${kind} approval`);
    const approval = pendingApproval(state)!;
    assert.equal(approval.request.kind, kind, JSON.stringify(approval.request));
    bridge.approvals.answer(approval.id, { kind: "decision", decision: "accept" });
  }

  const lastMessage = (state: Parameters<typeof itemsOf>[0]) =>
    itemsOf(state, "agentMessage").at(-1)?.text ?? "";

  it('"run ls" runs ls in the demo project and answers with its output', async () => {
    const done = await turn("run ls");
    const [command] = itemsOf(done, "commandExecution");
    assert.equal(command?.status, "completed", JSON.stringify(command));
    assert.equal(command.cwd, workspace.dir);
    assert.match(command.aggregatedOutput ?? "", /check\.mjs\nfoo\.ts\npackage\.json/);
    assert.match(lastMessage(done), /^`ls` exited with code 0:\n\n```\nREADME\.md\ncheck\.mjs/);
  });

  it('"create hello.txt" writes the file (Agent mode: without asking)', async () => {
    const done = await turn("create hello.txt");
    const [change] = itemsOf(done, "fileChange");
    assert.equal(change?.status, "completed", JSON.stringify(change));
    assert.equal(await file("hello.txt"), "Hello from the Codex demo!\n");
    assert.match(lastMessage(done), /^Created `hello\.txt`/);
  });

  it('"create hello.txt" in Chat mode asks first, then writes it', async () => {
    await bridge.models.choose({ mode: "chat" });
    await bridge.threads.send("create hello.txt", []);
    await approve("fileChange");
    const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
    assert.equal(await file("hello.txt"), "Hello from the Codex demo!\n");
    assert.match(lastMessage(done), /^Created `hello\.txt`/);
  });

  it('"fix the TODO in foo.ts" finds the TODO, patches it and the test passes', async () => {
    const done = await turn("fix the TODO in foo.ts");
    const source = await file("foo.ts");
    assert.ok(!source.includes("TODO"), source);
    assert.ok(source.includes(DEMO_TODO.fix), source);
    const commands = itemsOf(done, "commandExecution");
    assert.deepEqual(
      commands.map((c) => [c.status, c.exitCode]),
      [
        ["completed", 0],
        ["completed", 0],
      ],
    );
    assert.match(commands[1]?.aggregatedOutput ?? "", /PASS/);
    assert.equal(itemsOf(done, "fileChange")[0]?.status, "completed");
    assert.match(lastMessage(done), /Undo turn/);
  });

  it("/review after the fix reviews the diff of the demo project's git repository", async () => {
    await turn("fix the TODO in foo.ts");
    await bridge.threads.review({ type: "uncommittedChanges" }, "inline");
    const done = await waitForState(
      bridge,
      (s) => itemsOf(s, "exitedReviewMode").length > 0 && turnsDone(2)(s),
      "the review to complete",
    );
    const [exited] = itemsOf(done, "exitedReviewMode");
    assert.match(
      exited?.review ?? "",
      /^Reviewed 1 changed file: `foo\.ts`\.\n\n- \*\*Looks right/,
    );
  });

  it('"append a line to README.md" in Chat mode: the sandbox blocks it, codex asks, it runs', async () => {
    await bridge.models.choose({ mode: "chat" });
    await bridge.threads.send("append a line to README.md", []);
    await approve("command");
    const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
    const commands = itemsOf(done, "commandExecution");
    // codex either runs it in the read-only sandbox first (blocked, then it asks to run it
    // outside) or asks before the first run; both were seen in full suite runs. Either way the
    // user was asked (approve above) and the line is there.
    assert.ok(commands.length === 1 || commands.length === 2, JSON.stringify(commands));
    if (commands.length === 2) assert.notEqual(commands[0]?.exitCode, 0);
    assert.equal(commands.at(-1)?.exitCode, 0);
    assert.match(await file("README.md"), /A line added by a shell command\.\n$/);
  });

  it('"ask me a question" asks with options; the answer reaches the model', async () => {
    await bridge.threads.send("ask me a question", []);
    const state = await waitForState(bridge, (s) => !!pendingApproval(s), "the question");
    const approval = pendingApproval(state)!;
    assert.equal(approval.request.kind, "userInput", JSON.stringify(approval.request));
    bridge.approvals.answer(approval.id, {
      kind: "userInput",
      answers: { greeting_language: ["French"] },
    });
    const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
    assert.match(lastMessage(done), /^You picked \*\*French\*\*/);
  });

  it('"install the dependencies" asks in Agent mode too, then npm install runs', async () => {
    await bridge.threads.send("install the dependencies", []);
    await approve("command");
    const done = await waitForState(bridge, turnsDone(1), "the turn to complete");
    const [command] = itemsOf(done, "commandExecution");
    assert.equal(command?.exitCode, 0, JSON.stringify(command));
    assert.ok((await file("package-lock.json")).includes('"name": "codex-demo"'));
  });

  it('"show an error" fails the turn with its message; the same message again succeeds', async () => {
    await bridge.threads.send("show an error", []);
    const failed = await waitForState(bridge, turnsDone(1), "the failed turn");
    assert.equal(lastTurn(failed)?.status, "failed");
    assert.match(JSON.stringify(lastTurn(failed)?.error), /failed this request on purpose/);
    const retried = await turn("show an error", 2);
    assert.match(lastMessage(retried), /retry worked/);
  });

  it('"a long answer" streams until Stop interrupts it', async () => {
    await bridge.threads.send("a long answer", []);
    await waitForState(
      bridge,
      (s) => /## Markdown/.test(itemsOf(s, "agentMessage")[0]?.text ?? ""),
      "the answer to stream",
    );
    await bridge.threads.interrupt();
    const done = await waitForState(bridge, turnsDone(1), "the turn to end");
    assert.equal(lastTurn(done)?.status, "interrupted");
    assert.doesNotMatch(lastMessage(done), /end of the long answer/);
  });

  it('"run a slow command" streams its output until Stop interrupts the turn', async () => {
    await bridge.threads.send("run a slow command", []);
    await waitForState(
      bridge,
      (s) => /step 2 of 10/.test(itemsOf(s, "commandExecution")[0]?.aggregatedOutput ?? ""),
      "the slow command's output to stream",
    );
    await bridge.threads.interrupt();
    const done = await waitForState(bridge, turnsDone(1), "the turn to end");
    assert.equal(lastTurn(done)?.status, "interrupted");
  });

  it('"plan the cleanup" shows a plan whose steps all complete', async () => {
    const done = await turn("plan the cleanup");
    const plan = lastTurn(done)?.plan;
    assert.equal(plan?.steps.length, 4, JSON.stringify(plan));
    assert.deepEqual(
      plan.steps.map((step) => step.status),
      ["completed", "completed", "completed", "completed"],
    );
    assert.equal(itemsOf(done, "commandExecution").length, 3);
    assert.match(lastMessage(done), /1 open TODO\.[\s\S]*The test fails/);
  });
});

/**
 * codex's Plan collaboration mode, straight on the app-server (not through the bridge, whose
 * plan mode is another piece of work): the demo model looks around with read-only commands and
 * answers with a `<proposed_plan>`, which codex turns into a `plan` item; "Implement the plan."
 * in the default mode then carries it out.
 */
describe("demo model: Plan mode on the real codex", function () {
  this.timeout(60_000);
  let model: MockModel;
  let home: CodexHome;
  let workspace: DemoWorkspace;

  beforeEach(async () => {
    model = await startDemoModel();
    home = await createCodexHome(demoCodexHomeOptions(model.url));
    workspace = await createDemoWorkspace();
  });

  afterEach(async () => {
    await killAllCodex();
    await model.close();
    await home.dispose();
    await workspace.dispose();
  });

  it("a proposed plan becomes codex's plan item; Implement the plan. fixes the TODO", async () => {
    const session = await spawnCodex({ codexHome: home.dir, initialize: false });
    await session.client.initialize(
      { name: "codex_vscode_tests", title: null, version: "0.0.0" },
      { experimentalApi: true, requestAttestation: false },
      { timeoutMs: 20_000 },
    );
    const { thread } = await session.client.request("thread/start", { cwd: workspace.dir });
    const settings = { model: "mock-model", reasoning_effort: null, developer_instructions: null };
    const startTurn = async (text: string, mode: "plan" | "default") => {
      const params = {
        threadId: thread.id,
        input: [{ type: "text" as const, text, text_elements: [] }],
        collaborationMode: { mode, settings },
      };
      const { turn } = await session.client.request("turn/start", params);
      return session.waitFor("turn/completed", (n) => n.params.turn.id === turn.id, 30_000);
    };

    const planned = await startTurn("plan the cleanup", "plan");
    assert.equal(planned.params.turn.status, "completed");
    const planItem = session.notifications.find(
      (n) => n.method === "item/completed" && n.params.item.type === "plan",
    );
    assert.ok(planItem?.method === "item/completed" && planItem.params.item.type === "plan");
    assert.match(
      planItem.params.item.text,
      /^# Plan\n\n1\. Read the 1 open TODO \(first: `foo\.ts:7:/,
    );
    assert.ok((await readFile(path.join(workspace.dir, "foo.ts"), "utf8")).includes("TODO"));

    const implemented = await startTurn("Implement the plan.", "default");
    assert.equal(implemented.params.turn.status, "completed");
    const source = await readFile(path.join(workspace.dir, "foo.ts"), "utf8");
    assert.ok(source.includes(DEMO_TODO.fix), source);
  });
});
